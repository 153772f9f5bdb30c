import { makeRound, makeView, sampleQuestion } from '@cv/shared/ui/testing/fake-show-client.ts';
import { flushPromises, mount } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import App from './App.vue';
import { useSessionStore } from './stores/session.ts';
import { seatSelf, setupBoard } from './test/setup.ts';

const self = seatSelf;

async function signedIn(search?: string) {
  const h = setupBoard(search);
  const wrapper = mount(App, { global: { plugins: h.plugins } });
  useSessionStore().loginSeat(1, '1234');
  await flushPromises();
  return { ...h, wrapper };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('player board', () => {
  it('asks for the PIN when the link names only the seat', () => {
    const h = setupBoard('?show=demo&seat=7');
    const wrapper = mount(App, { global: { plugins: h.plugins } });
    expect(wrapper.find('[data-testid=seat-login]').exists()).toBe(true);
    expect((wrapper.find('[data-testid=login-seat]').element as HTMLInputElement).value).toBe('7');
  });

  it('goes back to the form with a translated reason on a wrong PIN', async () => {
    const { fake, wrapper } = await signedIn();
    fake.push({ authError: 'UNAUTHORIZED' });
    await flushPromises();
    expect(wrapper.find('[data-testid=login-error]').text()).toContain('Sai mã PIN');
  });

  it('counts down from the server deadline through the clock offset', async () => {
    vi.useFakeTimers();
    vi.setSystemTime(1_000_000);
    const { fake, wrapper } = await signedIn();
    // the server clock runs 5 s ahead of this tablet; 12.3 s remain on the server's clock
    const serverNow = 1_000_000 + 5_000;
    fake.push({
      connected: true,
      synced: true,
      clockOffsetMs: 5_000,
      view: makeView({ round: makeRound({ deadline: serverNow + 12_300, remainingMs: null }) }),
      self: self(),
    });
    await flushPromises();
    expect(wrapper.find('[data-testid=countdown-seconds]').text()).toBe('13');
    vi.advanceTimersByTime(3_000);
    await flushPromises();
    expect(wrapper.find('[data-testid=countdown-seconds]').text()).toBe('10');
  });

  it('shows "received" only after the ack, on the chosen option', async () => {
    const { fake, wrapper } = await signedIn();
    fake.push({ connected: true, synced: true, view: makeView({ round: makeRound() }), self: self() });
    await flushPromises();
    await wrapper.find('[data-testid=choice-1]').trigger('click');
    await flushPromises();
    expect(wrapper.find('[data-testid=choice-1] [data-testid=choice-confirmed]').exists()).toBe(true);
    expect(wrapper.find('[data-testid=answer-received]').text()).toContain('Đã nhận câu trả lời');
    expect(wrapper.find('[data-testid=answer-received]').text()).toContain('B. Quyết định 06/QĐ-TTg');
  });

  it('offline with a change that did not get through: says which answer the server holds and that the change waits', async () => {
    const { fake, wrapper } = await signedIn();
    fake.push({ connected: true, synced: true, view: makeView({ round: makeRound() }), self: self() });
    await flushPromises();
    await wrapper.find('[data-testid=choice-2]').trigger('click');
    await flushPromises();
    fake.answerReply = () => ({ ok: false, error: { code: 'DISCONNECTED', message: 'dropped' } });
    await wrapper.find('[data-testid=choice-0]').trigger('click');
    fake.push({ connected: false, synced: false });
    await flushPromises();
    expect(wrapper.find('[data-testid=answer-held]').text()).toBe(
      'Máy chủ đang giữ câu trả lời: C. Chỉ thị 06',
    );
    expect(wrapper.find('[data-testid=answer-waiting]').text()).toContain('Đang chờ gửi: A. Nghị quyết 06');
    // never "received" beside "not sent"
    expect(wrapper.find('[data-testid=answer-received]').exists()).toBe(false);
    expect(wrapper.find('[data-testid=answer-error]').exists()).toBe(false);
    expect(wrapper.find('[data-testid=choice-0] [data-testid=choice-waiting]').exists()).toBe(true);
    expect(wrapper.find('[data-testid=choice-2]').attributes('aria-pressed')).toBe('true');

    fake.answerReply = (round, value) => ({ ok: true, data: { round, acceptedAt: 3, value } });
    fake.push({ connected: true, synced: true });
    await flushPromises();
    expect(fake.answers.map((a) => a.value)).toEqual([2, 0, 0]);
    expect(wrapper.find('[data-testid=answer-received]').text()).toContain('A. Nghị quyết 06');
    expect(wrapper.find('[data-testid=answer-waiting]').exists()).toBe(false);
  });

  it('translates a refusal (ANSWER_LATE) and confirms nothing', async () => {
    const { fake, wrapper } = await signedIn();
    fake.answerReply = () => ({ ok: false, error: { code: 'ANSWER_LATE', message: 'late' } });
    fake.push({ connected: true, synced: true, view: makeView({ round: makeRound() }), self: self() });
    await flushPromises();
    await wrapper.find('[data-testid=choice-2]').trigger('click');
    await flushPromises();
    expect(wrapper.find('[data-testid=answer-error]').text()).toContain('Đã hết giờ trả lời');
    expect(wrapper.find('[data-testid=choice-confirmed]').exists()).toBe(false);
  });

  it('replaces the old view after a reconnect: banner while down, then the new question', async () => {
    const { fake, wrapper } = await signedIn();
    fake.push({ connected: true, synced: true, view: makeView({ round: makeRound() }), self: self() });
    await flushPromises();
    expect(wrapper.find('[data-testid=question-prompt]').text()).toBe(sampleQuestion.prompt);

    fake.push({ connected: false, synced: false });
    await flushPromises();
    expect(wrapper.find('[data-testid=connection-banner]').text()).toContain(
      'Mất kết nối — đang kết nối lại…',
    );

    const next = { ...sampleQuestion, id: 'q2', prompt: 'VNeID do cơ quan nào quản lý?' };
    fake.push({
      connected: true,
      synced: true,
      view: makeView({ version: 9, round: makeRound({ index: 1, number: 2, question: next }) }),
      self: self({ round: 1 }),
    });
    await flushPromises();
    expect(wrapper.find('[data-testid=connection-banner]').exists()).toBe(false);
    expect(wrapper.find('[data-testid=question-prompt]').text()).toBe(next.prompt);
    expect(wrapper.find('[data-testid=question-heading]').text()).toBe('Câu 2');
  });

  it('shows the takeover notice and reconnects only when asked', async () => {
    const { fake, wrapper, clientsMade } = await signedIn();
    fake.push({ connected: true, synced: true, view: makeView(), self: self() });
    await flushPromises();
    fake.push({ takenOver: 'another device', connected: false });
    await flushPromises();
    const notice = wrapper.find('[data-testid=takeover-notice]');
    expect(notice.exists()).toBe(true);
    expect(notice.text()).toContain('Thiết bị khác đã đăng nhập vào ghế này');
    expect(wrapper.find('[data-testid=connection-banner]').exists()).toBe(false);
    const before = clientsMade();
    await wrapper.find('[data-testid=takeover-again]').trigger('click');
    expect(clientsMade()).toBe(before + 1);
  });

  it('tells an eliminated contestant to keep watching', async () => {
    const { fake, wrapper } = await signedIn();
    fake.push({
      connected: true,
      synced: true,
      view: makeView({ round: makeRound({ eligibleSeats: [2, 3] }) }),
      self: self({ status: 'eliminated', canAnswer: false, eligible: false }),
    });
    await flushPromises();
    expect(wrapper.find('[data-testid=not-eligible]').text()).toBe(
      'Bạn đã bị loại — hãy tiếp tục theo dõi, bạn có thể được cứu trợ',
    );
    expect(wrapper.find('[data-testid=answer-pad]').exists()).toBe(false);
    expect(wrapper.find('[data-testid=status-chip]').attributes('data-status')).toBe('eliminated');
  });

  it('shows the verdict and the correct answer after the reveal', async () => {
    const { fake, wrapper } = await signedIn();
    fake.push({
      connected: true,
      synced: true,
      view: makeView({
        round: makeRound({
          phase: 'revealed',
          deadline: null,
          remainingMs: null,
          revealedKey: { kind: 'single', answer: 1 },
          verdicts: { 1: false },
        }),
      }),
      self: self({ status: 'eliminated', canAnswer: false, answer: 0, correct: false }),
    });
    await flushPromises();
    const result = wrapper.find('[data-testid=round-result]');
    expect(result.text()).toContain('Chưa chính xác');
    expect(result.text()).toContain('B. Quyết định 06/QĐ-TTg');
    expect(wrapper.find('[data-testid=choice-1]').classes()).toContain('is-correct');
    expect(wrapper.find('[data-testid=choice-0]').classes()).toContain('is-wrong');
  });

  it('hidden options: "the options come next", never a text box (tablet and phone)', async () => {
    const { options: _hidden, ...withoutOptions } = sampleQuestion;
    const hidden = makeView({
      round: makeRound({ phase: 'shown', optionsHidden: true, question: withoutOptions }),
    });
    const { fake, wrapper } = await signedIn();
    fake.push({ connected: true, synced: true, view: hidden, self: self({ canAnswer: false }) });
    await flushPromises();
    expect(wrapper.find('[data-testid=options-hidden]').text()).toContain('Các phương án sẽ hiện sau');
    expect(wrapper.find('input').exists()).toBe(false);
    expect(wrapper.find('[data-testid=answer-pad] button').exists()).toBe(false);
    wrapper.unmount();

    const phone = setupBoard('?show=demo&mode=audience');
    const audience = mount(App, { global: { plugins: phone.plugins } });
    await audience.find('[data-testid=audience-name]').setValue('Lan');
    await audience.find('[data-testid=audience-join]').trigger('submit');
    phone.fake.push({ connected: true, synced: true, view: hidden });
    await flushPromises();
    expect(audience.find('[data-testid=options-hidden]').exists()).toBe(true);
    expect(audience.find('input').exists()).toBe(false);
  });

  it("a judge's correction is announced as one, never as a rescue; a rescue still is", async () => {
    const { fake, wrapper } = await signedIn();
    const between = makeView({ round: makeRound({ phase: 'revealed' }) });
    fake.push({
      connected: true,
      synced: true,
      view: between,
      self: self({ status: 'eliminated', eliminatedAt: 1 }),
    });
    await flushPromises();
    // the judges count seat 1 right after all: the view and the events arrive together
    fake.push({ self: self({ status: 'standing' }) });
    fake.emitEvents([{ type: 'verdict-revised', round: 0, seat: 1, correct: true }]);
    await flushPromises();
    expect(wrapper.find('[data-testid=rescued-toast]').exists()).toBe(false);
    expect(wrapper.get('[data-testid=revised-toast]').text()).toContain('Ban Giám khảo đã sửa kết quả');
    wrapper.unmount();

    const again = await signedIn();
    again.fake.push({
      connected: true,
      synced: true,
      view: between,
      self: self({ status: 'eliminated', eliminatedAt: 1 }),
    });
    await flushPromises();
    again.fake.emitEvents([{ type: 'rescued', seats: [1], how: 'seats' }]);
    again.fake.push({ self: self({ status: 'standing', rescued: true }) });
    await flushPromises();
    expect(again.wrapper.get('[data-testid=rescued-toast]').text()).toContain('cứu trợ');
  });

  it('the bell winner reads both of its awards, as the big screen lists them', async () => {
    const { fake, wrapper } = await signedIn();
    fake.push({
      connected: true,
      synced: true,
      view: makeView({
        stage: 'finished',
        bellSeats: [1],
        prizes: [
          { prize: 'bell', seats: [1] },
          { prize: 'first', seats: [1] },
        ],
        prizesConfirmed: true,
      }),
      self: self({ bell: true }),
    });
    await flushPromises();
    expect(wrapper.text()).toContain('Rung chuông vàng · Giải Nhất');
  });

  it('audience mode answers through audienceAnswer and never as a seat', async () => {
    const h = setupBoard('?show=demo&mode=audience');
    const wrapper = mount(App, { global: { plugins: h.plugins } });
    await wrapper.find('[data-testid=audience-name]').setValue('Trần Thị Bình');
    await wrapper.find('[data-testid=audience-join]').trigger('submit');
    h.fake.push({
      connected: true,
      synced: true,
      view: makeView({ round: makeRound() }),
      audience: {
        id: 'a1',
        name: 'Trần Thị Bình',
        score: 0,
        rank: null,
        round: 0,
        answer: null,
        correct: null,
      },
      audienceBoard: [{ rank: 1, name: 'Lê Văn C', score: 3 }],
    });
    await flushPromises();
    await wrapper.find('[data-testid=choice-3]').trigger('click');
    await flushPromises();
    expect(h.fake.audienceAnswers).toEqual([{ round: 0, value: 3 }]);
    expect(h.fake.answers).toHaveLength(0);
    expect(wrapper.find('[data-testid=choice-confirmed]').exists()).toBe(true);
  });
});
