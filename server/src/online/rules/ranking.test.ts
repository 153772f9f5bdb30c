import { describe, expect, it } from 'vitest';
import {
  compareAttempts,
  countedAttempts,
  distanceOf,
  predictionActual,
  rankCandidates,
  type FinishedAttempt,
} from './ranking.ts';

const T = 1_700_000_000_000;
let seq = 0;
const numbers = new Map<string, number>();
/** registration numbers in order of first use: the final tie order in these tests */
const numberOf = (candidateId: string) => {
  if (!numbers.has(candidateId)) numbers.set(candidateId, numbers.size);
  return numbers.get(candidateId)!;
};
function attempt(candidateId: string, extra: Partial<FinishedAttempt> = {}): FinishedAttempt {
  return {
    attemptId: `a${++seq}`,
    candidateId,
    candidateNo: numberOf(candidateId),
    number: 1,
    correct: 10,
    total: 20,
    prediction: 1000,
    durationMs: 300_000,
    submittedAt: T,
    ...extra,
  };
}
const order = (rows: { candidateId: string }[]) => rows.map((r) => r.candidateId);

describe('ranking order: correct ↓, |prediction − actual| ↑, duration ↑, submitted-at ↑', () => {
  it('more correct answers first, whatever the other criteria', () => {
    const ranked = rankCandidates(
      [
        attempt('few', { correct: 9, prediction: 1000, durationMs: 1 }),
        attempt('many', { correct: 11, prediction: 5, durationMs: 999_999 }),
      ],
      { counted: 'best', actual: 1000 },
    );
    expect(order(ranked)).toEqual(['many', 'few']);
    expect(ranked.map((r) => r.rank)).toEqual([1, 2]);
  });

  it('equal correct: the closer prediction wins, above or below the actual alike', () => {
    const ranked = rankCandidates(
      [
        attempt('far', { prediction: 1300 }),
        attempt('below', { prediction: 990 }),
        attempt('above', { prediction: 1020 }),
        attempt('exact', { prediction: 1000, durationMs: 999_999 }),
        attempt('none', { prediction: null, durationMs: 1 }),
      ],
      { counted: 'best', actual: 1000 },
    );
    expect(order(ranked)).toEqual(['exact', 'below', 'above', 'far', 'none']);
    expect(ranked.map((r) => r.distance)).toEqual([0, 10, 20, 300, null]);
  });

  it('equal correct and distance: less time wins; then the earlier submission', () => {
    const ranked = rankCandidates(
      [
        attempt('slow', { durationMs: 400_000 }),
        attempt('late', { durationMs: 300_000, submittedAt: T + 5 }),
        attempt('early', { durationMs: 300_000, submittedAt: T + 1 }),
        // a prediction 10 above and one 10 below are equally close: the tie goes on to time
        attempt('under', { prediction: 990, durationMs: 200_000 }),
        attempt('over', { prediction: 1010, durationMs: 100_000 }),
      ],
      { counted: 'best', actual: 1000 },
    );
    expect(order(ranked)).toEqual(['early', 'late', 'slow', 'over', 'under']);
  });

  it('a tie on all four criteria shares the rank, is flagged, and the next rank skips', () => {
    // 'b' registered before 'a': a full tie is listed in registration order
    const b = attempt('b');
    const ranked = rankCandidates(
      [
        attempt('a'),
        b,
        attempt('t4', { correct: 9 }),
        attempt('t3', { correct: 9 }),
        attempt('e', { correct: 1 }),
      ],
      { counted: 'best', actual: 1000 },
    );
    expect(ranked.map((r) => [r.candidateId, r.rank, r.tied, r.position])).toEqual([
      ['b', 1, true, 1],
      ['a', 1, true, 2],
      ['t4', 3, true, 3],
      ['t3', 3, true, 4],
      ['e', 5, false, 5],
    ]);
  });

  it('ties at each level are broken by the next one, never by the candidate', () => {
    const base = { correct: 15, prediction: 1000, durationMs: 100_000, submittedAt: T };
    const rows = [
      attempt('x1', { ...base }),
      attempt('x2', { ...base, submittedAt: T + 1 }), // only the submission time differs
      attempt('x3', { ...base, durationMs: 100_001 }), // only the duration differs
      attempt('x4', { ...base, prediction: 999 }), // only the prediction differs
      attempt('x5', { ...base, correct: 14 }), // only the correct count differs
    ];
    const ranked = rankCandidates(rows.slice().reverse(), { counted: 'best', actual: 1000 });
    expect(order(ranked)).toEqual(['x1', 'x2', 'x3', 'x4', 'x5']);
    expect(ranked.every((r) => !r.tied)).toBe(true);
  });

  it('leaves voided candidates out and closes the gap', () => {
    const ranked = rankCandidates([attempt('cheat', { correct: 20 }), attempt('honest')], {
      counted: 'best',
      actual: 1000,
      voided: new Set(['cheat']),
    });
    expect(ranked.map((r) => [r.candidateId, r.rank])).toEqual([['honest', 1]]);
  });
});

