import type { SignInNotice, TakeoverRequest } from '@cv/shared/protocol';
import { flushPromises, mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import { createConsoleI18n } from '../../i18n/index.ts';
import { hostView } from '../../test/fixtures.ts';
import { loggedIn } from '../../test/setup.ts';
import SecurityPanel from './SecurityPanel.vue';
import SignInNotices from './SignInNotices.vue';

const at = Date.UTC(2026, 10, 30, 7, 5, 0);
const notice = (over: Partial<SignInNotice> = {}): SignInNotice => ({
  target: { kind: 'seat', seat: 7 },
  failures: 20,
  lockedUntil: null,
  address: '192.168.1.23',
  at,
  ...over,
});
const request: TakeoverRequest = {
  requestId: 'req-1',
  seat: 2,
  name: 'Nguyễn Thị Hoa',
  address: '192.168.1.40',
  userAgent: 'Mozilla/5.0 (iPad; CPU OS 17_0 like Mac OS X) AppleWebKit/605.1.15',
  at,
  expiresAt: at + 120_000,
};

describe('SignInNotices', () => {
  it('says which seat and how many wrong PINs, in Vietnamese and in English', () => {
    for (const [locale, text] of [
      ['vi', 'Ghế 7: 20 lần nhập sai PIN'],
      ['en', 'Seat 7: 20 wrong PINs'],
    ] as const) {
      const i18n = createConsoleI18n({ locale, persist: false });
      const wrapper = mount(SignInNotices, { props: { notices: [notice()] }, global: { plugins: [i18n] } });
      expect(wrapper.get('[data-test=sign-in-notice]').text()).toContain(text);
      expect(wrapper.text()).toContain('192.168.1.23');
    }
  });

  it('names the MC and judges’ PINs and shows a lock', () => {
    const i18n = createConsoleI18n({ locale: 'vi', persist: false });
    const wrapper = mount(SignInNotices, {
      props: { notices: [notice({ target: { kind: 'host' }, failures: 10, lockedUntil: at + 15 * 60_000 })] },
      global: { plugins: [i18n] },
    });
    expect(wrapper.text()).toContain('PIN của MC: 10 lần nhập sai');
    expect(wrapper.text()).toContain('tạm khoá đến');
    expect(wrapper.get('[data-test=sign-in-notice]').classes()).toContain('notice--locked');
  });

  it('renders nothing without notices', () => {
    const i18n = createConsoleI18n({ locale: 'vi', persist: false });
    const wrapper = mount(SignInNotices, { props: { notices: [] }, global: { plugins: [i18n] } });
    expect(wrapper.find('[data-test=sign-in-notices]').exists()).toBe(false);
  });
});

describe('SecurityPanel', () => {
  it('shows what the server pushed and dismisses a notice', async () => {
    const { fake, plugins } = await loggedIn(hostView());
    const wrapper = mount(SecurityPanel, { global: { plugins } });
    expect(wrapper.text()).toBe('');
    fake.update({ notices: [notice()] });
    await flushPromises();
    expect(wrapper.text()).toContain('Ghế 7: 20 lần nhập sai PIN');
    await wrapper.get('[data-test=notice-dismiss]').trigger('click');
    await flushPromises();
    expect(wrapper.find('[data-test=sign-in-notice]').exists()).toBe(false);
  });

  it('a takeover request: where it came from, and one click sends the MC’s decision', async () => {
    const { fake, plugins } = await loggedIn(hostView());
    const wrapper = mount(SecurityPanel, { global: { plugins } });
    fake.update({ takeoverRequests: [request] });
    await flushPromises();
    const row = wrapper.get('[data-test=takeover-request]');
    expect(row.text()).toContain('Ghế 2');
    expect(row.text()).toContain('Nguyễn Thị Hoa');
    expect(row.text()).toContain('192.168.1.40');
    expect(row.text()).toContain('iPad');
    await wrapper.get('[data-test=takeover-approve]').trigger('click');
    await flushPromises();
    expect(fake.requests).toContainEqual({
      event: 'seat:takeover-decide',
      args: [{ requestId: 'req-1', approve: true }],
    });
  });

  it('a judge sees the request but the MC decides', async () => {
    const { fake, plugins } = await loggedIn(hostView(), 'judge');
    const wrapper = mount(SecurityPanel, { global: { plugins } });
    fake.update({ takeoverRequests: [request] });
    await flushPromises();
    expect(wrapper.find('[data-test=takeover-approve]').exists()).toBe(false);
    expect(wrapper.text()).toContain('MC quyết định');
  });
});
