/**
 * Ranking within a round (DOMAIN Part B): per candidate the counted attempt, ordered by correct
 * answers (more first) → |prediction − actual| (closer first; no prediction after every prediction)
 * → time taken (less first) → submission time (earlier first). Equal on all four = a tie: the same
 * rank, reported so the BTC can decide a shared prize. Pure, and built for a million attempts: the
 * work is native numeric sorts over typed arrays (a comparator sort of objects costs seconds there).
 */
import type { CountedAttempt, RankedCandidate } from '@cv/shared/protocol/online.ts';

/** a submitted attempt as ranking needs it */
export interface FinishedAttempt {
  attemptId: string;
  candidateId: string;
  /** the candidate's registration number: a small integer, unique per candidate */
  candidateNo: number;
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

/** negative when `a` ranks before `b`; 0 only for a tie on every criterion (the reference order) */
export function compareAttempts(a: FinishedAttempt, b: FinishedAttempt, actual: number | null): number {
  return (
    b.correct - a.correct ||
    compareNumbers(distanceOf(a.prediction, actual), distanceOf(b.prediction, actual)) ||
    a.durationMs - b.durationMs ||
    a.submittedAt - b.submittedAt
  );
}

const compareNumbers = (x: number, y: number) => (x === y ? 0 : x < y ? -1 : 1);

/** correct (more first) and distance (closer first; none after all) in one exact double */
const DISTANCE_NONE = 2 ** 32 - 1;
const primaryKey = (correct: number, distance: number) =>
  (0xffff - correct) * 2 ** 32 +
  (Number.isFinite(distance) ? Math.min(distance, DISTANCE_NONE - 1) : DISTANCE_NONE);

/** each value's rank among the distinct values (0 = smallest) */
function denseRanks(values: Float64Array): Float64Array {
  const sorted = values.slice().sort();
  let distinct = 0;
  for (let i = 0; i < sorted.length; i++)
    if (i === 0 || sorted[i] !== sorted[distinct - 1]) sorted[distinct++] = sorted[i];
  const ranks = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) {
    let lo = 0;
    let hi = distinct - 1;
    const v = values[i];
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (sorted[mid] < v) lo = mid + 1;
      else hi = mid;
    }
    ranks[i] = lo;
  }
  return ranks;
}

/** dense ranks of the pairs (ranks[j], values[j]) in lexicographic order */
function refine(ranks: Float64Array, values: Float64Array): Float64Array {
  let min = Infinity;
  let max = -Infinity;
  let top = 0;
  for (let j = 0; j < values.length; j++) {
    if (values[j] < min) min = values[j];
    if (values[j] > max) max = values[j];
    if (ranks[j] > top) top = ranks[j];
  }
  // pack exactly when it fits a double; else rank the values first
  const packable = (top + 1) * (max - min + 1) < 2 ** 53;
  const second = packable ? values : denseRanks(values);
  const base = packable ? min : 0;
  const width = packable ? max - min + 1 : values.length;
  const combined = new Float64Array(values.length);
  for (let j = 0; j < values.length; j++) combined[j] = ranks[j] * width + (second[j] - base);
  return denseRanks(combined);
}

/** each candidate's counted attempt (index into rows), voided candidates left out */
function selectCounted(
  rows: readonly FinishedAttempt[],
  counted: CountedAttempt,
  primary: Float64Array,
  voided: ReadonlySet<string> | undefined,
): Int32Array {
  let maxNo = -1;
  for (let i = 0; i < rows.length; i++) if (rows[i].candidateNo > maxNo) maxNo = rows[i].candidateNo;
  const best = new Int32Array(maxNo + 1).fill(-1);
  let candidates = 0;
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i];
    const b = best[r.candidateNo];
    if (b < 0) {
      best[r.candidateNo] = i;
      candidates++;
      continue;
    }
    const current = rows[b];
    let better: boolean;
    if (counted === 'first') better = r.number < current.number;
    else if (counted === 'latest') better = r.number > current.number;
    else {
      // best: the ranking order itself; a full tie keeps the earlier attempt
      const order =
        primary[i] - primary[b] || r.durationMs - current.durationMs || r.submittedAt - current.submittedAt;
      better = order < 0 || (order === 0 && r.number < current.number);
    }
    if (better) best[r.candidateNo] = i;
  }
  const chosen = new Int32Array(candidates);
  let n = 0;
  for (let c = 0; c <= maxNo; c++) {
    const i = best[c];
    if (i >= 0 && !(voided && voided.size > 0 && voided.has(rows[i].candidateId))) chosen[n++] = i;
  }
  return chosen.subarray(0, n);
}

