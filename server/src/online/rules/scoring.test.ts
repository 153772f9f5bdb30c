import type { Question } from '@cv/shared/protocol';
import { describe, expect, it } from 'vitest';
import type { DrawnQuestion, PoolQuestion } from './draw.ts';
import { acceptsAt, attemptDeadline, countCorrect, fitsQuestion, submissionTiming } from './scoring.ts';

const q = (id: string, rest: Omit<Question, 'id' | 'pool' | 'prompt' | 'timeLimitSec'>): PoolQuestion => ({
  poolIndex: 0,
  questionId: id,
  version: 1,
  topicId: 't',
  question: { id, pool: 'main', prompt: id, timeLimitSec: 30, ...rest } as Question,
});
const POOL: PoolQuestion[] = [
  q('single', { kind: 'single', options: ['a', 'b', 'c', 'd'], key: { kind: 'single', answer: 2 } }),
  q('multi', { kind: 'multi', options: ['a', 'b', 'c', 'd'], key: { kind: 'multi', answer: [0, 3] } }),
  q('tf', { kind: 'truefalse', key: { kind: 'truefalse', answer: false } }),
  q('text', { kind: 'text', key: { kind: 'text', accepted: ['Căn cước'] } }),
  q('num', { kind: 'numeric', key: { kind: 'numeric', value: 25, tolerance: 0 } }),
].map((p, i) => ({ ...p, poolIndex: i }));
// options shown reversed: shown index i is original 3 − i
const DRAW: DrawnQuestion[] = [
  { poolIndex: 0, order: [3, 2, 1, 0] },
  { poolIndex: 1, order: [3, 2, 1, 0] },
  { poolIndex: 2, order: null },
  { poolIndex: 3, order: null },
  { poolIndex: 4, order: null },
];

describe('scoring an attempt', () => {
  it('judges answers given in the attempt’s option order', () => {
    const right = countCorrect(DRAW, [1, [3, 0], false, 'can  CUOC', 25], POOL);
    expect(right).toEqual({ correct: 5, perQuestion: [true, true, true, true, true] });
    // the original index of the key, given as if it were a shown index, is wrong
    expect(countCorrect(DRAW, [2, [0, 1], true, 'CCCD', 24], POOL).correct).toBe(0);
  });

  it('a missing answer is wrong', () => {
    expect(countCorrect(DRAW, [1, null, undefined], POOL)).toEqual({
      correct: 1,
      perQuestion: [true, false, false, false, false],
    });
  });

  it('checks a value fits its question before it is saved', () => {
    expect(fitsQuestion(3, DRAW[0], POOL)).toBe(true);
    expect(fitsQuestion(4, DRAW[0], POOL)).toBe(false);
    expect(fitsQuestion([1, 1], DRAW[1], POOL)).toBe(false);
    expect(fitsQuestion('true', DRAW[2], POOL)).toBe(false);
    expect(fitsQuestion('  ', DRAW[3], POOL)).toBe(false);
    expect(fitsQuestion(Number.NaN, DRAW[4], POOL)).toBe(false);
  });
});

describe('deadline and grace', () => {
  const start = 1_000_000;
  it('the deadline is the time limit, cut at the round’s close', () => {
    expect(attemptDeadline(start, 600, start + 3_600_000)).toBe(start + 600_000);
    expect(attemptDeadline(start, 600, start + 60_000)).toBe(start + 60_000);
  });
  it('answers are accepted up to deadline + grace, inclusive, and refused one millisecond later', () => {
    const deadline = start + 600_000;
    expect(acceptsAt(deadline, 3000, deadline)).toBe(true);
    expect(acceptsAt(deadline, 3000, deadline + 3000)).toBe(true);
    expect(acceptsAt(deadline, 3000, deadline + 3001)).toBe(false);
  });
  it('a submit inside the grace counts as at the deadline: the grace buys no time', () => {
    const deadline = start + 600_000;
    expect(submissionTiming(start, deadline, deadline + 2500)).toEqual({
      submittedAt: deadline,
      durationMs: 600_000,
    });
    expect(submissionTiming(start, deadline, start + 12_345)).toEqual({
      submittedAt: start + 12_345,
      durationMs: 12_345,
    });
  });
});
