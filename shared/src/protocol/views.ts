/** What each role receives. Built on the server by the engine's view functions (redaction). */
import type {
  AllWrongRule,
  AnswerKey,
  AnswerValue,
  Phase,
  PrizeAward,
  PublicQuestion,
  Question,
  RescueHow,
  RoundMode,
  SeatStatus,
  ShowEvent,
  ShowRules,
  ShowStage,
  StandingRow,
  UnitStandingRow,
} from './model.ts';

export interface RoundPublicView {
  /** index in the show's list of rounds (0-based); answers name it */
  index: number;
  mode: RoundMode;
  /** main question number (1-based) for main rounds, else null */
  number: number | null;
  question: PublicQuestion;
  /** the MC reads the question before showing options */
  optionsHidden: boolean;
  phase: Phase;
  /** seats allowed to answer this round */
  eligibleSeats: number[];
  /** server epoch ms at which answering ends (null unless answering and not paused) */
  deadline: number | null;
  /** time left while paused, or the full limit before answering opens */
  remainingMs: number | null;
  answeredCount: number;
  /** how many chose each option ("0","1",.. / "true","false"), from the lock on; kinds counted by
   *  verdict ("correct","wrong": text, numeric, ordering) from the reveal on (KINDS[kind].distribution) */
  distribution: Record<string, number> | null;
  /** the answer key, from the reveal on (null before) */
  revealedKey: AnswerKey | null;
  /** from reveal on: seat → correct? (screens and staff; a tablet has its own in `seat:self`) */
  verdicts: Record<number, boolean> | null;
  explanation: string | null;
  /** from reveal on: what the question did to the field (screens and staff) */
  outcome: RoundOutcome | null;
}

/** What a revealed question (and whatever followed it: rescues, revisions) did to the field. Decided by the engine. */
export interface RoundOutcome {
  /** seats this question put out and nobody brought back since */
  eliminated: number[];
  /** seats back in the game through this question (rescue question) or a rescue since its reveal */
  returned: number[];
  /** every contestant still standing was wrong: the all-wrong rule applied (null when it did not) */
  allWrong: AllWrongRule | null;
  /** seats that rang the golden bell on this question */
  bell: number[];
  /** seats whose verdict the judges revised on this question */
  revised: number[];
}

/** how a seat came back into the game */
export type ReturnHow = RescueHow | 'rescue-question';

/** What the last reveal — and whatever followed it — meant for one seat. Decided by the engine; devices only render it. */
export type SeatResult =
  /** answered right: still standing */
  | { kind: 'stays' }
  /** out: at this question, or at an earlier one when a revision changed history; `allWrong`: the rule put everyone out */
  | { kind: 'eliminated'; atQuestion: number | null; allWrong: boolean }
  /** wrong, but every contestant still standing was wrong and the rule keeps everyone */
  | { kind: 'saved-all-wrong' }
  /** wrong with everyone else: a tie-break among these seats decides */
  | { kind: 'tie-break' }
  /** back in the game (rescue question answered right, automatic rescue, the MC's rescue) */
  | { kind: 'returned'; how: ReturnHow }
  /** the rescue question was missed: still out */
  | { kind: 'still-out' }
  /** rang the golden bell */
  | { kind: 'bell' }
  /** missed the golden-bell question: still standing, no bell */
  | { kind: 'golden-missed' }
  /** answered a tie-break question (it changes nobody's status; the standings use it) */
  | { kind: 'tie-break-played' }
  /** did not play this question, and nothing changed for the seat */
  | { kind: 'watching' };

export type SeatResultKind = SeatResult['kind'];

export interface SeatOutcome {
  /** the revealed round this is about */
  round: number;
  /** the seat's verdict on it; null when the seat did not play it */
  verdict: 'correct' | 'wrong' | 'missed' | null;
  /** the judges revised this seat's verdict on this question */
  revised: boolean;
  result: SeatResult;
}

export interface SeatView {
  seat: number;
  name: string;
  unit?: string;
  status: SeatStatus;
  /** main question number at which the seat was last eliminated */
  eliminatedAt: number | null;
  /** came back at least once through a rescue */
  rescued: boolean;
  /** answered the current round (not what) */
  answered: boolean;
  bell: boolean;
  connected: boolean;
}

export type PausedBy = 'host' | 'judge' | 'restart';

export interface PublicView {
  showId: string;
  title: string;
  version: number;
  stage: ShowStage;
  paused: boolean;
  /** who paused: the MC, a judge, or the server coming back from a restart (then the MC resumes); null when running */
  pausedBy: PausedBy | null;
  round: RoundPublicView | null;
  seats: SeatView[];
  standingCount: number;
  mainQuestionsPlayed: number;
  mainQuestionsTotal: number;
  bellSeats: number[];
  /** the golden-bell question may be offered now (by rule) */
  goldenBellDue: boolean;
  tieBreakSeats: number[] | null;
  /** shown when finished */
  standings: StandingRow[] | null;
  unitStandings: UnitStandingRow[] | null;
  prizes: PrizeAward[] | null;
  prizesConfirmed: boolean;
}

