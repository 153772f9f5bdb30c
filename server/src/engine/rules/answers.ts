/** Answer matching: which values fit a question, and which are correct. Pure; each kind's rule is its entry in KINDS. */
import {
  answerFits,
  countAnswer,
  emptyDistribution as emptyBuckets,
  judgeAnswer,
  type AnswerValue,
  type Question,
  type TextMatchRules,
} from '@cv/shared/protocol';

export { normalizeAnswerText } from '@cv/shared/protocol';

/** Does the value have the shape the question's kind needs? (a wrong answer is still valid) */
export const validAnswerFor = (question: Question, value: AnswerValue): boolean =>
  answerFits(question, value);

export const isCorrect = (question: Question, value: AnswerValue, textMatch: TextMatchRules): boolean =>
  judgeAnswer(question, value, textMatch);

/** Empty distribution for a question: every bucket starts at 0 so screens draw stable bars. */
export const emptyDistribution = (question: Question): Record<string, number> => emptyBuckets(question);

/** Adds one answer to a distribution (mutates the accumulator the caller owns). */
export function addToDistribution(
  dist: Record<string, number>,
  question: Question,
  value: AnswerValue,
  textMatch: TextMatchRules,
): void {
  countAnswer(dist, question, value, () => isCorrect(question, value, textMatch));
}
