/** Server clock estimate: NTP-style offset from the round trip with the smallest delay (least queuing noise). */
export interface ClockSample {
  clientSentAt: number;
  serverNow: number;
  clientReceivedAt: number;
}

export interface ClockEstimate {
  offsetMs: number;
  rttMs: number;
}

export function estimateClock(samples: ClockSample[]): ClockEstimate | null {
  if (samples.length === 0) return null;
  let best = samples[0];
  for (const s of samples) {
    if (s.clientReceivedAt - s.clientSentAt < best.clientReceivedAt - best.clientSentAt) best = s;
  }
  const rttMs = best.clientReceivedAt - best.clientSentAt;
  return { offsetMs: best.serverNow - (best.clientSentAt + rttMs / 2), rttMs };
}

/** Time left in a round as a device should show it: the server's remainingMs while stopped, else the
 *  deadline through the clock offset, never above the limit (a few ms of clock error must not show 31 of 30). */
export function roundRemainingMs(
  round: { deadline: number | null; remainingMs: number | null; question: { timeLimitSec: number } },
  clientNow: number,
  offsetMs: number,
): number | null {
  if (round.deadline === null) return round.remainingMs;
  return Math.min(msUntil(round.deadline, clientNow, offsetMs), round.question.timeLimitSec * 1000);
}

/** Milliseconds left to a server-owned deadline as this device sees it. */
export function msUntil(deadline: number, clientNow: number, offsetMs: number): number {
  return Math.max(0, deadline - (clientNow + offsetMs));
}