export interface HostRoundView extends RoundPublicView {
  key: AnswerKey;
  answers: Record<number, { value: AnswerValue; elapsedMs: number; correct: boolean }>;
  revisions: { seat: number; correct: boolean; reason: string; by: string }[];
}

export interface QuestionSummary extends Question {
  used: boolean;
}

/** host & judges: everything, including the key and every answer */
export interface HostView extends Omit<PublicView, 'round' | 'standings' | 'prizes'> {
  round: HostRoundView | null;
  rules: ShowRules;
  questions: QuestionSummary[];
  /** every round so far, with its verdicts (judges revise any of them) */
  rounds: {
    index: number;
    mode: RoundMode;
    number: number | null;
    questionId: string;
    voided: boolean;
    eligibleSeats: number[];
    verdicts: Record<number, boolean> | null;
  }[];
  standings: StandingRow[];
  proposedPrizes: PrizeAward[];
  prizes: PrizeAward[] | null;
  /** suggested next step for the one primary button */
  nextStep: NextStep;
}

export type NextStep =
  /** a rehearsal question is running by itself in the lobby: nothing to press but its cancel */
  | 'rehearsal'
  | 'start'
  | 'show-question'
  | 'open'
  | 'lock'
  | 'reveal'
  | 'golden-bell'
  | 'finish'
  | 'confirm-prizes'
  | 'done';

/** a contestant's own situation; sent only to that seat's socket */
export interface SeatSelf {
  seat: number;
  name: string;
  status: SeatStatus;
  /** main question number of the seat's last elimination */
  eliminatedAt: number | null;
  rescued: boolean;
  bell: boolean;
  /** may answer the current round now */
  canAnswer: boolean;
  eligible: boolean;
  round: number | null;
  answer: AnswerValue | null;
  /** verdict on the current round, after reveal */
  correct: boolean | null;
  /** what the current round's reveal meant for this seat (null before the reveal) */
  outcome: SeatOutcome | null;
}

/** aggregate answer counts, sent on a short tick while answering (never per answer) */
export interface Tally {
  round: number;
  answered: number;
  eligible: number;
  /** which seats answered (not what): the big screen lights their tiles */
  answeredSeats: number[];
  audienceAnswered: number;
}

export interface HostTally extends Tally {
  distribution: Record<string, number>;
}

export interface AudienceSelf {
  id: string;
  name: string;
  score: number;
  rank: number | null;
  round: number | null;
  answer: AnswerValue | null;
  correct: boolean | null;
}

export interface AudienceBoardRow {
  rank: number;
  name: string;
  score: number;
}

export type ShowView = PublicView | HostView;

/**
 * One message per state change: the view plus the events that produced it (sounds, animations).
 * Contestants and audience phones get a light view whose `seats` lists only the seats that rang
 * the bell — a seat learns its own status from `seat:self`; screens and staff get every seat.
 */
export type StateMessage = ShowView & {
  events: ShowEvent[];
  /** audience top 10, on the message of each reveal (and revision/swap) that changed it */
  audienceBoard?: AudienceBoardRow[];
};
export const isHostView = (v: ShowView): v is HostView => 'rules' in v;

/** the fields of a round view that may be null: a new round in a `ViewDelta` leaves them out when they are */
export const ROUND_NULLABLE = [
  'number',
  'deadline',
  'remainingMs',
  'distribution',
  'revealedKey',
  'verdicts',
  'explanation',
  'outcome',
] as const satisfies readonly (keyof RoundPublicView)[];

/**
 * What contestant tablets and audience phones (the `crowd` room) receive instead of whole views: only what
 * changed since the node's previous message to their room, so a phone's bytes per question stay small at
 * any audience size. A device whose view is not at `base` asks for `show:resync`. Phones get the tablets'
 * view without `round.eligibleSeats` (always empty for them: a phone may always play along).
 */
export interface ViewDelta {
  /** the view version the device must hold (its last delta's `version`, or its snapshot's) */
  base: number;
  /** the view's version after this delta */
  version: number;
  events: ShowEvent[];
  /** the view's top-level fields that changed (never `round` or `version`); absent when none did */
  set?: Partial<Omit<PublicView, 'round'>>;
  /**
   * absent: the round did not change; `full`: another round (or none), its `ROUND_NULLABLE` fields left out
   * when null; `patch`: its fields that changed
   */
  round?: { full: Partial<RoundPublicView> | null } | { patch: Partial<RoundPublicView> };
  /** audience top 10, on the message of each reveal (and revision/swap) that changed it */
  audienceBoard?: AudienceBoardRow[];
}
