/** Small read helpers over ShowState shared by commands and views. Pure. */
import type { Question } from '@cv/shared/protocol';
import { REHEARSAL_QUESTION } from './rules/rehearsal-question.ts';
import type { Round, ShowState } from './types.ts';

/** The round on screen: the rehearsal question while one runs (it only runs in the lobby), else the show's. */
export function currentRound(state: ShowState): Round | null {
  if (state.rehearsal) return state.rehearsal.round;
  return state.current === null ? null : (state.rounds[state.current] ?? null);
}

/** A round by its index: a show round (0, 1, …) or the running rehearsal (negative index). */
export function roundAt(state: ShowState, index: number): Round | undefined {
  if (index < 0) return state.rehearsal?.round.index === index ? state.rehearsal.round : undefined;
  return state.rounds[index];
}

export function questionById(state: ShowState, id: string): Question | undefined {
  return state.questions.find((q) => q.id === id);
}

/** The question of a round; a round always names a question of the show. */
export function roundQuestion(state: ShowState, round: Round): Question {
  if (round.mode === 'rehearsal') return REHEARSAL_QUESTION;
  const q = questionById(state, round.questionId);
  if (!q) throw new Error(`round ${round.index} names unknown question ${round.questionId}`);
  return q;
}

/** Questions in a non-voided round: these may not be shown again. */
export function usedQuestionIds(state: ShowState): Set<string> {
  return new Set(state.rounds.filter((r) => !r.voided).map((r) => r.questionId));
}

/** Questions that appeared in any round: automatic picks skip them, so a withdrawn faulty question never comes back by itself. */
export function shownQuestionIds(state: ShowState): Set<string> {
  return new Set(state.rounds.map((r) => r.questionId));
}

export function nextUnusedQuestion(state: ShowState, pool: Question['pool']): Question | undefined {
  const shown = shownQuestionIds(state);
  return state.questions.find((q) => q.pool === pool && !shown.has(q.id));
}

/** Replaces one round, copying only the rounds array (or the rehearsal). */
export function withRound(state: ShowState, round: Round): ShowState {
  if (round.mode === 'rehearsal')
    return { ...state, rehearsal: { nextStepAt: null, ...state.rehearsal, round } };
  const rounds = state.rounds.slice();
  rounds[round.index] = round;
  return { ...state, rounds };
}

export const seatNumbers = (state: ShowState): number[] => state.seats.map((s) => s.seat);
export const standingSeats = (state: ShowState): number[] =>
  state.seats.filter((s) => s.status === 'standing').map((s) => s.seat);
export const eliminatedSeats = (state: ShowState): number[] =>
  state.seats.filter((s) => s.status === 'eliminated').map((s) => s.seat);

/** Main question number the next main round would get. */
export function nextMainNumber(state: ShowState): number {
  return state.rounds.filter((r) => r.mode === 'main' && !r.voided).length + 1;
}
