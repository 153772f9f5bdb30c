/**
 * Failed sign-ins, counted per key (a target such as seat 7's PIN, or a source address). PURE: state
 * in, state out, so the same steps run in memory, in SQLite and in Redis.
 *
 * `attemptStep` asks whether a try may be judged now (and, for a key charged up front, charges it);
 * `failureStep` records a failure; `forgive` undoes an up-front charge that proved right.
 */
export interface ThrottlePolicy {
  /** failures allowed back to back before delays start */
  freeFailures: number;
  /** the delay after the first failure beyond the free ones; it doubles with each further failure */
  firstDelayMs: number;
  maxDelayMs: number;
  /** failures (since the last lock) that lock the key */
  lockAfter: number;
  /** the first lock; each further lock without a success in between doubles it */
  lockMs: number;
  maxLockMs: number;
}

export interface ThrottleState {
  /** failures since the last lock (or success) */
  failures: number;
  /** failures since the last success: what the MC's notice reports */
  total: number;
  /** locks since the last success */
  locks: number;
  /** no attempt is judged before this time */
  blockedUntil: number;
  /** the current lock's end, when the block is a lock rather than a delay */
  lockedUntil: number;
  lastAt: number;
}

export type AttemptStep =
  | { admitted: true; state: ThrottleState; lockStarted: boolean }
  | { admitted: false; state: ThrottleState | null; retryAfterMs: number; locked: boolean };

/** how many ms the key must wait after its n-th failure since the last lock */
export function delayAfter(failures: number, policy: ThrottlePolicy): number {
  if (failures <= policy.freeFailures) return 0;
  const doublings = failures - policy.freeFailures - 1;
  return Math.min(policy.maxDelayMs, policy.firstDelayMs * 2 ** Math.min(doublings, 30));
}

export function lockFor(locks: number, policy: ThrottlePolicy): number {
  return Math.min(policy.maxLockMs, policy.lockMs * 2 ** Math.min(locks - 1, 30));
}

/** one attempt at `now`: refused while blocked, else charged as a failure (see forgive) */
export function attemptStep(stored: ThrottleState | null, now: number, policy: ThrottlePolicy): AttemptStep {
  const current = stored && isRemembered(stored, now) ? stored : null;
  if (current && current.blockedUntil > now)
    return {
      admitted: false,
      state: current,
      retryAfterMs: current.blockedUntil - now,
      locked: current.lockedUntil > now,
    };
  return failureStep(current, now, policy);
}

/** one more failure, whatever the block says (a failure judged while another node's charge landed) */
export function failureStep(
  stored: ThrottleState | null,
  now: number,
  policy: ThrottlePolicy,
): Extract<AttemptStep, { admitted: true }> {
  const current = stored && isRemembered(stored, now) ? stored : null;
  const failures = (current?.failures ?? 0) + 1;
  const total = (current?.total ?? 0) + 1;
  if (failures >= policy.lockAfter) {
    const locks = (current?.locks ?? 0) + 1;
    const until = now + lockFor(locks, policy);
    return {
      admitted: true,
      lockStarted: true,
      state: { failures: 0, total, locks, blockedUntil: until, lockedUntil: until, lastAt: now },
    };
  }
  return {
    admitted: true,
    lockStarted: false,
    state: {
      failures,
      total,
      locks: current?.locks ?? 0,
      // a lock another node started meanwhile is not shortened by this failure's delay
      blockedUntil: Math.max(current?.blockedUntil ?? 0, now + delayAfter(failures, policy)),
      lockedUntil: current?.lockedUntil ?? 0,
      lastAt: now,
    },
  };
}

/**
 * The charged attempt proved right. A target starts clean (whoever knows the PIN may sign in); a source
 * is only given back that one charge, so a right PIN now and then does not launder a stream of guesses.
 */
export function forgive(current: ThrottleState | null, kind: 'target' | 'source'): ThrottleState | null {
  if (!current || kind === 'target') return null;
  if (current.failures <= 1 && current.locks === 0) return null;
  return { ...current, failures: Math.max(0, current.failures - 1), total: Math.max(0, current.total - 1) };
}

/** a quiet day after its last block ends, a key starts clean (locks stop growing) */
export const FORGET_AFTER_MS = 24 * 60 * 60_000;
export const isRemembered = (state: ThrottleState, now: number): boolean =>
  now < Math.max(state.blockedUntil, state.lastAt) + FORGET_AFTER_MS;

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/**
 * A seat's PIN, the MC's, the judges': three free tries (typos), then 1 s, 2 s, 4 s … 30 s between
 * tries; the 10th failure locks the PIN for 15 min, each further lock twice as long (at most a day).
 * The arithmetic is in docs/protocol.md ("Guessing a PIN").
 */
export const TARGET_POLICY: ThrottlePolicy = {
  freeFailures: 3,
  firstDelayMs: 1000,
  maxDelayMs: 30_000,
  lockAfter: 10,
  lockMs: 15 * MINUTE,
  maxLockMs: 24 * HOUR,
};

/** one address, whatever it aims at: room for a hall's worth of typos, then the same growth */
export const SOURCE_POLICY: ThrottlePolicy = {
  freeFailures: 10,
  firstDelayMs: 1000,
  maxDelayMs: 60_000,
  lockAfter: 30,
  lockMs: 15 * MINUTE,
  maxLockMs: 24 * HOUR,
};
