/** Test data: a small host view in any phase. Not a test file itself. */
import {
  DEFAULT_RULES,
  type HostRoundView,
  type HostView,
  type NextStep,
  type Phase,
  type QuestionSummary,
  type SeatView,
} from '@cv/shared/protocol';

export const questions: QuestionSummary[] = [
  {
    id: 'q1',
    kind: 'single',
    pool: 'main',
    prompt: 'Ứng dụng nào là định danh điện tử?',
    options: ['VNeID', 'Zalo', 'Facebook', 'Email'],
    timeLimitSec: 15,
    key: { kind: 'single', answer: 0 },
    explanation: 'VNeID do Bộ Công an xây dựng.',
    used: true,
  },
  {
    id: 'q2',
    kind: 'truefalse',
    pool: 'main',
    prompt: 'Thẻ căn cước có mã QR.',
    timeLimitSec: 15,
    key: { kind: 'truefalse', answer: true },
    used: false,
  },
  {
    id: 'b1',
    kind: 'numeric',
    pool: 'backup',
    prompt: 'Số định danh có bao nhiêu chữ số?',
    timeLimitSec: 20,
    key: { kind: 'numeric', value: 12, tolerance: 0 },
    used: false,
  },
];

export function seats(n = 4, eliminated: number[] = []): SeatView[] {
  return Array.from({ length: n }, (_, i) => ({
    seat: i + 1,
    name: `Thí sinh ${i + 1}`,
    unit: `Đơn vị ${(i % 2) + 1}`,
    status: eliminated.includes(i + 1) ? ('eliminated' as const) : ('standing' as const),
    eliminatedAt: eliminated.includes(i + 1) ? 1 : null,
    rescued: false,
    answered: false,
    bell: false,
    connected: true,
  }));
}

export function round(phase: Phase, overrides: Partial<HostRoundView> = {}): HostRoundView {
  const q = questions[0];
  return {
    index: 0,
    mode: 'main',
    number: 1,
    question: { id: q.id, kind: q.kind, prompt: q.prompt, options: q.options, timeLimitSec: q.timeLimitSec },
    optionsHidden: false,
    phase,
    eligibleSeats: [1, 2, 3, 4],
    deadline: null,
    remainingMs: 15000,
    answeredCount: phase === 'shown' ? 0 : 2,
    distribution: phase === 'locked' || phase === 'revealed' ? { '0': 1, '1': 1 } : null,
    revealedKey: phase === 'revealed' ? q.key : null,
    verdicts: phase === 'revealed' ? { 1: true, 2: false, 3: false, 4: false } : null,
    explanation: null,
    outcome:
      phase === 'revealed'
        ? { eliminated: [2, 3, 4], returned: [], allWrong: null, bell: [], revised: [] }
        : null,
    key: q.key,
    answers:
      phase === 'shown'
        ? {}
        : {
            1: { value: 0, elapsedMs: 3200, correct: true },
            2: { value: 1, elapsedMs: 4100, correct: false },
          },
    revisions: [],
    ...overrides,
  };
}

export function hostView(overrides: Partial<HostView> = {}): HostView {
  return {
    showId: 'demo',
    title: 'Rung chuông vàng — thử nghiệm',
    version: 7,
    stage: 'running',
    paused: false,
    pausedBy: null,
    round: null,
    seats: seats(),
    standingCount: 4,
    mainQuestionsPlayed: 0,
    mainQuestionsTotal: 2,
    bellSeats: [],
    goldenBellDue: false,
    tieBreakSeats: null,
    unitStandings: null,
    prizesConfirmed: false,
    rules: DEFAULT_RULES,
    questions,
    rounds: [],
    standings: [],
    proposedPrizes: [{ prize: 'first', seats: [1] }],
    prizes: null,
    nextStep: 'show-question' as NextStep,
    ...overrides,
  };
}
