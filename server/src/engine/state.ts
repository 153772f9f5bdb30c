/** Small read helpers over ShowState shared by commands and views. Pure. */
import type { Question } from '@cv/shared/protocol';
import type { Round, ShowState } from './types.ts';

export function currentRound(state: ShowState): Round | null {
  return state.current === null ? null : (state.rounds[state.current] ?? null);
}

export function questionById(state: ShowState, id: string): Question | undefined {
  return state.questions.find((q) => q.id === id);
}

/** The question of a round; a round always names a question of the show. */
export function roundQuestion(state: ShowState, round: Round): Question {
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

/** Replaces one round, copying only the rounds array. */
export function withRound(state: ShowState, round: Round): ShowState {
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
