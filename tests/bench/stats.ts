/** Pure statistics for the benchmark suite: percentiles, summaries, ratios. No I/O. */

export interface Summary {
  n: number;
  min: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  mean: number;
}

/** nearest-rank percentile on an ascending-sorted array (p in 0..100); NaN when empty */
export function percentileSorted(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  if (p <= 0) return sorted[0];
  if (p >= 100) return sorted[sorted.length - 1];
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

export function percentile(values: readonly number[], p: number): number {
  return percentileSorted(
    [...values].sort((a, b) => a - b),
    p,
  );
}

export function summarize(values: readonly number[]): Summary {
  const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return { n: 0, min: NaN, p50: NaN, p90: NaN, p99: NaN, max: NaN, mean: NaN };
  let sum = 0;
  for (const v of sorted) sum += v;
  return {
    n: sorted.length,
    min: sorted[0],
    p50: percentileSorted(sorted, 50),
    p90: percentileSorted(sorted, 90),
    p99: percentileSorted(sorted, 99),
    max: sorted[sorted.length - 1],
    mean: sum / sorted.length,
  };
}

/**
 * value / baseline. Latencies on loopback can be 0–1 ms, where a ratio is meaningless noise, so the
 * denominator is floored at `floor` (default 1 ms) and so is the numerator. NaN when either is missing.
 */
export function ratio(value: number, baseline: number, floor = 1): number {
  if (!Number.isFinite(value) || !Number.isFinite(baseline)) return Number.NaN;
  return Math.max(value, floor) / Math.max(baseline, floor);
}

/** round to `digits` decimals; keeps NaN as null-able for JSON */
export function round(value: number, digits = 2): number {
  if (!Number.isFinite(value)) return value;
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

/**
 * Least-squares slope of log(y) against log(x): ~1 means linear growth, ~2 quadratic.
 * Points with non-positive values are skipped; NaN with fewer than two usable points.
 */
export function logLogSlope(points: readonly { x: number; y: number }[]): number {
  const pts = points.filter((p) => p.x > 0 && p.y > 0).map((p) => ({ x: Math.log(p.x), y: Math.log(p.y) }));
  if (pts.length < 2) return Number.NaN;
  const mx = pts.reduce((s, p) => s + p.x, 0) / pts.length;
  const my = pts.reduce((s, p) => s + p.y, 0) / pts.length;
  let num = 0;
  let den = 0;
  for (const p of pts) {
    num += (p.x - mx) * (p.y - my);
    den += (p.x - mx) ** 2;
  }
  return den === 0 ? Number.NaN : num / den;
}

/** relative spread (max-min)/mean of a list: 0 = perfectly constant */
export function relativeSpread(values: readonly number[]): number {
  const v = values.filter((x) => Number.isFinite(x));
  if (v.length === 0) return Number.NaN;
  const mean = v.reduce((s, x) => s + x, 0) / v.length;
  if (mean === 0) return 0;
  return (Math.max(...v) - Math.min(...v)) / mean;
}