function primaryKeys(rows: readonly FinishedAttempt[], actual: number | null): Float64Array {
  const primary = new Float64Array(rows.length);
  for (let i = 0; i < rows.length; i++)
    primary[i] = primaryKey(rows[i].correct, distanceOf(rows[i].prediction, actual));
  return primary;
}

/** which attempt counts for each candidate: the best by the ranking order, the first, or the latest */
export function countedAttempts(
  attempts: readonly FinishedAttempt[],
  counted: CountedAttempt,
  actual: number | null,
): Map<string, FinishedAttempt> {
  const chosen = selectCounted(attempts, counted, primaryKeys(attempts, actual), undefined);
  return new Map(Array.from(chosen, (i) => [attempts[i].candidateId, attempts[i]]));
}

/**
 * The round's ranking: voided candidates left out, one row per candidate, ties sharing a rank.
 * Positions are unique: a full tie is listed in registration order, so a recomputation gives the same list.
 */
export function rankCandidates(
  rows: readonly FinishedAttempt[],
  options: { counted: CountedAttempt; actual: number | null; voided?: ReadonlySet<string> },
): RankedCandidate[] {
  const primary = primaryKeys(rows, options.actual);
  const chosen = selectCounted(rows, options.counted, primary, options.voided);
  const m = chosen.length;
  const duration = new Float64Array(m);
  const submitted = new Float64Array(m);
  const first = new Float64Array(m);
  for (let j = 0; j < m; j++) {
    const i = chosen[j];
    first[j] = primary[i];
    duration[j] = rows[i].durationMs;
    submitted[j] = rows[i].submittedAt;
  }
  // the four criteria folded into one dense rank: equal ⇔ a tie on all four
  const rankKey = refine(refine(denseRanks(first), duration), submitted);
  const packed = new Float64Array(m);
  for (let j = 0; j < m; j++) packed[j] = rankKey[j] * m + j;
  packed.sort();
  const order = new Int32Array(m);
  for (let p = 0; p < m; p++) order[p] = packed[p] % m;
  for (let p = 0; p < m;) {
    let q = p + 1;
    while (q < m && rankKey[order[q]] === rankKey[order[p]]) q++;
    if (q - p > 1)
      order.subarray(p, q).sort((x, y) => rows[chosen[x]].candidateNo - rows[chosen[y]].candidateNo);
    p = q;
  }

  const ranked: RankedCandidate[] = new Array(m);
  let rank = 0;
  for (let p = 0; p < m; p++) {
    const r = rows[chosen[order[p]]];
    const tiedWithPrev = p > 0 && rankKey[order[p]] === rankKey[order[p - 1]];
    if (!tiedWithPrev) rank = p + 1;
    else ranked[p - 1].tied = true;
    const d = distanceOf(r.prediction, options.actual);
    ranked[p] = {
      position: p + 1,
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

/**
 * The prediction's actual value, frozen at close: candidates who took part, or candidates with at
 * least one attempt all right — voided candidates not counted.
 */
export function predictionActual(
  attempts: readonly FinishedAttempt[],
  target: 'participants' | 'perfect',
  voided: ReadonlySet<string> = new Set(),
): number {
  const seen = new Set<number>();
  for (const a of attempts) {
    if (target === 'perfect' && !(a.total > 0 && a.correct === a.total)) continue;
    if (voided.size > 0 && voided.has(a.candidateId)) continue;
    seen.add(a.candidateNo);
  }
  return seen.size;
}
