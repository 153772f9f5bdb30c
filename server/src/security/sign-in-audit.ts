/** Failed sign-ins and takeovers as audit records: who (address, browser), which target, what followed. */
import type { TakeoverRequest } from '@cv/shared/protocol';
import type { CommandRecord } from '../storage/port.ts';
import type { SignInFailure, Target } from './sign-in-guard.ts';

/** an audit line that is no engine command (no version): who did it, as what, and how it ended */
export function sessionRecord(
  fields: Pick<CommandRecord, 'showId' | 'at' | 'actorId' | 'role' | 'type' | 'payload' | 'outcome'>,
): CommandRecord {
  return { ...fields, version: null, engineVersion: null };
}

export const takeoverRequestRecord = (showId: string, r: TakeoverRequest): CommandRecord =>
  sessionRecord({
    showId,
    at: r.at,
    actorId: `address:${r.address}`,
    role: 'player',
    type: 'seat:takeover-request',
    payload: { seat: r.seat, requestId: r.requestId, address: r.address, userAgent: r.userAgent },
    outcome: 'TAKEOVER_PENDING',
  });

export const targetLabel = (t: Target): string => (t.kind === 'seat' ? `seat ${t.seat}` : t.kind);

export function signInAuditRecords(f: SignInFailure): CommandRecord[] {
  const base = {
    showId: f.showId,
    at: f.at,
    actorId: `address:${f.origin.address}`,
    role: f.role,
  };
  const attempt = sessionRecord({
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
  });
  const locks = f.notices
    .filter((n) => n.lockedUntil !== null)
    .map((n) =>
      sessionRecord({
        ...base,
        type: 'session:locked',
        payload: {
          target: targetLabel(n.target),
          failures: n.failures,
          lockedUntil: n.lockedUntil,
          address: n.address,
        },
        outcome: n.target.kind === 'address' ? 'RATE_LIMITED' : 'LOCKED',
      }),
    );
  return [attempt, ...locks];
}
