import { describe, expect, it } from 'vitest';
import { LocalWindows, scaledLimits, DEFAULT_RATE_LIMITS, windowsByName } from './limits.ts';

describe('LocalWindows', () => {
  it('counts per key within a window and starts a new window once it ends', () => {
    const now = { t: 1_000 };
    const w = new LocalWindows(60_000, () => now.t);
    expect(w.hit('a').count).toBe(1);
    expect(w.hit('a').count).toBe(2);
    expect(w.hit('b').count).toBe(1);
    expect(w.hit('a')).toEqual({ count: 3, resetAt: 61_000 });
    now.t = 60_999;
    expect(w.hit('a').count).toBe(4);
    expect(w.secondsLeft({ resetAt: 61_000 })).toBe(1);
    now.t = 1_000;
    expect(w.secondsLeft({ resetAt: 61_000 })).toBe(60);
    now.t = 60_999;
    now.t = 61_000;
    expect(w.hit('a')).toEqual({ count: 1, resetAt: 121_000 });
  });

  it('forgets ended windows as it goes, so a day of distinct candidates does not pile up', () => {
    const now = { t: 0 };
    const w = new LocalWindows(60_000, () => now.t);
    for (let i = 0; i < 1_000; i++) {
      now.t = i * 1_000;
      w.hit(`c${i}`);
    }
    // only the windows started in the last minute are left
    expect(w.size).toBe(60);
    now.t = 10_000_000;
    w.hit('late');
    expect(w.size).toBe(1);
  });

  it('keeps one set of windows per limit name', () => {
    const windows = windowsByName();
    windows('ip:read').hit('10.0.0.1');
    expect(windows('ip:read').hit('10.0.0.1').count).toBe(2);
    expect(windows('ip:answer').hit('10.0.0.1').count).toBe(1);
  });

  it('scales the limits without going below one', () => {
    expect(scaledLimits(0.0001).candidateSubmit).toBe(1);
    expect(scaledLimits(2).ipRead).toBe(DEFAULT_RATE_LIMITS.ipRead * 2);
  });
});
