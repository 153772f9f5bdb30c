/** Failed sign-ins as audit records: who (address, browser), which target, and the locks they started. */
import type { CommandRecord } from '../storage/port.ts';
import type { SignInFailure, Target } from './sign-in-guard.ts';

export const targetLabel = (t: Target): string => (t.kind === 'seat' ? `seat ${t.seat}` : t.kind);

export function signInAuditRecords(f: SignInFailure): CommandRecord[] {
  const base = {
    showId: f.showId,
    version: null,
    engineVersion: null,
    at: f.at,
    actorId: `address:${f.origin.address}`,
    role: f.role,
  };
  const attempt: CommandRecord = {
    ...base,
    type: 'session:sign-in',
    payload: {
      method: f.method,
      ...(f.counts.length
        ? { targets: f.counts.map((c) => ({ target: targetLabel(c.target), failures: c.failures })) }
        : {}),
      address: f.origin.address,
      userAgent: f.origin.userAgent,
    },
    outcome: f.code,
  };
  const locks = f.notices
    .filter((n) => n.lockedUntil !== null)
    .map((n): CommandRecord => ({
      ...base,
      type: 'session:locked',
      payload: {
        target: targetLabel(n.target),
        failures: n.failures,
        lockedUntil: n.lockedUntil,
        address: n.address,
      },
      outcome: n.target.kind === 'address' ? 'RATE_LIMITED' : 'LOCKED',
    }));
  return [attempt, ...locks];
}
