import { defineShowStore } from '@cv/shared/client/pinia';
import type { StandingRow } from '@cv/shared/protocol';
import { createAppI18n } from '@cv/shared/i18n';
import { FakeShowClient, makeRound, makeSeats, makeView } from '@cv/shared/ui/testing/fake-show-client.ts';
import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, describe, expect, it, vi } from 'vitest';
import App from './App.vue';
import AudienceQr from './components/intro/AudienceQr.vue';
import { fitSeatGrid } from './components/seat/fit.ts';
import { en } from './i18n/en.ts';
import { vi as viMessages } from './i18n/vi.ts';
import { useScreenStore } from './stores/screen.ts';
import { SHOW_STORE_ID } from './stores/show.ts';
import { useSoundStore } from './stores/sound.ts';

function setup(search = '?show=demo#token=tok', locale: 'vi' | 'en' = 'vi') {
  globalThis.history.replaceState(null, '', `/screen/${search}`);
  const pinia = createPinia();
  setActivePinia(pinia);
  const fake = new FakeShowClient();
  const show = defineShowStore(SHOW_STORE_ID, { makeClient: () => fake.asClient() })();
  const i18n = createAppI18n({ vi: viMessages, en }, { locale, persist: false });
  const wrapper = mount(App, { global: { plugins: [pinia, i18n] } });
  return { fake, show, wrapper };
}

afterEach(() => vi.useRealTimers());

function standingRow(
  seat: number,
  rank: number,
  eliminatedAt: number | null,
  correct: number,
  unit?: string,
): StandingRow {
  return {
    seat,
    name: `Thí sinh ${seat}`,
    ...(unit ? { unit } : {}),
    rank,
    tied: false,
    status: eliminatedAt === null ? 'standing' : 'eliminated',
    bell: false,
    eliminatedAt,
    correct,
    totalAnswerMs: 1,
  };
}

