/**
 * Test double for ShowClient (for component/store tests with defineShowStore's makeClient option):
 * push state patches and events by hand, script the acks of answers.
 */
import type {
  Ack,
  AnswerValue,
  PublicQuestion,
  PublicView,
  RoundPublicView,
  SeatView,
  ShowEvent,
} from '../../protocol/index.ts';
import { initialClientState, type ShowClient, type ShowClientState } from '../../client/show-client.ts';

type Listener = (s: ShowClientState) => void;
type EventsListener = (events: ShowEvent[], version: number) => void;
type AnswerAck = Ack<{ round: number; acceptedAt: number; value: AnswerValue }>;

export class FakeShowClient {
  state: ShowClientState = initialClientState();
  readonly socket: { auth: Record<string, unknown>; connected: boolean } = { auth: {}, connected: false };
  readonly answers: { round: number; value: AnswerValue }[] = [];
  readonly audienceAnswers: { round: number; value: AnswerValue }[] = [];
  /** decides the ack of the next answers (default: accepted) */
  answerReply: (round: number, value: AnswerValue) => AnswerAck | Promise<AnswerAck> = (round, value) => ({
    ok: true,
    data: { round, acceptedAt: 1, value },
  });
  closed = false;
  private listeners = new Set<Listener>();
  private eventListeners = new Set<EventsListener>();

  connect(): this {
    return this;
  }
  close(): void {
    this.closed = true;
  }
  subscribe(l: Listener): () => void {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  }
  onEvents(l: EventsListener): () => void {
    this.eventListeners.add(l);
    return () => this.eventListeners.delete(l);
  }
  async answer(round: number, value: AnswerValue): Promise<AnswerAck> {
    this.answers.push({ round, value });
    return this.answerReply(round, value);
  }
  async audienceAnswer(
    round: number,
    value: AnswerValue,
  ): Promise<Ack<{ round: number; acceptedAt: number }>> {
    this.audienceAnswers.push({ round, value });
    return { ok: true, data: { round, acceptedAt: 1 } };
  }
  async resync() {
    return { ok: false as const, error: { code: 'DISCONNECTED' as const, message: 'fake' } };
  }
  /** apply a state patch and notify the store */
  push(patch: Partial<ShowClientState>): void {
    this.state = { ...this.state, ...patch };
    this.socket.connected = this.state.connected;
    for (const l of this.listeners) l(this.state);
  }
  emitEvents(events: ShowEvent[], version = 1): void {
    for (const l of this.eventListeners) l(events, version);
  }
  /** the shape the store factory expects */
  asClient(): ShowClient {
    return this as unknown as ShowClient;
  }
}

export function makeSeats(n: number, patch: (seat: number) => Partial<SeatView> = () => ({})): SeatView[] {
  return Array.from({ length: n }, (_, i) => ({
    seat: i + 1,
    name: `Thí sinh ${i + 1}`,
    status: 'standing' as const,
    eliminatedAt: null,
    rescued: false,
    answered: false,
    bell: false,
    connected: true,
    ...patch(i + 1),
  }));
}

export const sampleQuestion: PublicQuestion = {
  id: 'q1',
  kind: 'single',
  prompt: 'Đề án 06 của Chính phủ được phê duyệt bằng văn bản nào?',
  options: ['Nghị quyết 06', 'Quyết định 06/QĐ-TTg', 'Chỉ thị 06', 'Công văn 06'],
  timeLimitSec: 15,
  topic: 'Đề án 06',
};

export function makeRound(patch: Partial<RoundPublicView> = {}): RoundPublicView {
  return {
    index: 0,
    mode: 'main',
    number: 1,
    question: sampleQuestion,
    optionsHidden: false,
    phase: 'answering',
    eligibleSeats: [1, 2, 3, 4],
    deadline: null,
    remainingMs: 15_000,
    answeredCount: 0,
    distribution: null,
    revealedKey: null,
    verdicts: null,
    explanation: null,
    outcome: null,
    ...patch,
  };
}

export function makeView(patch: Partial<PublicView> = {}): PublicView {
  const seats = patch.seats ?? makeSeats(4);
  return {
    showId: 'demo',
    title: 'Rung chuông vàng — Đề án 06',
    version: 1,
    stage: 'running',
    paused: false,
    round: null,
    seats,
    standingCount: seats.filter((s) => s.status === 'standing').length,
    mainQuestionsPlayed: 0,
    mainQuestionsTotal: 20,
    bellSeats: [],
    goldenBellDue: false,
    tieBreakSeats: null,
    standings: null,
    unitStandings: null,
    prizes: null,
    prizesConfirmed: false,
    ...patch,
  };
}
