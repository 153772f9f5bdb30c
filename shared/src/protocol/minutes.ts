/** Biên bản: the printable record of a live show, decided by the server from the whole history. */
import type { AllWrongRule, AnswerKey, PrizeAward, RescueHow, RoundMode, StandingRow } from './model.ts';

export interface MinutesQuestion {
  kind: 'question';
  round: number;
  mode: RoundMode;
  /** main question number; null for rescue, golden and tie-break questions */
  number: number | null;
  questionId: string;
  prompt: string;
  key: AnswerKey;
  options?: string[];
  /** withdrawn by a backup swap: answers void */
  voided: boolean;
  /** seats that played it */
  eligible: number[];
  correct: number[];
  /** seats this question put out (with today's verdicts) */
  eliminated: number[];
  /** seats back through it (a rescue question answered right) */
  returned: number[];
  allWrong: AllWrongRule | null;
  bell: number[];
  revisions: { seat: number; correct: boolean; reason: string; by: string; at: number }[];
}

export interface MinutesRescue {
  kind: 'rescue';
  /** after which main question number (null before the first) */
  afterQuestion: number | null;
  how: RescueHow;
  seats: number[];
}

export interface ShowMinutes {
  showId: string;
  title: string;
  stage: 'lobby' | 'running' | 'finished';
  seats: { seat: number; name: string; unit?: string }[];
  entries: (MinutesQuestion | MinutesRescue)[];
  bellSeats: number[];
  standings: StandingRow[];
  /** confirmed prizes, else the proposal (prizesConfirmed says which) */
  prizes: PrizeAward[];
  prizesConfirmed: boolean;
  generatedAt: number;
}
