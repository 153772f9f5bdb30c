/** Whether a candidate may start an attempt now: the limits per round and per local day. Pure. */

export interface AttemptLimits {
  perDay: number | null;
  perRound: number | null;
}

/** the candidate's attempts in the round as the store counts them, inside the same transaction */
export interface AttemptCounts {
  used: number;
  today: number;
  /** an attempt still open (not submitted), with its deadline */
  open: { attemptId: string; deadline: number } | null;
}

export type StartDecision =
  | { kind: 'start'; number: number }
  | { kind: 'resume'; attemptId: string }
  /** an open attempt past deadline + grace: submit it first (the service scores it), then ask again */
  | { kind: 'expired'; attemptId: string }
  | { kind: 'refused'; code: 'ATTEMPT_LIMIT_DAY' | 'ATTEMPT_LIMIT_ROUND' };

export function startDecision(
  counts: AttemptCounts,
  limits: AttemptLimits,
  now: number,
  graceMs: number,
): StartDecision {
  if (counts.open) {
    return now <= counts.open.deadline + graceMs
      ? { kind: 'resume', attemptId: counts.open.attemptId }
      : { kind: 'expired', attemptId: counts.open.attemptId };
  }
  if (limits.perRound !== null && counts.used >= limits.perRound)
    return { kind: 'refused', code: 'ATTEMPT_LIMIT_ROUND' };
  if (limits.perDay !== null && counts.today >= limits.perDay)
    return { kind: 'refused', code: 'ATTEMPT_LIMIT_DAY' };
  return { kind: 'start', number: counts.used + 1 };
}
