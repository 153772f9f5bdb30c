import { describe, expect, it } from 'vitest';
import { estimateClock, msUntil, roundRemainingMs } from './clock.ts';

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

describe('roundRemainingMs', () => {
  const q = { question: { timeLimitSec: 30 } };
  it('shows the server-kept time while the clock is stopped', () => {
    expect(roundRemainingMs({ ...q, deadline: null, remainingMs: 12_000 }, 0, 0)).toBe(12_000);
  });
  it('counts to the deadline through the offset and never above the limit', () => {
    expect(roundRemainingMs({ ...q, deadline: 50_000, remainingMs: null }, 30_000, 0)).toBe(20_000);
    expect(roundRemainingMs({ ...q, deadline: 50_000, remainingMs: null }, 19_990, 0)).toBe(30_000);
  });
});
