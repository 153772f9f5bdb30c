/**
 * The tablet after a reveal renders what the server decided the reveal meant for its seat — one case per
 * SeatResult kind — and derives nothing from the verdict or its own status.
 */
import type { PublicView, RoundMode, SeatOutcome, SeatSelf } from '@cv/shared/protocol';
import { makeRound, makeView } from '@cv/shared/ui/testing/fake-show-client.ts';
import { flushPromises, mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import App from '../App.vue';
import { useSessionStore } from '../stores/session.ts';
import { seatSelf, setupBoard } from '../test/setup.ts';

interface Case {
  name: string;
  mode?: RoundMode;
  outcome: SeatOutcome;
  self?: Partial<SeatSelf>;
  bellSeats?: number[];
  /** the note the tablet shows */
  note: string;
  /** texts that must not appear */
  not?: string[];
}

const o = (
  result: SeatOutcome['result'],
  verdict: SeatOutcome['verdict'] = 'wrong',
  revised = false,
): SeatOutcome => ({
  round: 0,
  verdict,
  revised,
  result,
});

const ALL_WRONG = 'Tất cả thí sinh còn lại đều trả lời sai';

const cases: Case[] = [
  {
    name: 'right: stays',
    outcome: o({ kind: 'stays' }, 'correct'),
    self: { correct: true, answer: 0 },
    note: 'Bạn tiếp tục ở lại sân thi đấu',
  },
  {
    name: 'wrong: out at this question',
    outcome: o({ kind: 'eliminated', atQuestion: 1, allWrong: false }),
    self: { status: 'eliminated', eliminatedAt: 1, correct: false, answer: 2 },
    note: 'Bạn đã bị loại ở câu 1 — hãy tiếp tục theo dõi, bạn có thể được cứu trợ',
  },
  {
    name: 'all wrong, the rule puts everyone out',
    outcome: o({ kind: 'eliminated', atQuestion: 1, allWrong: true }),
    self: { status: 'eliminated', eliminatedAt: 1, correct: false, answer: 2 },
    note: 'Tất cả thí sinh đều trả lời sai — theo luật của chương trình, tất cả bị loại ở câu 1. Hãy chờ cơ hội cứu trợ',
  },
  {
    name: 'all wrong, nobody out: saved by the rule',
    outcome: o({ kind: 'saved-all-wrong' }),
    self: { correct: false, answer: 2 },
    note: `${ALL_WRONG} — theo luật, không ai bị loại ở câu này`,
  },
  {
    name: 'all wrong, a tie-break decides',
    outcome: o({ kind: 'tie-break' }),
    self: { correct: false, answer: 2 },
    note: `${ALL_WRONG} — một câu hỏi phụ sẽ phân định`,
  },
  {
    name: 'wrong but rescued automatically in the same reveal (not "all wrong")',
    outcome: o({ kind: 'returned', how: 'auto' }),
    self: { correct: false, answer: 2, rescued: true },
    note: 'Bạn được cứu trợ theo luật của chương trình — chào mừng trở lại sân thi đấu!',
    not: [ALL_WRONG],
  },
  {
    name: 'rescue question answered right',
    mode: 'rescue',
    outcome: o({ kind: 'returned', how: 'rescue-question' }, 'correct'),
    self: { correct: true, answer: 0, rescued: true },
    note: 'Bạn trả lời đúng câu cứu trợ — chào mừng trở lại sân thi đấu!',
  },
  {
    name: 'rescue question missed',
    mode: 'rescue',
    outcome: o({ kind: 'still-out' }),
    self: { status: 'eliminated', eliminatedAt: 1, correct: false, answer: 2 },
    note: 'Chưa chính xác — bạn vẫn có thể được cứu trợ ở lượt sau',
  },
  {
    name: 'golden bell rung',
    mode: 'golden',
    outcome: o({ kind: 'bell' }, 'correct'),
    self: { bell: true, correct: true, answer: 0 },
    bellSeats: [1],
    note: 'Bạn đã rung chuông vàng!',
  },
  {
    name: 'golden bell missed while another seat rings it (not "all wrong")',
    mode: 'golden',
    outcome: o({ kind: 'golden-missed' }),
    self: { correct: false, answer: 2 },
    bellSeats: [2],
    note: 'Chưa rung được chuông vàng — bạn vẫn ở lại sân thi đấu',
    not: [ALL_WRONG, 'không ai bị loại'],
  },
  {
    name: 'tie-break played',
    mode: 'tiebreak',
    outcome: o({ kind: 'tie-break-played' }, 'correct'),
    self: { correct: true, answer: 0 },
    note: 'Đã xong câu hỏi phụ — Ban Tổ chức sẽ công bố kết quả',
  },
  {
    name: 'the judges revised the verdict: out becomes stays',
    outcome: o({ kind: 'stays' }, 'correct', true),
    self: { correct: true, answer: 2 },
    note: 'Bạn tiếp tục ở lại sân thi đấu',
  },
];

/** seat 1's tablet, signed in, showing `view` with `self` */
async function mountSeat(view: PublicView, self: SeatSelf) {
  const h = setupBoard();
  const wrapper = mount(App, { global: { plugins: h.plugins } });
  useSessionStore().loginSeat(1, '1234');
  await flushPromises();
  h.fake.push({ connected: true, synced: true, view, self });
  await flushPromises();
  return wrapper;
}

async function mountRevealed(c: Pick<Case, 'mode' | 'outcome' | 'self' | 'bellSeats'>, eligible = true) {
  return mountSeat(
    makeView({
      seats: [],
      bellSeats: c.bellSeats ?? [],
      round: makeRound({
        mode: c.mode ?? 'main',
        number: (c.mode ?? 'main') === 'main' ? 1 : null,
        phase: 'revealed',
        deadline: null,
        remainingMs: null,
        eligibleSeats: eligible ? [1, 2, 3] : [2, 3],
        revealedKey: { kind: 'single', answer: 0 },
      }),
    }),
    seatSelf({ canAnswer: false, eligible, outcome: c.outcome, ...c.self }),
  );
}

describe('tablet: what the last reveal meant for this seat', () => {
  it.each(cases)('$name', async (c) => {
    const wrapper = await mountRevealed(c);
    const result = wrapper.find('[data-testid=round-result]');
    expect(result.exists()).toBe(true);
    expect(wrapper.find('[data-testid=round-note]').text()).toBe(c.note);
    for (const text of c.not ?? []) expect(wrapper.text()).not.toContain(text);
    expect(wrapper.find('[data-testid=round-revised]').exists()).toBe(c.outcome.revised);
    // the verdict line is the server's too
    expect(wrapper.find('[data-testid=round-verdict]').text()).toBe(
      c.self?.correct ? 'Chính xác!' : 'Chưa chính xác',
    );
  });

  it('a seat that did not play the question but was brought back afterwards is told so', async () => {
    const wrapper = await mountRevealed(
      {
        outcome: { round: 0, verdict: null, revised: false, result: { kind: 'returned', how: 'hall-game' } },
        self: { rescued: true },
      },
      false,
    );
    expect(wrapper.find('[data-testid=round-result]').exists()).toBe(false);
    expect(wrapper.find('[data-testid=outcome-note]').text()).toBe(
      'Bạn được cứu trợ nhờ trò chơi cùng khán giả — chào mừng trở lại sân thi đấu!',
    );
  });

  it('a seat only watching hears nothing about the question', async () => {
    const wrapper = await mountRevealed(
      {
        outcome: { round: 0, verdict: null, revised: false, result: { kind: 'watching' } },
        self: { status: 'eliminated', eliminatedAt: 1 },
      },
      false,
    );
    expect(wrapper.find('[data-testid=round-result]').exists()).toBe(false);
    expect(wrapper.find('[data-testid=outcome-note]').exists()).toBe(false);
  });

  it('an outcome about an earlier round is not shown on a newer one', async () => {
    const wrapper = await mountRevealed({ outcome: { ...o({ kind: 'saved-all-wrong' }), round: 7 } });
    expect(wrapper.find('[data-testid=round-note]').exists()).toBe(false);
  });
});

describe('tablet: the rehearsal question', () => {
  it('plays in the lobby with its answer pad, marked as not counting', async () => {
    const round = makeRound({ index: -4, mode: 'rehearsal', number: null, eligibleSeats: [1, 2, 3] });
    const wrapper = await mountSeat(makeView({ stage: 'lobby', seats: [], round }), seatSelf({ round: -4 }));
    expect(wrapper.find('[data-testid=rehearsal-ribbon]').text()).toBe('Câu hỏi thử — không tính điểm');
    expect(wrapper.find('[data-testid=answer-pad]').exists()).toBe(true);
    expect(wrapper.text()).not.toContain('Xin chào'); // not the lobby's waiting panel
  });
});

it('after the rehearsal reveal a wrong answer is told it does not count', async () => {
  const round = makeRound({
    index: -4,
    mode: 'rehearsal',
    number: null,
    phase: 'revealed',
    revealedKey: { kind: 'single', answer: 0 },
  });
  const wrapper = await mountSeat(
    makeView({ stage: 'lobby', seats: [], round }),
    seatSelf({ round: -4, canAnswer: false, answer: 2, correct: false }),
  );
  expect(wrapper.get('[data-testid=round-verdict]').text()).toBe('Chưa chính xác');
  expect(wrapper.get('[data-testid=round-note]').text()).toBe(
    'Câu hỏi thử: không tính điểm — không ai bị loại.',
  );
});
