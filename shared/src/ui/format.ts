/** Pure helpers the shared components use: option letters, answer texts, seat tile states. No Vue, no store. */
import {
  kindSpec,
  type AnswerKey,
  type AnswerValue,
  type Choice,
  type FormatOptions,
  type Translate,
} from '../protocol/kinds.ts';
import type { PublicQuestion, RoundPublicView, SeatView } from '../protocol/index.ts';

export { optionLetter, sameAnswer, type Choice } from '../protocol/kinds.ts';

/** the buttons a question offers (choice kinds); empty for the others */
export const choicesOf = (question: Pick<PublicQuestion, 'kind' | 'options'>): Choice[] =>
  kindSpec(question.kind).choices(question.options);

/** the kind is answered by picking choices (so the key shows on the choices, and counts per choice) */
export const answeredByChoice = (question: Pick<PublicQuestion, 'kind'>): boolean => {
  const input = kindSpec(question.kind).input;
  return input === 'pick-one' || input === 'pick-many';
};

/** the kind's answers are counted right/wrong (verdicts), not per choice */
export const countedByVerdict = (question: Pick<PublicQuestion, 'kind'>): boolean =>
  kindSpec(question.kind).distribution === 'verdicts';

/** is this choice part of the answer key (after the reveal, or for host/judges)? */
export function isCorrectChoice(key: AnswerKey | null | undefined, value: number | boolean): boolean {
  return !!key && kindSpec(key.kind).keyHasChoice(key, value);
}

/** is this choice part of the given answer? */
export function isChosen(answer: AnswerValue | null | undefined, value: number | boolean): boolean {
  if (answer === null || answer === undefined) return false;
  if (Array.isArray(answer)) return typeof value === 'number' && answer.includes(value);
  return answer === value;
}

/**
 * The one formatting API for answers and keys, in every app and every export:
 * an answer as people read it — "B. Hà Nội", "Đúng", "A, C", "12,5", "C → A → B".
 * A value that does not fit the question (it never counts) is shown as it came.
 */
export function formatAnswer(
  value: AnswerValue | null | undefined,
  question: Pick<PublicQuestion, 'kind' | 'options'>,
  t: Translate,
  options: FormatOptions = {},
): string {
  if (value === null || value === undefined) return t('answer.none');
  if (!kindSpec(question.kind).value.safeParse(value).success) return String(value);
  return kindSpec(question.kind).formatAnswer(value, question.options, t, options);
}

/** the answer key in the same words */
export function formatKey(
  key: AnswerKey,
  question: Pick<PublicQuestion, 'options'>,
  t: Translate,
  options: FormatOptions = {},
): string {
  return kindSpec(key.kind).formatKey(key, question.options, t, options);
}

export type SeatTileState = 'standing' | 'answered' | 'eliminated' | 'rescued' | 'bell' | 'waiting';

/**
 * One word for what a seat tile shows now: bell > eliminated > answered this round > rescued > standing.
 * 'waiting' = standing but not eligible for the current round (e.g. outside a tie-break).
 */
export function seatTileState(
  seat: SeatView,
  round: Pick<RoundPublicView, 'eligibleSeats' | 'phase'> | null,
): SeatTileState {
  if (seat.bell) return 'bell';
  const eligible = round ? round.eligibleSeats.includes(seat.seat) : false;
  if (seat.status === 'eliminated')
    return eligible && seat.answered && round?.phase !== 'revealed' ? 'answered' : 'eliminated';
  if (round && !eligible && round.phase !== 'revealed') return 'waiting';
  if (seat.answered && round && round.phase !== 'revealed') return 'answered';
  if (seat.rescued) return 'rescued';
  return 'standing';
}

/** whole seconds shown for a remaining time (ceil, so "1" lasts until the very end) */
export const displaySeconds = (ms: number | null | undefined): number | null =>
  ms === null || ms === undefined ? null : Math.max(0, Math.ceil(ms / 1000));
