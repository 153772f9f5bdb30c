/** The show engine's data. Plain JSON-serialisable objects: the runtime snapshots them as they are. */
import type {
  AnswerValue,
  AppError,
  HostCommand,
  PausedBy,
  Phase,
  PrizeAward,
  Question,
  RescueHow,
  RoundMode,
  SeatStatus,
  ShowEvent,
  ShowRules,
  ShowStage,
} from '@cv/shared/protocol';

export interface SeatState {
  seat: number;
  name: string;
  unit?: string;
  /** derived by the fold over `effects` (see rules/standing.ts); stored for cheap views */
  status: SeatStatus;
  eliminatedAt: number | null;
  rescued: boolean;
  bell: boolean;
}

export interface AnswerRecord {
  value: AnswerValue;
  /** server time the (last) answer was accepted */
  at: number;
  /** time used of the limit, pauses excluded */
  elapsedMs: number;
}

export interface Revision {
  seat: number;
  correct: boolean;
  reason: string;
  by: string;
  at: number;
}

export interface Round {
  index: number;
  mode: RoundMode;
  /** main question number (1-based) for main rounds; a swapped-in backup keeps the number */
  number: number | null;
  questionId: string;
  /** fixed when shown: main/golden = standing seats, rescue = eliminated seats, tiebreak = given seats */
  eligibleSeats: number[];
  optionsHidden: boolean;
  phase: Phase;
  /** server epoch ms; null unless answering and not paused */
  deadline: number | null;
  /** while paused or before opening: time left */
  remainingMs: number | null;
  answers: Record<number, AnswerRecord>;
  /** machine verdicts at reveal, with judge revisions applied; null before reveal */
  verdicts: Record<number, boolean> | null;
  revisions: Revision[];
  /** withdrawn by a backup swap: its answers and effects are void */
  voided: boolean;
  /** server epoch ms at which answering opened (audience play-along times answers from it) */
  openedAt?: number;
}

/** The pre-show rehearsal question: a round of its own, outside `rounds`, that changes nobody. */
export interface Rehearsal {
  round: Round;
  /** server epoch ms at which the engine moves it on by itself (null while answering: the deadline locks it) */
  nextStepAt: number | null;
}

/** The ordered list of things that change who is standing; the seat statuses are a fold over it. */
export type Effect = { type: 'round'; round: number } | { type: 'rescue'; seats: number[]; how: RescueHow };

export interface ShowState {
  showId: string;
  title: string;
  rules: ShowRules;
  /** bumped by every accepted command (answers included): the log sequence */
  version: number;
  /** version of the last accepted non-answer command: host commands built on an older one are stale */
  controlVersion: number;
  stage: ShowStage;
  paused: boolean;
  /** who paused (absent in snapshots written before it was kept) */
  pausedBy?: PausedBy | null;
  seats: SeatState[];
  questions: Question[];
  rounds: Round[];
  /** index into rounds of the active round, null before the first */
  current: number | null;
  effects: Effect[];
  tieBreakSeats: number[] | null;
  prizes: PrizeAward[] | null;
  prizesConfirmed: boolean;
  /** the rehearsal question running in the lobby (absent in snapshots written before rehearsals existed) */
  rehearsal?: Rehearsal | null;
}

export interface ShowSetup {
  showId: string;
  title: string;
  rules: ShowRules;
  seats: { seat: number; name: string; unit?: string }[];
  questions: Question[];
}

export interface Actor {
  role: 'host' | 'judge' | 'player' | 'system';
  /** who: 'host', 'judge', 'seat:12', 'system' — recorded in revisions and the audit trail */
  id: string;
}

export type EngineCommand =
  | HostCommand
  | { type: 'answer:submit'; seat: number; round: number; value: AnswerValue }
  /** the server's deadline timer fired (at deadline + grace) */
  | { type: 'system:lock'; round: number }
  /** the server restarted: a show caught answering is paused with the time it had left at `lastSeenAt` */
  | { type: 'system:recover'; lastSeenAt: number }
  /** the rehearsal question's next step fell due (the engine refuses a stale one harmlessly) */
  | { type: 'system:rehearsal-step'; round: number; from: Phase };

export interface EngineContext {
  now: number;
  rng: () => number;
}

export type Outcome = { ok: true; state: ShowState; events: ShowEvent[] } | { ok: false; error: AppError };
