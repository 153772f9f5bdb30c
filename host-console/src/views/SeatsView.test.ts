import type { JoinLinks } from '@cv/shared/protocol';
import { flushPromises, mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import { hostView } from '../test/fixtures.ts';
import { loggedIn } from '../test/setup.ts';
import SeatsView from './SeatsView.vue';

const links = (patch: Partial<JoinLinks>): JoinLinks => ({
  base: 'http://10.0.0.5:3000',
  source: 'lan',
  publicUrl: null,
  audience: 'http://10.0.0.5:3000/board/?show=demo&mode=audience',
  shortBoard: '10.0.0.5:3000/s/demo',
  shortAudience: '10.0.0.5:3000/a/demo',
  warning: null,
  ...patch,
});

async function seatsView(l: JoinLinks) {
  const ctx = await loggedIn(hostView());
  ctx.fake.update({ links: l });
  const wrapper = mount(SeatsView, { global: { plugins: ctx.plugins } });
  await flushPromises();
  return wrapper;
}

describe('SeatsView: where the QR codes lead', () => {
  it('names the address and where it came from, without a warning on the LAN', async () => {
    const w = await seatsView(links({}));
    expect(w.get('[data-test=join-base]').text()).toBe('http://10.0.0.5:3000');
    expect(w.get('[data-test=join-address]').text()).toContain('địa chỉ mạng LAN của máy chủ');
    expect(w.find('[data-test=join-warning]').exists()).toBe(false);
  });

  it('warns when the cards would carry 127.0.0.1', async () => {
    const w = await seatsView(links({ base: 'http://127.0.0.1:3000', source: 'page', warning: 'loopback' }));
    expect(w.get('[data-test=join-warning]').text()).toContain(
      'máy tính bảng và điện thoại trong hội trường không vào được',
    );
    expect(w.get('[data-test=join-warning]').text()).toContain('PUBLIC_URL=');
  });

  it('warns when PUBLIC_URL differs from the address the MC opened', async () => {
    const w = await seatsView(
      links({ base: 'http://hall.local:3000', source: 'public-url', warning: 'not-public-url' }),
    );
    expect(w.get('[data-test=join-warning]').text()).toContain('khác địa chỉ bạn đang mở');
  });
});
