/** The organizers' rehearsal as a system test: bots, a SIGKILL mid-question, nothing lost. */
import { describe, expect, it } from 'vitest';
import { runRehearsal } from '../rehearse/rehearse.ts';

describe('headless rehearsal', () => {
  it('plays a whole show through a crash without losing an acknowledged answer', async () => {
    const report = await runRehearsal({ seats: 24, questions: 8, killAt: 4, seed: 'ci' });
    expect(report.checks.failures).toEqual([]);
    expect(report.finished).toBe(true);
    expect(report.recovered).toBe(true);
    expect(report.lostAnswers).toBe(0);
    expect(report.ackedAnswers).toBeGreaterThan(24 * 4);
    expect(report.standings).toHaveLength(24);
    expect(report.bellRung).toBe(true);
  }, 90_000);
});
