import { describe, expect, it } from 'vitest';
import {
  logLogSlope,
  percentile,
  percentileSorted,
  ratio,
  relativeSpread,
  round,
  summarize,
} from './stats.ts';

describe('bench stats', () => {
  it('nearest-rank percentiles', () => {
    const v = Array.from({ length: 100 }, (_, i) => i + 1); // 1..100
    expect(percentile(v, 50)).toBe(50);
    expect(percentile(v, 99)).toBe(99);
    expect(percentile(v, 100)).toBe(100);
    expect(percentile(v, 0)).toBe(1);
    expect(percentileSorted([7], 99)).toBe(7);
    expect(percentile([], 50)).toBeNaN();
  });

  it('does not depend on input order', () => {
    expect(percentile([5, 1, 4, 2, 3], 50)).toBe(3);
  });

  it('summarizes and skips non-finite values', () => {
    const s = summarize([3, 1, 2, Number.NaN, 10]);
    expect(s).toMatchObject({ n: 4, min: 1, p50: 2, max: 10, mean: 4 });
    expect(summarize([]).n).toBe(0);
  });

  it('ratios floor tiny latencies at 1 ms', () => {
    expect(ratio(30, 20)).toBe(1.5);
    expect(ratio(0.2, 0.1)).toBe(1);
    expect(ratio(3, 0.5)).toBe(3);
    expect(ratio(Number.NaN, 1)).toBeNaN();
  });

  it('log-log slope tells linear from quadratic', () => {
    const xs = [100, 500, 1000, 2000, 5000];
    expect(logLogSlope(xs.map((x) => ({ x, y: 3 * x })))).toBeCloseTo(1, 6);
    expect(logLogSlope(xs.map((x) => ({ x, y: x * x })))).toBeCloseTo(2, 6);
    expect(logLogSlope([{ x: 1, y: 1 }])).toBeNaN();
  });

  it('relative spread and rounding', () => {
    expect(relativeSpread([10, 10, 10])).toBe(0);
    expect(relativeSpread([9, 11])).toBeCloseTo(0.2, 6);
    expect(round(1.23456, 2)).toBe(1.23);
  });
});
