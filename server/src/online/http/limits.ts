/**
 * Rate limits of the online routes, per minute. Generous per IP — a school or an office puts hundreds
 * of candidates behind one address — and tight per candidate. With the Redis store the counters are
 * shared by every node (@fastify/rate-limit); with SQLite they live in the one process (LocalWindows).
 */
import type {
  FastifyInstance,
  FastifyReply,
  FastifyRequest,
  HookHandlerDoneFunction,
  preHandlerAsyncHookHandler,
  preHandlerHookHandler,
} from 'fastify';
import { sendFail } from './common.ts';

export interface OnlineRateLimits {
  /** per IP address */
  ipRead: number;
  ipChallenge: number;
  ipRegister: number;
  ipLogin: number;
  ipStart: number;
  ipAnswer: number;
  /** per signed-in candidate */
  candidateRead: number;
  candidateStart: number;
  candidateAnswer: number;
  candidateSubmit: number;
}

export const DEFAULT_RATE_LIMITS: OnlineRateLimits = {
  ipRead: 1200,
  ipChallenge: 120,
  ipRegister: 60,
  ipLogin: 60,
  ipStart: 300,
  ipAnswer: 6000,
  candidateRead: 120,
  candidateStart: 10,
  candidateAnswer: 240,
  candidateSubmit: 20,
};

export function scaledLimits(scale: number, base = DEFAULT_RATE_LIMITS): OnlineRateLimits {
  return Object.fromEntries(
    Object.entries(base).map(([k, v]) => [k, Math.max(1, Math.round(v * scale))]),
  ) as unknown as OnlineRateLimits;
}

/**
 * Fixed one-minute windows counted in this process: the single-node (SQLite) deployment, where the
 * plugin's generic path (async key, allow list, callback store, LRU of 5,000 keys that forgets
 * candidates on a busy day) cost a tenth of an autosave. Windows are kept in the order they started,
 * so the expired ones are always at the front and each hit drops them as it passes: no sweep, no timer.
 */
export class LocalWindows {
  private readonly windows = new Map<string, { count: number; resetAt: number }>();
  /** when the oldest window ends: until then no window has, and a hit walks none of them */
  private sweepAt = Infinity;

  constructor(
    private readonly windowMs = 60_000,
    private readonly clock: () => number = Date.now,
  ) {}

  /** count one request under `key`; the window's count so far and when it ends */
  hit(key: string): { count: number; resetAt: number } {
    const now = this.clock();
    if (now >= this.sweepAt) this.sweep(now);
    let w = this.windows.get(key);
    if (!w) {
      w = { count: 0, resetAt: now + this.windowMs };
      this.windows.set(key, w);
      if (this.windows.size === 1) this.sweepAt = w.resetAt;
    }
    w.count++;
    return w;
  }

  private sweep(now: number): void {
    for (const [k, w] of this.windows) {
      if (w.resetAt > now) {
        this.sweepAt = w.resetAt;
        return;
      }
      this.windows.delete(k);
    }
    this.sweepAt = Infinity;
  }

  /** whole seconds until the window `w` ends, at least 1 (for retry-after) */
  secondsLeft(w: { resetAt: number }): number {
    return Math.max(1, Math.ceil((w.resetAt - this.clock()) / 1000));
  }

  get size(): number {
    return this.windows.size;
  }
}

declare module 'fastify' {
  interface FastifyInstance {
    /** the online routes' counters of one limit name when they live in this process; null: shared in
     *  Redis (the plugin) */
    onlineWindows: ((name: string) => LocalWindows) | null;
  }
}

const limited = (reply: FastifyReply, retryAfterSec: number) => {
  reply.header('retry-after', String(retryAfterSec));
  return sendFail(
    reply,
    'RATE_LIMITED',
    `Bạn thao tác quá nhanh; vui lòng thử lại sau ${retryAfterSec} giây.`,
  );
};

/** the windows of each limit name, made on first use: limiters of one name count together */
export function windowsByName(): (name: string) => LocalWindows {
  const byName = new Map<string, LocalWindows>();
  return (name) => {
    let windows = byName.get(name);
    if (!windows) byName.set(name, (windows = new LocalWindows()));
    return windows;
  };
}

/**
 * A limiter over a key of its own, as a preHandler: a route checks its IP limit and its candidate
 * limit both; `name` says which (e.g. `ip:answer`, `c:answer`). Counted in this process
 * (LocalWindows) on one node; otherwise by @fastify/rate-limit's Redis store, shared by every node
 * (`createRateLimit`, not the route hook, which runs once per request).
 */
export function limiter(
  app: FastifyInstance,
  name: string,
  max: number,
  key: (request: FastifyRequest) => string,
): preHandlerHookHandler | preHandlerAsyncHookHandler {
  // in this process the check is synchronous: a callback hook, no promise per request; the key is
  // the address or id as it is (no string built per request)
  const windows = app.onlineWindows?.(name);
  if (windows)
    return (request: FastifyRequest, reply: FastifyReply, done: HookHandlerDoneFunction) => {
      const w = windows.hit(key(request));
      if (w.count > max) void limited(reply, windows.secondsLeft(w));
      else done();
    };
  const check = app.createRateLimit({
    max,
    timeWindow: 60_000,
    keyGenerator: (request) => `${name}:${key(request)}`,
  });
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const limit = await check(request);
    if (limit.isAllowed || !limit.isExceeded) return;
    return limited(reply, limit.ttlInSeconds);
  };
}
