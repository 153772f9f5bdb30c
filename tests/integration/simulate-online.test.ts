/** The online round simulation as a system test: a small round end to end against a server child process. */
import { describe, expect, it } from 'vitest';
import { simulateOnline } from '../simulate/online.ts';

describe('online round simulation', () => {
  it('runs a round with duplicates, exclusions, over-limit starts, resumes, late and vanished candidates: no leak, consistent ranking', async () => {
    const report = await simulateOnline({ candidates: 150, concurrency: 16, timeLimitSec: 10 });
    expect(report.errors).toEqual([]);
    expect(report.leakExamples).toEqual([]);
    expect(report.leaks).toBe(0);
    expect(report.leakControl.found).toBe(report.leakControl.forms);
    expect(report.leakControl.clean).toBeGreaterThan(0);
    expect(report.leakControl.flagged).toBe(0);
    // the independent judge saw ordering answers, right and wrong ones
    expect(report.orderingAnswers.right).toBeGreaterThan(0);
    expect(report.orderingAnswers.judged).toBeGreaterThan(report.orderingAnswers.right);
    expect(report.inconsistencies).toEqual([]);
    expect(report.consistent).toBe(true);
    expect(report.duplicatesRejected).toBe(15 * 9);
    expect(report.excludedRejected).toBe(1);
    expect(report.registered).toBe(149);
    expect(report.overLimitRejected).toBeGreaterThan(0);
    expect(report.lateRejected).toBeGreaterThan(0);
    expect(report.autoSubmitted).toBeGreaterThan(0);
    expect(report.resumedMismatches).toBe(0);
    expect(report.carriedBySubmit).toBeGreaterThan(0);
    expect(report.carriedMismatches).toBe(0);
    expect(report.actual).toBe(149);
  }, 180_000);
});
