/** Answer matching: which values fit a question, and which are correct. Pure. */
import type { AnswerValue, Question, TextMatchRules } from '@cv/shared/protocol';

const COMBINING_MARKS = /\p{M}/gu;

/** Normalises text for comparison; diacritics are stripped via NFD so "Căn cước" matches "can cuoc". */
export function normalizeAnswerText(text: string, textMatch: TextMatchRules): string {
  let s = text.normalize('NFC').trim();
  if (textMatch.collapseSpaces) s = s.replace(/\s+/g, ' ');
  if (textMatch.ignoreDiacritics) {
    // đ/Đ are letters of their own, not d + a mark, so NFD does not decompose them
    s = s
      .replace(/đ/g, 'd')
      .replace(/Đ/g, 'D')
      .normalize('NFD')
      .replace(COMBINING_MARKS, '')
      .normalize('NFC');
  }
  if (textMatch.ignoreCase) s = s.toLowerCase();
  return s;
}

const isIndex = (v: unknown, n: number): v is number =>
  typeof v === 'number' && Number.isInteger(v) && v >= 0 && v < n;

/** Does the value have the shape the question's kind needs? (a wrong answer is still valid) */
export function validAnswerFor(question: Question, value: AnswerValue): boolean {
  const n = question.options?.length ?? 0;
  switch (question.kind) {
    case 'single':
      return isIndex(value, n);
    case 'truefalse':
      return typeof value === 'boolean';
    case 'multi':
      // an empty selection is no answer at all, so it is refused rather than judged
      return (
        Array.isArray(value) &&
        value.length > 0 &&
        value.every((i) => isIndex(i, n)) &&
        new Set(value).size === value.length
      );
    case 'text':
      return typeof value === 'string' && value.trim().length > 0;
    case 'numeric':
      return typeof value === 'number' && Number.isFinite(value);
    default:
      return false;
  }
}

export function isCorrect(question: Question, value: AnswerValue, textMatch: TextMatchRules): boolean {
  if (!validAnswerFor(question, value)) return false;
  const key = question.key;
  switch (key.kind) {
    case 'single':
      return value === key.correct;
    case 'truefalse':
      return value === key.correct;
    case 'multi': {
      const chosen = new Set(value as number[]);
      const correct = new Set(key.correct);
      return chosen.size === correct.size && [...correct].every((i) => chosen.has(i));
    }
    case 'text': {
      const given = normalizeAnswerText(value as string, textMatch);
      return key.accepted.some((a) => normalizeAnswerText(a, textMatch) === given);
    }
    case 'numeric':
      // tiny epsilon so 0.1 + 0.2 style float noise does not flip a verdict at the tolerance edge
      return Math.abs((value as number) - key.value) <= (key.tolerance ?? 0) + 1e-9;
    default:
      return false;
  }
}

/** Empty distribution for a question: every option starts at 0 so screens draw stable bars. */
export function emptyDistribution(question: Question): Record<string, number> {
  switch (question.kind) {
    case 'single':
    case 'multi':
      return Object.fromEntries((question.options ?? []).map((_, i) => [String(i), 0]));
    case 'truefalse':
      return { true: 0, false: 0 };
    default:
      return { correct: 0, wrong: 0 };
  }
}

/** Adds one answer to a distribution (mutates the accumulator the caller owns). */
export function addToDistribution(
  dist: Record<string, number>,
  question: Question,
  value: AnswerValue,
  textMatch: TextMatchRules,
): void {
  const bump = (k: string) => {
    dist[k] = (dist[k] ?? 0) + 1;
  };
  switch (question.kind) {
    case 'single':
    case 'truefalse':
      bump(String(value));
      return;
    case 'multi':
      if (Array.isArray(value)) for (const i of value) bump(String(i));
      return;
    default:
      bump(isCorrect(question, value, textMatch) ? 'correct' : 'wrong');
  }
}
