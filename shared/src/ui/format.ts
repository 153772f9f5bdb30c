/** Pure helpers the shared components use: option letters, answer texts, seat tile states. No Vue, no store. */
import type { AnswerKey, AnswerValue, PublicQuestion, RoundPublicView, SeatView } from '../protocol/index.ts';

export const optionLetter = (i: number): string => String.fromCharCode(65 + i);

export interface Choice {
  /** the value sent as the answer */
  value: number | boolean;
  /** key in RoundPublicView.distribution */
  key: string;
  letter: string;
  /** option text, or null for true/false (the UI translates answer.true / answer.false) */
  text: string | null;
}

/** the buttons a question offers (single/multi/truefalse); empty for typed answers */
/** answered by picking (so "Ẩn phương án" means "the options come next", never a text box) */
export function isChoiceKind(kind: PublicQuestion['kind']): boolean {
  return kind === 'single' || kind === 'multi' || kind === 'truefalse';
}

export function choicesOf(question: Pick<PublicQuestion, 'kind' | 'options'>): Choice[] {
  if (question.kind === 'truefalse')
    return [
      { value: true, key: 'true', letter: 'Đ', text: null },
      { value: false, key: 'false', letter: 'S', text: null },
    ];
  if (question.kind === 'single' || question.kind === 'multi')
    return (question.options ?? []).map((text, i) => ({
      value: i,
      key: String(i),
      letter: optionLetter(i),
      text,
    }));
  return [];
}

/** is this choice part of the correct answer (after the reveal)? */
export function isCorrectChoice(key: AnswerKey | null | undefined, value: number | boolean): boolean {
  if (!key) return false;
  if (key.kind === 'single') return key.correct === value;
  if (key.kind === 'truefalse') return key.correct === value;
  if (key.kind === 'multi') return typeof value === 'number' && key.correct.includes(value);
  return false;
}

/** is this choice part of the given answer? */
export function isChosen(answer: AnswerValue | null | undefined, value: number | boolean): boolean {
  if (answer === null || answer === undefined) return false;
  if (Array.isArray(answer)) return typeof value === 'number' && answer.includes(value);
  return answer === value;
}

/** same answer (order of multi-select indexes does not matter) */
export function sameAnswer(a: AnswerValue | null | undefined, b: AnswerValue | null | undefined): boolean {
  if (a === null || a === undefined || b === null || b === undefined) return a === b;
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) return false;
    const sb = [...b].sort((x, y) => x - y);
    return [...a].sort((x, y) => x - y).every((v, i) => v === sb[i]);
  }
  return a === b;
}

type Translate = (key: string, named?: Record<string, unknown>) => string;

/** human text of an answer value, e.g. "B. Hà Nội", "Đúng", "A, C", "42" */
export function formatAnswer(
  value: AnswerValue | null | undefined,
  question: Pick<PublicQuestion, 'kind' | 'options'>,
  t: Translate,
  withText = true,
): string {
  if (value === null || value === undefined) return t('answer.none');
  if (typeof value === 'boolean') return t(value ? 'answer.true' : 'answer.false');
  const opt = (i: number) => {
    const text = question.options?.[i];
    return withText && text ? `${optionLetter(i)}. ${text}` : optionLetter(i);
  };
  if (Array.isArray(value))
    return [...value]
      .sort((a, b) => a - b)
      .map((i) => (value.length > 1 ? optionLetter(i) : opt(i)))
      .join(', ');
  if (typeof value === 'number' && (question.kind === 'single' || question.kind === 'multi'))
    return opt(value);
  return String(value);
}

/** human text of the correct answer after the reveal */
export function formatKey(
  key: AnswerKey,
  question: Pick<PublicQuestion, 'kind' | 'options'>,
  t: Translate,
): string {
  switch (key.kind) {
    case 'single':
      return formatAnswer(key.correct, question, t);
    case 'truefalse':
      return formatAnswer(key.correct, question, t);
    case 'multi':
      return formatAnswer(key.correct, question, t);
    case 'text':
      return key.accepted.join(' / ');
    case 'numeric':
      return key.tolerance > 0
        ? `${key.value} (${t('answer.tolerance', { n: key.tolerance })})`
        : String(key.value);
  }
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
