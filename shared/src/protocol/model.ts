/** Domain data shared by server and clients. No runtime deps. */
import type { AnswerKey, QuestionKind } from './kinds.ts';

export type { AnswerKey, AnswerValue, QuestionKind } from './kinds.ts';

export type Role = 'host' | 'judge' | 'player' | 'screen' | 'audience';
export type ShowStage = 'lobby' | 'running' | 'finished';
/** Phases of one question: shown → answering → locked → revealed. */
export type Phase = 'shown' | 'answering' | 'locked' | 'revealed';
/** main: elimination question; rescue: only eliminated seats answer, correct ones return;
 *  golden: the golden-bell question; tiebreak: only the given seats answer;
 *  rehearsal: the built-in sample question of the pre-show check, which changes nobody and counts nowhere. */
export type RoundMode = 'main' | 'rescue' | 'golden' | 'tiebreak' | 'rehearsal';
export type QuestionPool = 'main' | 'backup' | 'tiebreak' | 'rescue' | 'golden';
export type SeatStatus = 'standing' | 'eliminated';
/** how the MC (or the automatic rule) brought eliminated seats back */
export type RescueHow = 'seats' | 'all' | 'since' | 'hall-game' | 'auto';

export interface Media {
  type: 'image' | 'audio' | 'video';
  url: string;
}

/** What every device may see of a question. */
export interface PublicQuestion {
  id: string;
  kind: QuestionKind;
  prompt: string;
  /** option texts (A, B, C, D…) for kinds that have options (KINDS[kind].options); absent for others. */
  options?: string[];
  media?: Media;
  timeLimitSec: number;
  topic?: string;
}

/** A full question as the organizers author it: the key never leaves host/judge views before the reveal. */
export interface Question extends PublicQuestion {
  pool: QuestionPool;
  key: AnswerKey;
  explanation?: string;
}

export interface TextMatchRules {
  ignoreCase: boolean;
  collapseSpaces: boolean;
  ignoreDiacritics: boolean;
}

export type AllWrongRule = 'nobody-eliminated' | 'all-eliminated' | 'tie-break';

export interface ShowRules {
  /** a missing answer counts as wrong [true] */
  noAnswerIsWrong: boolean;
  /** answers may change until lock, last one counts [true] */
  allowAnswerChange: boolean;
  /** network grace after the deadline before answers are refused [800 ms] */
  lateGraceMs: number;
  /** what happens when every standing contestant is wrong [nobody-eliminated] */
  allWrongRule: AllWrongRule;
  /** automatic rescue: when the number standing falls to ≤ N after a reveal, and/or after given main question numbers */
  autoRescue: { whenStandingAtMost: number | null; afterQuestionNumbers: number[] };
  /** golden bell offered when ≤ K remain [1], or at a fixed main question number */
  goldenBell: { whenStandingAtMost: number; atQuestionNumber: number | null };
  textMatch: TextMatchRules;
  /** tie-break: the fastest correct answer decides [true] */
  tieBreakFastestWins: boolean;
  prizes: { first: number; second: number; third: number; consolation: number };
}

export const DEFAULT_RULES: ShowRules = {
  noAnswerIsWrong: true,
  allowAnswerChange: true,
  lateGraceMs: 800,
  allWrongRule: 'nobody-eliminated',
  autoRescue: { whenStandingAtMost: null, afterQuestionNumbers: [] },
  goldenBell: { whenStandingAtMost: 1, atQuestionNumber: null },
  textMatch: { ignoreCase: true, collapseSpaces: true, ignoreDiacritics: true },
  tieBreakFastestWins: true,
  prizes: { first: 1, second: 1, third: 1, consolation: 2 },
};

export interface SeatInfo {
  seat: number;
  name: string;
  unit?: string;
}

export type PrizeRank = 'bell' | 'first' | 'second' | 'third' | 'consolation';

export interface StandingRow {
  seat: number;
  name: string;
  unit?: string;
  /** 1-based; equal rank = a tie */
  rank: number;
  tied: boolean;
  status: SeatStatus;
  bell: boolean;
  /** main question number the seat was (last) eliminated at; null while standing */
  eliminatedAt: number | null;
  correct: number;
  totalAnswerMs: number;
}

export interface UnitStandingRow {
  unit: string;
  rank: number;
  seats: number;
  standing: number;
  bestRank: number;
  correct: number;
}

export interface PrizeAward {
  prize: PrizeRank;
  seats: number[];
}

/** A state-changing step the engine reports, for animations, sounds and logs. Public-safe. */
export type ShowEvent =
  | { type: 'show-started' }
  | { type: 'question-shown'; round: number; mode: RoundMode }
  | { type: 'answering-opened'; round: number; deadline: number }
  | { type: 'locked'; round: number; auto: boolean }
  | { type: 'revealed'; round: number; eliminated: number[]; returned: number[]; allWrong: boolean }
  | { type: 'paused' }
  | { type: 'resumed'; deadline: number | null }
  | { type: 'question-swapped'; round: number }
  | { type: 'rescued'; seats: number[]; how: RescueHow }
  | { type: 'verdict-revised'; round: number; seat: number; correct: boolean }
  | { type: 'bell-rung'; seats: number[] }
  | { type: 'show-finished' }
  | { type: 'prizes-confirmed' }
  /** the rehearsal question is over (by itself after its reveal, or cancelled by the MC): back to the lobby */
  | { type: 'rehearsal-ended'; round: number; cancelled: boolean };
