/** The bench show (create body) and a synthetic public view of the same shape, for the bare baseline. */
import type { CapturedPayloads } from './ipc.ts';
import type {
  CreateShowRequest,
  PublicView,
  RoundPublicView,
  SeatView,
  ShowEvent,
} from '@cv/shared/protocol';

export const SEATS = 100;

const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Huỳnh', 'Phan', 'Vũ', 'Võ', 'Đặng'];
const GIVEN = [
  'Văn An',
  'Thị Bình',
  'Minh Châu',
  'Quốc Dũng',
  'Thu Hà',
  'Đức Huy',
  'Ngọc Lan',
  'Hữu Phúc',
  'Thanh Tâm',
  'Kim Yến',
];
const UNITS = ['Cụm thi đua 1', 'Cụm thi đua 2', 'Khối Đảng', 'Khối Mặt trận', 'Công an tỉnh'];

export const seatName = (seat: number) => `${FAMILY[seat % 10]} ${GIVEN[Math.floor(seat / 10) % 10]}`;
export const seatUnit = (seat: number) => UNITS[seat % UNITS.length];

export function benchQuestion(i: number) {
  return {
    id: `bench-${i + 1}`,
    kind: 'single' as const,
    pool: 'main' as const,
    prompt: `Câu ${i + 1}: Ứng dụng VNeID do cơ quan nào xây dựng và quản lý, phục vụ định danh và xác thực điện tử cho công dân?`,
    options: ['Bộ Công an', 'Bộ Thông tin và Truyền thông', 'Bộ Tư pháp', 'Văn phòng Chính phủ'],
    // every key is option 0 and every device answers 0: nobody is eliminated, so each burst has the same size
    key: { kind: 'single' as const, answer: 0 },
    // long enough that the deadline never locks a round before the burst is acked, even at 5,000 devices
    timeLimitSec: 120,
    topic: 'VNeID',
    explanation: 'Ứng dụng VNeID do Bộ Công an (Trung tâm RAR) xây dựng.',
  };
}

/** body for POST /api/shows (createShowSchema) */
export function createShowBody(questions: number): CreateShowRequest {
  return {
    title: 'Rung chuông vàng — benchmark',
    seats: Array.from({ length: SEATS }, (_, i) => ({
      seat: i + 1,
      name: seatName(i + 1),
      unit: seatUnit(i + 1),
    })),
    questions: Array.from({ length: questions }, (_, i) => benchQuestion(i)),
  };
}

function syntheticView(phase: 'running' | RoundPublicView['phase']): PublicView {
  const q = benchQuestion(0);
  const seats: SeatView[] = Array.from({ length: SEATS }, (_, i) => ({
    seat: i + 1,
    name: seatName(i + 1),
    unit: seatUnit(i + 1),
    status: 'standing',
    eliminatedAt: null,
    rescued: false,
    answered: phase === 'locked' || phase === 'revealed',
    bell: false,
    connected: true,
  }));
  const round: RoundPublicView | null =
    phase === 'running'
      ? null
      : {
          index: 0,
          mode: 'main',
          number: 1,
          question: {
            id: q.id,
            kind: q.kind,
            prompt: q.prompt,
            options: q.options,
            timeLimitSec: q.timeLimitSec,
            topic: q.topic,
          },
          optionsHidden: false,
          phase,
          eligibleSeats: seats.map((s) => s.seat),
          deadline: phase === 'answering' ? Date.now() + 120_000 : null,
          remainingMs: phase === 'shown' ? 120_000 : null,
          answeredCount: phase === 'shown' ? 0 : SEATS,
          distribution:
            phase === 'locked' || phase === 'revealed' ? { '0': SEATS, '1': 0, '2': 0, '3': 0 } : null,
          revealedKey: phase === 'revealed' ? { kind: 'single', answer: 0 } : null,
          verdicts: phase === 'revealed' ? Object.fromEntries(seats.map((s) => [s.seat, true])) : null,
          explanation: phase === 'revealed' ? (q.explanation ?? null) : null,
          outcome:
            phase === 'revealed'
              ? { eliminated: [], returned: [], allWrong: null, bell: [], revised: [] }
              : null,
        };
  return {
    showId: 'bench',
    title: 'Rung chuông vàng — benchmark',
    version: 1,
    stage: 'running',
    paused: false,
    pausedBy: null,
    round,
    seats,
    standingCount: SEATS,
    mainQuestionsPlayed: 0,
    mainQuestionsTotal: 10,
    bellSeats: [],
    goldenBellDue: false,
    tieBreakSeats: null,
    standings: null,
    unitStandings: null,
    prizes: null,
    prizesConfirmed: false,
  };
}

/** used by the baseline when the real server's payloads were not captured (baseline-only runs) */
export function syntheticPayloads(): CapturedPayloads {
  const ev = (e: ShowEvent) => ({ version: 1, events: [e] });
  return {
    snapshot: {
      view: { ...syntheticView('running'), stage: 'lobby' },
      self: null,
      audience: null,
      session: { role: 'audience', showId: 'bench' },
      serverNow: Date.now(),
    },
    states: {
      running: syntheticView('running'),
      shown: syntheticView('shown'),
      answering: syntheticView('answering'),
      locked: syntheticView('locked'),
      revealed: syntheticView('revealed'),
    },
    events: {
      'question-shown': ev({ type: 'question-shown', round: 0, mode: 'main' }),
    },
  };
}
