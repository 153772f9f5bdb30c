import { describe, expect, it } from 'vitest';
import { estimateClock, msUntil } from './clock.ts';

describe('estimateClock', () => {
  it('uses the sample with the smallest round trip', () => {
    const est = estimateClock([
      { clientSentAt: 1000, serverNow: 5600, clientReceivedAt: 1400 }, // 400 ms rtt, queued
      { clientSentAt: 2000, serverNow: 7010, clientReceivedAt: 2020 }, // 20 ms rtt
    ]);
    expect(est).toEqual({ offsetMs: 7010 - 2010, rttMs: 20 });
  });
  it('returns null without samples', () => {
    expect(estimateClock([])).toBeNull();
  });
  it('counts down to a server deadline through the offset, never below zero', () => {
    expect(msUntil(10_000, 4_000, 5_000)).toBe(1_000);
    expect(msUntil(10_000, 6_000, 5_000)).toBe(0);
  });
});
