/**
 * Throttles sign-ins that a guess could win: a PIN is judged only when neither the source address nor
 * the PIN's target (seat 7, the MC, the judges) is blocked, and every judged failure is reported.
 * Tokens (seat card QR, display token, resume token) are far too long to guess: a right one always
 * gets in, even while the PIN is locked; a wrong one counts against its source like a wrong PIN.
 */
import { fail, type Ack, type AppError, type SignInNotice } from '@cv/shared/protocol';
import {
  attemptStep,
  failureStep,
  forgive,
  SOURCE_POLICY,
  TARGET_POLICY,
  type AttemptStep,
  type ThrottlePolicy,
  type ThrottleState,
} from './throttle.ts';
import type { ThrottleBook } from './throttle-book.ts';

export type Target = SignInNotice['target'];

export interface Origin {
  address: string;
  userAgent: string;
}

export interface SignInAttempt {
  showId: string;
  origin: Origin;
  /** what a PIN would unlock; empty for a token (nothing to lock, the source still counts) */
  targets: Target[];
  /** for the record: how the device tried (pin, token, resume) and which role it asked for */
  method: 'pin' | 'token';
  role: string;
}

/** one judged failure, or a lock it started: what the audit trail records and the MC is told */
export interface SignInFailure extends SignInAttempt {
  at: number;
  code: 'UNAUTHORIZED';
  /** per target: failed sign-ins since its last success, this one included */
  counts: { target: Target; failures: number }[];
  /** per target (and for the source when it just got locked): the failure count and a lock's end */
  notices: SignInNotice[];
}

export type Refusal = { ok: false; error: AppError; retryAfterMs: number };

export interface SignInGuardOptions {
  book: ThrottleBook;
  clock: () => number;
  targetPolicy?: ThrottlePolicy;
  sourcePolicy?: ThrottlePolicy;
}

export const targetKey = (showId: string, t: Target) =>
  t.kind === 'seat' ? `${showId}/seat/${t.seat}` : `${showId}/${t.kind}`;
const sourceKey = (address: string) => `address/${address}`;

/** the MC is told at the 5th failure and at every lock */
const NOTICE_AT = 5;

export class SignInGuard {
  private readonly listeners = new Set<(failure: SignInFailure) => void>();
  /** the last attempt queued on each target key, on this node */
  private readonly inFlight = new Map<string, Promise<unknown>>();
  private readonly targetPolicy: ThrottlePolicy;
  private readonly sourcePolicy: ThrottlePolicy;

  constructor(private readonly options: SignInGuardOptions) {
    this.targetPolicy = options.targetPolicy ?? TARGET_POLICY;
    this.sourcePolicy = options.sourcePolicy ?? SOURCE_POLICY;
  }