describe('the prediction tie-break uses the actual frozen at close', () => {
  const rows = [attempt('p900', { prediction: 900 }), attempt('p1200', { prediction: 1200 })];

  it('flips with the actual value, which is why it must be frozen', () => {
    expect(order(rankCandidates(rows, { counted: 'best', actual: 1000 }))).toEqual(['p900', 'p1200']);
    expect(order(rankCandidates(rows, { counted: 'best', actual: 1100 }))).toEqual(['p1200', 'p900']);
  });

  it('without an actual (round still open) the prediction does not order anyone', () => {
    expect(distanceOf(900, null)).toBe(Infinity);
    const ranked = rankCandidates(
      [
        attempt('slow', { prediction: 1000, durationMs: 2 }),
        attempt('fast', { prediction: 5, durationMs: 1 }),
      ],
      {
        counted: 'best',
        actual: null,
      },
    );
    expect(order(ranked)).toEqual(['fast', 'slow']);
  });

  it('the actual counts candidates (not attempts), or candidates with a perfect attempt; voided ones excluded', () => {
    const attempts = [
      attempt('a', { correct: 20, number: 1 }),
      attempt('a', { correct: 3, number: 2 }),
      attempt('b', { correct: 19 }),
      attempt('c', { correct: 20 }),
      attempt('v', { correct: 20 }),
    ];
    expect(predictionActual(attempts, 'participants')).toBe(4);
    expect(predictionActual(attempts, 'participants', new Set(['v']))).toBe(3);
    expect(predictionActual(attempts, 'perfect', new Set(['v']))).toBe(2);
  });
});

describe('counted attempt', () => {
  const tries = [
    attempt('c', { number: 1, correct: 12, durationMs: 500_000 }),
    attempt('c', { number: 2, correct: 18, durationMs: 600_000 }),
    attempt('c', { number: 3, correct: 18, durationMs: 400_000 }),
    attempt('c', { number: 4, correct: 5 }),
  ];

  it('best: the attempt that ranks highest by the same order (here the faster of two 18s)', () => {
    expect(countedAttempts(tries, 'best', 1000).get('c')!.number).toBe(3);
  });
  it('first: the first attempt, however good later ones were', () => {
    expect(countedAttempts(tries, 'first', 1000).get('c')!.number).toBe(1);
  });
  it('latest: the last attempt, however bad', () => {
    expect(countedAttempts(tries.slice().reverse(), 'latest', 1000).get('c')!.number).toBe(4);
  });
  it('best with two identical attempts keeps the earlier one', () => {
    const same = [attempt('c', { number: 2 }), attempt('c', { number: 1 })];
    expect(countedAttempts(same, 'best', 1000).get('c')!.number).toBe(1);
  });
  it('best depends on the frozen actual through the prediction', () => {
    const two = [attempt('c', { number: 1, prediction: 900 }), attempt('c', { number: 2, prediction: 1200 })];
    expect(countedAttempts(two, 'best', 950).get('c')!.number).toBe(1);
    expect(countedAttempts(two, 'best', 1150).get('c')!.number).toBe(2);
  });
  it('ranks one row per candidate', () => {
    const ranked = rankCandidates([...tries, attempt('d', { correct: 15 })], {
      counted: 'latest',
      actual: 1000,
    });
    expect(order(ranked)).toEqual(['d', 'c']);
    expect(ranked[1].correct).toBe(5);
  });
});

describe('compareAttempts', () => {
  it('is 0 only for a full tie', () => {
    expect(compareAttempts(attempt('a'), attempt('b'), 1000)).toBe(0);
    expect(compareAttempts(attempt('a', { submittedAt: T + 1 }), attempt('b'), 1000)).toBeGreaterThan(0);
  });
});
