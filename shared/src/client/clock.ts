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

/** Milliseconds left to a server-owned deadline as this device sees it. */
export function msUntil(deadline: number, clientNow: number, offsetMs: number): number {
  return Math.max(0, deadline - (clientNow + offsetMs));
}