describe('big screen', () => {
  it('explains a link without the display token', () => {
    const { wrapper } = setup('?show=demo');
    expect(wrapper.find('[data-testid=screen-setup]').text()).toContain('mã màn hình');
  });

  it('lobby: the contest title and the audience QR caption', async () => {
    const { fake, wrapper } = setup();
    fake.push({ connected: true, synced: true, view: makeView({ stage: 'lobby' }) });
    await flushPromises();
    expect(wrapper.find('[data-testid=show-title]').text()).toBe('Rung chuông vàng — Đề án 06');
    expect(wrapper.text()).toContain('Quét mã để cùng chơi với khán giả');
  });

  it('the audience QR carries the address the server gives (PUBLIC_URL), with the short link under it', async () => {
    const { fake, wrapper } = setup();
    fake.push({ connected: true, synced: true, view: makeView({ stage: 'lobby' }) });
    await flushPromises();
    // before the server says: this page's own address
    expect(wrapper.findComponent(AudienceQr).props('url')).toBe(
      `${location.origin}/board/?show=demo&mode=audience`,
    );
    fake.push({
      links: {
        base: 'http://192.168.1.20:3000',
        source: 'public-url',
        publicUrl: 'http://192.168.1.20:3000',
        audience: 'http://192.168.1.20:3000/board/?show=demo&mode=audience',
        shortBoard: '192.168.1.20:3000/s/demo',
        shortAudience: '192.168.1.20:3000/a/demo',
        warning: null,
      },
    });
    await flushPromises();
    expect(wrapper.findComponent(AudienceQr).props('url')).toBe(
      'http://192.168.1.20:3000/board/?show=demo&mode=audience',
    );
    expect(wrapper.find('[data-testid=audience-short-url]').text()).toBe('192.168.1.20:3000/a/demo');
  });

  it('hidden options: the screen says they come next', async () => {
    const { fake, wrapper } = setup();
    const { options: _hidden, ...withoutOptions } = makeRound().question;
    fake.push({
      connected: true,
      synced: true,
      view: makeView({ round: makeRound({ phase: 'shown', optionsHidden: true, question: withoutOptions }) }),
    });
    await flushPromises();
    expect(wrapper.find('[data-testid=options-hidden]').text()).toContain('Các phương án sẽ hiện sau');
  });

  it("a judges' revision is announced to the hall and named under the reveal line", async () => {
    const { fake, wrapper } = setup();
    const outcome = { eliminated: [2], returned: [], allWrong: null, bell: [], revised: [3] };
    fake.push({
      connected: true,
      synced: true,
      view: makeView({ round: makeRound({ phase: 'revealed', outcome }) }),
    });
    fake.emitEvents([{ type: 'verdict-revised', round: 0, seat: 3, correct: true }]);
    await flushPromises();
    expect(wrapper.get('[data-testid=stage-toast]').text()).toBe(
      'Ban Giám khảo sửa kết quả: ghế 3 được tính đúng',
    );
    expect(wrapper.get('[data-testid=revised-line]').text()).toBe('Ban Giám khảo đã sửa kết quả: ghế 3');
    expect(wrapper.get('[data-testid=reveal-line]').text()).toBe('1 thí sinh bị loại');
  });

  it.each([
    [[3], 'The judges revised a result: seat 3'],
    [[3, 5], 'The judges revised results: seats 3, 5'],
  ])('English names revised seats with the right plural: %o', async (revised, line) => {
    const { fake, wrapper } = setup(undefined, 'en');
    const outcome = { eliminated: [], returned: [], allWrong: null, bell: [], revised };
    fake.push({
      connected: true,
      synced: true,
      view: makeView({ round: makeRound({ phase: 'revealed', outcome }) }),
    });
    await flushPromises();
    expect(wrapper.get('[data-testid=revised-line]').text()).toBe(line);
  });

  it('English toasts: one seat reads "seat", several read "seats"', async () => {
    const { fake, wrapper } = setup(undefined, 'en');
    fake.push({ connected: true, synced: true, view: makeView({ round: makeRound({ phase: 'revealed' }) }) });
    fake.emitEvents([{ type: 'verdict-revised', round: 0, seat: 3, correct: false }]);
    await flushPromises();
    expect(wrapper.get('[data-testid=stage-toast]').text()).toBe(
      'The judges revised a result: seat 3 counts as wrong',
    );
    const rescue = setup(undefined, 'en');
    rescue.fake.push({ connected: true, synced: true, view: makeView() });
    rescue.fake.emitEvents([{ type: 'rescued', seats: [4], how: 'seats' }], 2);
    await flushPromises();
    expect(rescue.wrapper.get('[data-testid=stage-toast]').text()).toBe('Rescue! Seat 4 is back in');
    rescue.fake.emitEvents([{ type: 'rescued', seats: [2, 4], how: 'seats' }], 3);
    await flushPromises();
    expect(rescue.wrapper.get('[data-testid=stage-toast]').text()).toBe('Rescue! Seats 2, 4 are back in');
  });

  it('a rehearsal question plays in the lobby, marked as not counting, its prompt translated', async () => {
    const { fake, wrapper } = setup(undefined, 'en');
    const round = makeRound({ index: -7, mode: 'rehearsal', number: null, phase: 'answering' });
    fake.push({ connected: true, synced: true, view: makeView({ stage: 'lobby', round }) });
    await flushPromises();
    expect(wrapper.find('[data-testid=show-title]').exists()).toBe(false); // not the intro scene
    expect(wrapper.find('[data-testid=language-switch]').exists()).toBe(false); // the lobby's switch
    expect(wrapper.get('[data-testid=mode-badge]').text()).toBe('Rehearsal question — does not count');
    expect(wrapper.get('[data-testid=question-prompt]').text()).toBe(
      'Rehearsal question: which city is the capital of Viet Nam?',
    );
    expect(wrapper.text()).toContain('nobody is eliminated');
  });

  it('the MC takes the projector to logo, black or standby and back; a sound test shows on screen', async () => {
    const { fake, wrapper } = setup();
    fake.push({ connected: true, synced: true, view: makeView({ round: makeRound() }) });
    await flushPromises();
    expect(wrapper.find('[data-testid=scene-curtain]').exists()).toBe(false);
    for (const scene of ['logo', 'black', 'standby'] as const) {
      fake.push({ scene });
      await flushPromises();
      expect(wrapper.get('[data-testid=scene-curtain]').attributes('data-scene')).toBe(scene);
    }
    expect(wrapper.get('[data-testid=scene-curtain]').text()).toContain('Chương trình sẽ tiếp tục');
    fake.push({ scene: 'live' });
    await flushPromises();
    expect(wrapper.find('[data-testid=scene-curtain]').exists()).toBe(false);

    fake.push({ soundTests: 1 });
    await flushPromises();
    // nobody clicked the projector yet: it says the sound is off
    expect(wrapper.get('[data-testid=sound-test]').text()).toContain('âm thanh đang tắt');
  });

  it('counts down from the server deadline through the clock offset', async () => {
    vi.useFakeTimers();
    vi.setSystemTime(2_000_000);
    const { fake, wrapper } = setup();
    fake.push({
      connected: true,
      synced: true,
      clockOffsetMs: -3_000, // this PC is 3 s ahead of the server
      view: makeView({ round: makeRound({ deadline: 2_000_000 - 3_000 + 7_500, remainingMs: null }) }),
    });
    await flushPromises();
    expect(wrapper.find('[data-testid=countdown-seconds]').text()).toBe('8');
    vi.advanceTimersByTime(7_600);
    await flushPromises();
    expect(wrapper.find('[data-testid=countdown-seconds]').text()).toBe('0');
  });

  it('colours seats that answered from the tally, and shows the count', async () => {
    const { fake, wrapper } = setup();
    fake.push({ connected: true, synced: true, view: makeView({ round: makeRound() }) });
    fake.push({
      tally: { round: 0, answered: 1, eligible: 4, audienceAnswered: 5, answeredSeats: [2] } as never,
    });
    await flushPromises();
    expect(wrapper.find('[data-testid=seat-2]').attributes('data-state')).toBe('answered');
    expect(wrapper.find('[data-testid=seat-1]').attributes('data-state')).toBe('standing');
    expect(wrapper.find('[data-testid=answer-tally]').text()).toContain('1/4');
  });

  it('after the lock: distribution bars; after the reveal: the correct option and who is out', async () => {
    const { fake, wrapper } = setup();
    const round = makeRound({
      phase: 'locked',
      deadline: null,
      remainingMs: null,
      distribution: { 0: 1, 1: 3 },
    });
    fake.push({ connected: true, synced: true, view: makeView({ round }) });
    await flushPromises();
    expect(wrapper.find('[data-testid=locked-label]').text()).toBe('Hết giờ!');
    expect(wrapper.find('[data-testid=dist-1]').text()).toContain('3');

    // no event needed: what the reveal did is in the view itself (a screen that reconnects sees it too)
    fake.push({
      view: makeView({
        version: 2,
        seats: makeSeats(4, (n) => (n === 1 ? { status: 'eliminated', eliminatedAt: 1 } : {})),
        round: {
          ...round,
          phase: 'revealed',
          revealedKey: { kind: 'single', answer: 1 },
          verdicts: { 1: false, 2: true, 3: true, 4: true },
          outcome: { eliminated: [1], returned: [], allWrong: null, bell: [], revised: [] },
        },
      }),
    });
    await flushPromises();
    expect(wrapper.find('[data-testid=option-1]').classes()).toContain('is-correct');
    expect(wrapper.find('[data-testid=reveal-line]').text()).toBe('1 thí sinh bị loại');
    expect(wrapper.find('[data-testid=seat-1]').attributes('data-state')).toBe('eliminated');
  });

  it.each([
    [
      { eliminated: [], returned: [], allWrong: 'nobody-eliminated' as const },
      'Tất cả đều sai — không ai bị loại',
    ],
    [
      { eliminated: [], returned: [], allWrong: 'tie-break' as const },
      'Tất cả đều sai — câu hỏi phụ sẽ phân định',
    ],
    [
      { eliminated: [1, 2, 3, 4], returned: [], allWrong: 'all-eliminated' as const },
      'Tất cả đều sai — 4 thí sinh bị loại',
    ],
    [{ eliminated: [], returned: [2, 3], allWrong: null }, '2 thí sinh trở lại thi đấu'],
    [{ eliminated: [], returned: [], allWrong: null }, 'Không thí sinh nào bị loại'],
  ])('renders the field outcome the server decided: %o', async (outcome, line) => {
    const { fake, wrapper } = setup();
    fake.push({
      connected: true,
      synced: true,
      view: makeView({
        round: makeRound({
          phase: 'revealed',
          deadline: null,
          remainingMs: null,
          revealedKey: { kind: 'single', answer: 1 },
          outcome: { ...outcome, bell: [], revised: [] },
        }),
      }),
    });
    await flushPromises();
    expect(wrapper.find('[data-testid=reveal-line]').text()).toBe(line);
  });

  it('golden bell ceremony with the winner', async () => {
    const { fake, wrapper } = setup();
    const seats = makeSeats(4, (n) =>
      n === 3 ? { bell: true, name: 'Nguyễn Thị Thu Hà' } : { status: 'eliminated' },
    );
    fake.push({
      connected: true,
      synced: true,
      view: makeView({
        seats,
        bellSeats: [3],
        round: makeRound({
          mode: 'golden',
          number: null,
          phase: 'revealed',
          revealedKey: { kind: 'single', answer: 1 },
        }),
      }),
    });
    await flushPromises();
    expect(wrapper.find('[data-testid=bell-ceremony]').exists()).toBe(true);
    expect(wrapper.find('[data-testid=bell-winner]').text()).toContain('Nguyễn Thị Thu Hà');
  });

  it('paused banner and the rescue toast', async () => {
    const { fake, wrapper } = setup();
    fake.push({ connected: true, synced: true, view: makeView({ paused: true }) });
    fake.emitEvents([{ type: 'rescued', seats: [2, 4], how: 'seats' }]);
    await flushPromises();
    expect(wrapper.find('[data-testid=paused-banner]').text()).toContain('Tạm dừng');
    expect(wrapper.find('[data-testid=stage-toast]').text()).toBe('Cứu trợ! Ghế 2, 4 trở lại thi đấu');
    expect(useScreenStore().cue?.name).toBe('rescue');
  });

  it('finished but not yet confirmed by the BTC: no standings, a waiting notice', async () => {
    const { fake, wrapper } = setup();
    fake.push({ connected: true, synced: true, view: makeView({ stage: 'finished', standings: null }) });
    await flushPromises();
    expect(wrapper.get('[data-testid=final-waiting]').text()).toContain('sau khi Ban Tổ chức xác nhận');
    expect(wrapper.find('[data-testid=final-standings]').exists()).toBe(false);
  });

  it('final standings and prizes', async () => {
    const { fake, wrapper } = setup();
    fake.push({
      connected: true,
      synced: true,
      view: makeView({
        stage: 'finished',
        prizes: [{ prize: 'first', seats: [2] }],
        prizesConfirmed: true,
        standings: [standingRow(2, 1, null, 5), standingRow(1, 2, 3, 2)],
      }),
    });
    await flushPromises();
    expect(wrapper.find('[data-testid=final-prizes]').text()).toContain('Giải Nhất');
    expect(wrapper.find('[data-testid=final-standings]').text()).toContain('Dừng ở câu 3');
  });

  it('final: units take turns with the contestants’ standings', async () => {
    vi.useFakeTimers();
    const { fake, wrapper } = setup();
    fake.push({
      connected: true,
      synced: true,
      view: makeView({
        stage: 'finished',
        standings: [standingRow(1, 1, null, 5, 'Sở Tư pháp'), standingRow(2, 2, 3, 2, 'Công an tỉnh')],
        unitStandings: [
          { unit: 'Sở Tư pháp', rank: 1, seats: 1, standing: 1, bestRank: 1, correct: 5 },
          { unit: 'Công an tỉnh', rank: 2, seats: 1, standing: 0, bestRank: 2, correct: 2 },
        ],
      }),
    });
    await flushPromises();
    expect(wrapper.find('[data-testid=final-standings]').exists()).toBe(true);
    await vi.advanceTimersByTimeAsync(10_000);
    const units = wrapper.find('[data-testid=final-unit-standings]');
    expect(units.text()).toContain('Xếp hạng đơn vị');
    expect(units.text()).toContain('Công an tỉnh');
    await vi.advanceTimersByTimeAsync(10_000);
    expect(wrapper.find('[data-testid=final-standings]').exists()).toBe(true);
  });

  it('sound stays off until someone clicks', async () => {
    const { wrapper } = setup();
    const sound = useSoundStore();
    expect(sound.muted).toBe(true);
    expect(wrapper.find('[data-testid=sound-toggle]').text()).toContain('Bấm để bật âm thanh');
  });

  it('the language is chosen in the lobby; once the show runs the switch goes and a muted projector shows a faint icon', async () => {
    const { fake, wrapper } = setup();
    fake.push({ connected: true, synced: true, view: makeView({ stage: 'lobby' }) });
    await flushPromises();
    expect(wrapper.get('[data-testid=sound-toggle]').text()).toContain('Bấm để bật âm thanh');
    await wrapper.get('[data-testid=language-switch] button[lang=en]').trigger('click');
    await flushPromises();
    expect(wrapper.get('[data-testid=language-switch] button[lang=en]').attributes('aria-pressed')).toBe(
      'true',
    );
    expect(wrapper.text()).toContain('Click to turn the sound on');
    await wrapper.get('[data-testid=language-switch] button[lang=vi]').trigger('click');
    fake.push({ view: makeView({ round: makeRound() }) });
    await flushPromises();
    const toggle = wrapper.get('[data-testid=sound-toggle]');
    expect(toggle.text()).toBe('');
    expect(toggle.classes()).toContain('is-quiet');
    expect(wrapper.find('[data-testid=language-switch]').exists()).toBe(false);
  });
});

describe('fitSeatGrid', () => {
  it('20 seats in the stage strip: two rows, numbers ≥ 28 px', () => {
    const fit = fitSeatGrid(20, 1324, 200, 1.3, 10);
    expect(fit.rows).toBe(2);
    expect(fit.fontPx).toBeGreaterThanOrEqual(28);
    expect(fit.gridWidth).toBeLessThanOrEqual(1324);
  });
  it('100 seats still fit the box', () => {
    const fit = fitSeatGrid(100, 1324, 250, 1.3, 10);
    expect(fit.rows * fit.tileHeight + (fit.rows - 1) * 10).toBeLessThanOrEqual(250.5);
    expect(fit.gridWidth).toBeLessThanOrEqual(1324);
  });
});