  /** told of every judged failure (audit trail, the MC's console) */
  onFailure(listener: (failure: SignInFailure) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * runs `judge` only if the attempt may be judged now; a refusal carries how long to wait. A failure
   * the throttle store cannot record refuses (RATE_LIMITED): guesses must never become free.
   */
  async attempt<T>(attempt: SignInAttempt, judge: () => Ack<T> | Promise<Ack<T>>): Promise<Ack<T> | Refusal> {
    try {
      return attempt.targets.length === 0 ? await this.token(attempt, judge) : await this.pin(attempt, judge);
    } catch {
      return refusal('RATE_LIMITED', 'sign-in is not available right now', 5_000);
    }
  }

  /** the MC gave the seat a new PIN: its old failures and lock no longer matter */
  async clearTarget(showId: string, target: Target): Promise<void> {
    await this.options.book.update(targetKey(showId, target), () => ({ state: null, result: undefined }));
  }

  /**
   * Attempts on one target are judged one at a time on this node, and a failure is recorded before the
   * next is looked at: 50 guesses in flight see each other's failures, yet a right PIN on a clean target
   * writes nothing. (Across nodes, one attempt per node may be in flight on the same target at once.)
   */
  private pin<T>(attempt: SignInAttempt, judge: () => Ack<T> | Promise<Ack<T>>) {
    const keys = attempt.targets.map((t) => targetKey(attempt.showId, t));
    return this.oneAtATime(keys, () => this.judgedPin(attempt, keys, judge));
  }

  private async judgedPin<T>(
    attempt: SignInAttempt,
    keys: string[],
    judge: () => Ack<T> | Promise<Ack<T>>,
  ): Promise<Ack<T> | Refusal> {
    const { book, clock } = this.options;
    const now = clock();
    const source = sourceKey(attempt.origin.address);
    // a locked PIN is refused before the source is charged: a tablet retrying it does not use up its
    // address's allowance (on a hall network behind one address, that would lock every tablet out)
    const seenTargets: (ThrottleState | null)[] = [];
    for (const key of keys) {
      const seen = await book.read(key);
      const peek = attemptStep(seen, now, this.targetPolicy);
      if (!peek.admitted) return targetRefusal(peek);
      seenTargets.push(seen);
    }
    const seen = await book.read(source);
    const peek = attemptStep(seen, now, this.sourcePolicy);
    if (!peek.admitted) return sourceRefusal(peek.retryAfterMs);
    // an address that has failed before is charged up front (its attempts on many targets run side by
    // side); a clean one (every tablet of a hall reconnecting at once) only once it fails: no writes
    const upFront = peek.state.total > 1 || peek.state.locks > 0;
    let sourceStep: AttemptStep | null = null;
    if (upFront) {
      sourceStep = await book.update(source, (s) => stepOf(attemptStep(s, now, this.sourcePolicy)));
      if (!sourceStep.admitted) return sourceRefusal(sourceStep.retryAfterMs);
    }
    const result = await judge();
    if (!result.ok && result.error.code !== 'UNAUTHORIZED') return result;
    if (result.ok) {
      for (const [i, key] of keys.entries())
        if (seenTargets[i]) await book.update(key, (s) => ({ state: forgive(s, 'target'), result: 0 }));
      if (upFront) await book.update(source, (s) => ({ state: forgive(s, 'source'), result: 0 }));
      return result;
    }
    const steps: AttemptStep[] = [];
    for (const key of keys)
      steps.push(await book.update(key, (s) => stepOf(failureStep(s, now, this.targetPolicy))));
    sourceStep ??= await book.update(source, (s) => stepOf(failureStep(s, now, this.sourcePolicy)));
    const notices = attempt.targets.flatMap((target, i) => noticeOf(target, steps[i]!, attempt, now));
    notices.push(...noticeOf({ kind: 'address' }, sourceStep, attempt, now).filter((n) => n.lockedUntil));
    const counts = attempt.targets.map((target, i) => ({ target, failures: totalOf(steps[i]!) }));
    this.report({ ...attempt, at: now, code: 'UNAUTHORIZED', counts, notices });
    return result;
  }

  /** runs `work` after every earlier attempt on any of `keys` (this node) has finished */
  private async oneAtATime<R>(keys: string[], work: () => Promise<R>): Promise<R> {
    const before = keys.map((k) => this.inFlight.get(k) ?? Promise.resolve());
    const run = Promise.all(before).then(work);
    const done = run.then(
      () => undefined,
      () => undefined,
    );
    for (const k of keys) this.inFlight.set(k, done);
    try {
      return await run;
    } finally {
      for (const k of keys) if (this.inFlight.get(k) === done) this.inFlight.delete(k);
    }
  }

  private async token<T>(attempt: SignInAttempt, judge: () => Ack<T> | Promise<Ack<T>>) {
    const result = await judge();
    if (result.ok || result.error.code !== 'UNAUTHORIZED') return result;
    const now = this.options.clock();
    const source = await this.options.book.update(sourceKey(attempt.origin.address), (s) =>
      stepOf(attemptStep(s, now, this.sourcePolicy)),
    );
    if (!source.admitted) return sourceRefusal(source.retryAfterMs);
    const notices = noticeOf({ kind: 'address' }, source, attempt, now).filter((n) => n.lockedUntil);
    this.report({ ...attempt, at: now, code: 'UNAUTHORIZED', counts: [], notices });
    return result;
  }

  private report(failure: SignInFailure): void {
    for (const listener of this.listeners) {
      try {
        listener(failure);
      } catch {
        // a reporter's trouble must not turn a refused sign-in into an accepted one or a crash
      }
    }
  }
}

const sourceRefusal = (retryAfterMs: number) =>
  refusal('RATE_LIMITED', 'too many failed sign-ins from this address', retryAfterMs);

function targetRefusal(step: Extract<AttemptStep, { admitted: false }>): Refusal {
  return step.locked
    ? refusal(
        'LOCKED',
        'this PIN is locked after too many wrong tries: use the seat card QR or ask the MC for a new PIN',
        step.retryAfterMs,
      )
    : refusal('RATE_LIMITED', 'wait before trying this PIN again', step.retryAfterMs);
}

const totalOf = (step: AttemptStep) => step.state?.total ?? 0;
const stepOf = (step: AttemptStep) => ({ state: step.state, result: step });

function refusal(code: 'RATE_LIMITED' | 'LOCKED', message: string, retryAfterMs: number): Refusal {
  return { ...fail(code, message), retryAfterMs: Math.max(1, Math.ceil(retryAfterMs)) };
}

/** the step that admitted a failed attempt, as a notice when the MC should hear of it (5th failure, a lock) */
function noticeOf(target: Target, step: AttemptStep, attempt: SignInAttempt, now: number): SignInNotice[] {
  if (!step.admitted || !step.state) return [];
  const { total, lockedUntil } = step.state;
  const locked = step.lockStarted ? lockedUntil : null;
  if (!locked && total !== NOTICE_AT) return [];
  return [{ target, failures: total, lockedUntil: locked, address: attempt.origin.address, at: now }];
}
