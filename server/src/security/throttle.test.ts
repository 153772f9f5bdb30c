import { describe, expect, it } from 'vitest';
import {
  attemptStep,
  forgive,
  SOURCE_POLICY,
  TARGET_POLICY,
  type ThrottlePolicy,
  type ThrottleState,
} from './throttle.ts';

const DAY = 24 * 60 * 60_000;

/** a guesser who tries again the very moment it is allowed: judged attempts within `span` */
function judgedWithin(policy: ThrottlePolicy, span: number): number {
  let state: ThrottleState | null = null;
  let now = 0;
  let judged = 0;
  while (now < span) {
    const step = attemptStep(state, now, policy);
    if (step.admitted) {
      judged++;
      state = step.state;
    } else now += step.retryAfterMs;
  }
  return judged;
}

describe('throttle policy', () => {
  it('three free tries, then delays that double up to the cap, then a lock at the 10th failure', () => {
    let state: ThrottleState | null = null;
    const waits: number[] = [];
    for (let i = 0; i < 10; i++) {
      const step = attemptStep(state, 0, TARGET_POLICY);
      expect(step.admitted).toBe(true);
      state = step.state;
      waits.push(state!.blockedUntil);
      // the next attempt at the same instant may go only while the tries are free
      const again = attemptStep(state, 0, TARGET_POLICY);
      if (!again.admitted) expect(again.retryAfterMs).toBe(state!.blockedUntil);
      if (i < 9) state = { ...state!, blockedUntil: 0 }; // as if the guesser waited out the delay
    }
    expect(waits.slice(0, 9)).toEqual([0, 0, 0, 1000, 2000, 4000, 8000, 16_000, 30_000]);
    expect(waits[9]).toBe(15 * 60_000);
    const refused = attemptStep(state, 60_000, TARGET_POLICY);
    expect(refused).toMatchObject({ admitted: false, locked: true, retryAfterMs: 14 * 60_000 });
  });

  it('every lock without a success doubles, up to a day', () => {
    let state: ThrottleState | null = null;
    let now = 0;
    const locks: number[] = [];
    while (locks.length < 9) {
      const step = attemptStep(state, now, TARGET_POLICY);
      if (!step.admitted) {
        now += step.retryAfterMs;
        continue;
      }
      if (step.lockStarted) locks.push(step.state.lockedUntil - now);
      state = step.state;
    }
    const m = 60_000;
    expect(locks).toEqual([15 * m, 30 * m, 60 * m, 120 * m, 240 * m, 480 * m, 960 * m, 1440 * m, 1440 * m]);
  });

  it('a PIN gets at most 70 judged guesses a day, a source 210 (the figures in docs/protocol.md)', () => {
    expect(judgedWithin(TARGET_POLICY, DAY)).toBe(70);
    expect(judgedWithin(SOURCE_POLICY, DAY)).toBe(210);
    // then 10 a day once locks reach a day: a year of guessing covers 3,710 of a 4-digit PIN's 10,000
    expect(judgedWithin(TARGET_POLICY, 365 * DAY)).toBe(3710);
  });

  it('a right PIN clears its target; a source gets back only that one charge', () => {
    const charged = attemptStep(null, 0, SOURCE_POLICY).state!;
    expect(forgive(charged, 'source')).toBeNull();
    const many: ThrottleState = {
      failures: 8,
      total: 8,
      locks: 0,
      blockedUntil: 0,
      lockedUntil: 0,
      lastAt: 0,
    };
    expect(forgive(many, 'source')).toMatchObject({ failures: 7, total: 7 });
    expect(forgive(many, 'target')).toBeNull();
  });

  it('forgets a key after a quiet day', () => {
    const old: ThrottleState = {
      failures: 9,
      total: 29,
      locks: 2,
      blockedUntil: 0,
      lockedUntil: 0,
      lastAt: 0,
    };
    const step = attemptStep(old, DAY + 1, TARGET_POLICY);
    expect(step).toMatchObject({ admitted: true, state: { failures: 1, total: 1, locks: 0 } });
  });
});
