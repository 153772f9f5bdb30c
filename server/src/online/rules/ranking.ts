/**
 * Ranking within a round (DOMAIN Part B): per candidate the counted attempt, ordered by correct
 * answers (more first) → |prediction − actual| (closer first; no prediction after every prediction)
 * → time taken (less first) → submission time (earlier first). Equal on all four = a tie: the same
 * rank, reported so the BTC can decide a shared prize. Pure and allocation-light: it ranks a million
 * attempts well inside the bench budget.
 */
import type { CountedAttempt, RankedCandidate } from '@cv/shared/protocol/online.ts';

/** a submitted attempt as ranking needs it */
export interface FinishedAttempt {
  attemptId: string;
  candidateId: string;
  /** 1-based attempt number of this candidate in the round */
  number: number;
  correct: number;
  total: number;
  prediction: number | null;
  durationMs: number;
  submittedAt: number;
}

/** |prediction − actual|; Infinity without a prediction or before the actual is known */
export const distanceOf = (prediction: number | null, actual: number | null): number =>
  prediction === null || actual === null ? Infinity : Math.abs(prediction - actual);

/** negative when `a` ranks before `b`; 0 only for a tie on every criterion */
export function compareAttempts(a: FinishedAttempt, b: FinishedAttempt, actual: number | null): number {
  return (
    b.correct - a.correct ||
    compareNumbers(distanceOf(a.prediction, actual), distanceOf(b.prediction, actual)) ||
    a.durationMs - b.durationMs ||
    a.submittedAt - b.submittedAt
  );
}

const compareNumbers = (x: number, y: number) => (x === y ? 0 : x < y ? -1 : 1);

/** which attempt counts for each candidate: the best by the ranking order, the first, or the latest */
export function countedAttempts(
  attempts: Iterable<FinishedAttempt>,
  counted: CountedAttempt,
  actual: number | null,
): Map<string, FinishedAttempt> {
  const chosen = new Map<string, FinishedAttempt>();
  for (const a of attempts) {
    const current = chosen.get(a.candidateId);
    if (!current) {
      chosen.set(a.candidateId, a);
      continue;
    }
    const better =
      counted === 'best'
        ? compareAttempts(a, current, actual) < 0 ||
          (compareAttempts(a, current, actual) === 0 && a.number < current.number)
        : counted === 'first'
          ? a.number < current.number
          : a.number > current.number;
    if (better) chosen.set(a.candidateId, a);
  }
  return chosen;
}

/**
 * The round's ranking: voided candidates left out, one row per candidate, ties sharing a rank.
 * Positions are unique (ties in candidate-id order, so a recomputation gives the same list).
 */
export function rankCandidates(
  attempts: Iterable<FinishedAttempt>,
  options: { counted: CountedAttempt; actual: number | null; voided?: ReadonlySet<string> },
): RankedCandidate[] {
  const voided = options.voided;
  const kept = voided && voided.size > 0 ? filterVoided(attempts, voided) : attempts;
  const actual = options.actual;
  // distance computed once per row, not once per comparison
  const rows = Array.from(countedAttempts(kept, options.counted, actual).values(), (a) => ({
    a,
    d: distanceOf(a.prediction, actual),
  }));
  rows.sort(
    (x, y) =>
      y.a.correct - x.a.correct ||
      compareNumbers(x.d, y.d) ||
      x.a.durationMs - y.a.durationMs ||
      x.a.submittedAt - y.a.submittedAt ||
      (x.a.candidateId < y.a.candidateId ? -1 : x.a.candidateId > y.a.candidateId ? 1 : 0),
  );
  const ranked: RankedCandidate[] = new Array(rows.length);
  let rank = 0;
  for (let i = 0; i < rows.length; i++) {
    const { a: r, d } = rows[i];
    const prev = i > 0 ? rows[i - 1] : null;
    const tiedWithPrev =
      prev !== null &&
      prev.a.correct === r.correct &&
      prev.d === d &&
      prev.a.durationMs === r.durationMs &&
      prev.a.submittedAt === r.submittedAt;
    if (!tiedWithPrev) rank = i + 1;
    else ranked[i - 1].tied = true;
    ranked[i] = {
      position: i + 1,
      rank,
      tied: tiedWithPrev,
      candidateId: r.candidateId,
      attemptId: r.attemptId,
      correct: r.correct,
      prediction: r.prediction,
      distance: Number.isFinite(d) ? d : null,
      durationMs: r.durationMs,
      submittedAt: r.submittedAt,
      prize: null,
    };
  }
  return ranked;
}

function* filterVoided(attempts: Iterable<FinishedAttempt>, voided: ReadonlySet<string>) {
  for (const a of attempts) if (!voided.has(a.candidateId)) yield a;
}

/**
 * The prediction's actual value, frozen at close: candidates who took part, or candidates with at
 * least one attempt all right — voided candidates not counted.
 */
export function predictionActual(
  attempts: Iterable<FinishedAttempt>,
  target: 'participants' | 'perfect',
  voided: ReadonlySet<string> = new Set(),
): number {
  const seen = new Set<string>();
  for (const a of attempts) {
    if (voided.has(a.candidateId)) continue;
    if (target === 'participants' || (a.total > 0 && a.correct === a.total)) seen.add(a.candidateId);
  }
  return seen.size;
}
