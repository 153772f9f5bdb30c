import type { PreshowCheck } from '@cv/shared/protocol';
import { flushPromises, mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import { hostView, round, seats } from '../test/fixtures.ts';
import { loggedIn } from '../test/setup.ts';
import PreshowView from './PreshowView.vue';

const check = (patch: Partial<PreshowCheck> = {}): PreshowCheck => ({
  store: { kind: 'sqlite', durable: true },
  devices: [
    { role: 'host', clockOffsetMs: 12 },
    { role: 'screen', clockOffsetMs: -40 },
    { role: 'player', seat: 1, clockOffsetMs: 2600 },
  ],
  audience: 7,
  links: {
    base: 'http://127.0.0.1:3000',
    source: 'page',
    publicUrl: null,
    audience: 'http://127.0.0.1:3000/board/?show=demo&mode=audience',
    shortBoard: '127.0.0.1:3000/s/demo',
    shortAudience: '127.0.0.1:3000/a/demo',
    warning: 'loopback',
  },
  scene: 'live',
  serverNow: 1,
  ...patch,
});

async function preshow(c: PreshowCheck, role: 'host' | 'judge' = 'host') {
  const view = hostView({ stage: 'lobby', seats: seats().map((s) => ({ ...s, connected: s.seat === 1 })) });
  const ctx = await loggedIn(view, role);
  ctx.fake.replies.set('preshow:check', { ok: true, data: c });
  ctx.fake.replies.set('screen:control', { ok: true, data: { scene: 'logo', screens: 1 } });
  const wrapper = mount(PreshowView, { global: { plugins: ctx.plugins } });
  await flushPromises();
  return { ...ctx, wrapper };
}

describe('PreshowView: Kiểm tra trước giờ diễn', () => {
  it('names the seats without a tablet, the loopback QR address, the screens, the store and each clock', async () => {
    const { wrapper } = await preshow(check());
    const n = seats().length;
    expect(wrapper.get('[data-test=preshow-seat-count]').text()).toBe(`1/${n} ghế đã kết nối`);
    expect(wrapper.get('[data-test=preshow-missing]').text()).toContain(`ghế 2`);
    expect(wrapper.get('[data-test=join-warning]').text()).toContain('không vào được');
    expect(wrapper.get('[data-test=preshow-screens]').text()).toContain('1 màn hình đang kết nối');
    expect(wrapper.get('[data-test=preshow-store]').text()).toContain('SQLite');
    expect(wrapper.get('[data-test=preshow-store]').text()).toContain('mất điện');
    // seat 1's tablet runs 2.6 s off: flagged
    const seat1 = wrapper.get('[data-test=preshow-seat-1]');
    expect(seat1.text()).toContain('+2.6 s');
    expect(seat1.find('.bad').exists()).toBe(true);
  });

  it('a memory store is called unfit for a real show; no screen means no sound test', async () => {
    const { wrapper } = await preshow(
      check({ store: { kind: 'memory', durable: false }, devices: [{ role: 'host', clockOffsetMs: 0 }] }),
    );
    expect(wrapper.get('[data-test=preshow-store]').text()).toContain('không dùng cho chương trình thật');
    expect(wrapper.get('[data-test=preshow-screens]').text()).toContain('Chưa có màn hình lớn');
    expect(wrapper.get('[data-test=preshow-sound]').attributes('disabled')).toBeDefined();
  });

  it('sends the sound test and the projector scene', async () => {
    const { wrapper, fake } = await preshow(check());
    await wrapper.get('[data-test=preshow-sound]').trigger('click');
    await wrapper.get('[data-test=scene-logo]').trigger('click');
    await flushPromises();
    expect(fake.requests.map((r) => [r.event, r.args[0]])).toEqual([
      ['preshow:check', undefined],
      ['screen:control', { action: 'sound-test' }],
      ['screen:control', { action: 'scene', scene: 'logo' }],
    ]);
    expect(wrapper.get('[data-test=preshow-sound-sent]').text()).toContain('1 màn hình');
  });

  it('a judge looks but does not drive the projector', async () => {
    const { wrapper } = await preshow(check(), 'judge');
    expect(wrapper.get('[data-test=scene-black]').attributes('disabled')).toBeDefined();
    expect(wrapper.get('[data-test=preshow-sound]').attributes('disabled')).toBeDefined();
  });
});

describe('PreshowView: the rehearsal question', () => {
  const rehearsalRound = (phase: 'answering' | 'revealed') =>
    round(phase, {
      index: -8,
      mode: 'rehearsal',
      number: null,
      answers: {
        1: { value: 0, elapsedMs: 900, correct: true },
        3: { value: 1, elapsedMs: 1200, correct: false },
      },
      verdicts: phase === 'revealed' ? { 1: true, 3: false } : null,
    });

  it('one click starts it; while it runs the page shows its step and answers and can stop it', async () => {
    const { wrapper, fake } = await preshow(check());
    expect(wrapper.get('[data-test=rehearsal]').text()).toContain('không tính điểm');
    await wrapper.get('[data-test=rehearsal-start]').trigger('click');
    await flushPromises();
    expect(fake.commands).toEqual([{ name: 'preshow:rehearse', payload: { action: 'start', version: 7 } }]);

    const lobby = hostView({ stage: 'lobby', seats: seats() });
    fake.update({ view: { ...lobby, round: rehearsalRound('answering'), nextStep: 'rehearsal' } });
    await flushPromises();
    expect(wrapper.find('[data-test=rehearsal-start]').exists()).toBe(false);
    expect(wrapper.get('[data-test=rehearsal-phase-answering]').text()).toContain('Đang tính giờ');
    expect(wrapper.get('[data-test=rehearsal-answered]').text()).toBe('2/4 ghế đã trả lời');
    // the seat table follows: which tablets' answers arrived
    fake.update({
      view: {
        ...lobby,
        seats: seats().map((s) => ({ ...s, answered: s.seat === 1 || s.seat === 3 })),
        round: rehearsalRound('answering'),
        nextStep: 'rehearsal',
      },
    });
    await flushPromises();
    expect(wrapper.get('[data-test=preshow-answered-1]').text()).toBe('✓ Đã trả lời');
    expect(wrapper.get('[data-test=preshow-answered-2]').text()).toBe('Chưa trả lời');

    fake.update({ view: { ...lobby, round: rehearsalRound('revealed'), nextStep: 'rehearsal' } });
    await flushPromises();
    expect(wrapper.get('[data-test=rehearsal-status]').text()).toContain('1 đúng');
    await wrapper.get('[data-test=rehearsal-cancel]').trigger('click');
    await flushPromises();
    expect(fake.commands.at(-1)).toEqual({
      name: 'preshow:rehearse',
      payload: { action: 'cancel', version: 7 },
    });

    // it ends by itself: the lobby again, with what it showed
    fake.update({ view: { ...lobby, round: null } });
    fake.emitEvents([{ type: 'rehearsal-ended', round: -8, cancelled: false }]);
    await flushPromises();
    expect(wrapper.get('[data-test=rehearsal-done]').text()).toContain('2/4 ghế trả lời, 1 đúng');
    expect(wrapper.find('[data-test=preshow-answered-1]').exists()).toBe(false);
    expect(wrapper.find('[data-test=rehearsal-start]').attributes('disabled')).toBeUndefined();
  });

  it('not once the show has started, and never by a judge', async () => {
    const started = hostView({ stage: 'running', seats: seats() });
    const ctx = await loggedIn(started, 'host');
    ctx.fake.replies.set('preshow:check', { ok: true, data: check() });
    const wrapper = mount(PreshowView, { global: { plugins: ctx.plugins } });
    await flushPromises();
    expect(wrapper.get('[data-test=rehearsal-start]').attributes('disabled')).toBeDefined();
    expect(wrapper.get('[data-test=rehearsal-unavailable]').text()).toContain('chưa bắt đầu');
    const judge = await preshow(check(), 'judge');
    expect(judge.wrapper.get('[data-test=rehearsal-start]').attributes('disabled')).toBeDefined();
  });
});
