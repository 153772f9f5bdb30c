/** One attempt's score and timing. Pure. */
import { DEFAULT_RULES, type AnswerValue } from '@cv/shared/protocol';
import { isCorrect, validAnswerFor } from '../../engine/rules/answers.ts';
import { toOriginal, type DrawnQuestion, type PoolQuestion } from './draw.ts';

/** text answers compare ignoring case, extra spaces and Vietnamese diacritics, as in the show */
const TEXT_MATCH = DEFAULT_RULES.textMatch;

/** does a value (in the attempt's option order) fit the drawn question? A wrong answer still fits. */
export function fitsQuestion(
  value: AnswerValue,
  drawn: DrawnQuestion,
  pool: readonly PoolQuestion[],
): boolean {
  const question = pool[drawn.poolIndex].question;
  const original = toOriginal(value, question, drawn.order);
  return original !== null && validAnswerFor(question, original);
}

/** how many of the drawn questions the saved answers got right; a missing answer is wrong */
export function countCorrect(
  drawn: readonly DrawnQuestion[],
  answers: readonly (AnswerValue | null | undefined)[],
  pool: readonly PoolQuestion[],
): { correct: number; perQuestion: boolean[] } {
  const perQuestion = drawn.map((d, i) => {
    const value = answers[i];
    if (value === null || value === undefined) return false;
    const question = pool[d.poolIndex].question;
    const original = toOriginal(value, question, d.order);
    return original !== null && isCorrect(question, original, TEXT_MATCH);
  });
  return { correct: perQuestion.filter(Boolean).length, perQuestion };
}

/** the server-side deadline: the time limit, but never past the round's close */
export const attemptDeadline = (startedAt: number, timeLimitSec: number, closesAt: number): number =>
  Math.min(startedAt + timeLimitSec * 1000, closesAt);

/** answers and submits are accepted up to the deadline plus a small network grace */
export const acceptsAt = (deadline: number, graceMs: number, now: number): boolean =>
  now <= deadline + graceMs;

/**
 * When the attempt counts as submitted and how long it took: a submit inside the grace counts as at
 * the deadline, so the grace never buys time; an attempt the server closes counts the whole limit.
 */
export function submissionTiming(startedAt: number, deadline: number, submittedAt: number) {
  const at = Math.min(submittedAt, deadline);
  return { submittedAt: at, durationMs: Math.max(0, at - startedAt) };
}
