/**
 * Rate limits of the online routes (@fastify/rate-limit), per minute. Generous per IP — a school or
 * an office puts hundreds of candidates behind one address — and tight per candidate. With the Redis
 * store the counters are shared by every node; with SQLite they live in the one process.
 */
import type { FastifyInstance, FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';

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

/** a limiter over a key of its own (so each limit counts only its own requests) */
export function limiter(
  app: FastifyInstance,
  name: string,
  max: number,
  key: (request: FastifyRequest) => string,
): preHandlerAsyncHookHandler {
  return app.rateLimit({ max, timeWindow: 60_000, keyGenerator: (request) => `${name}:${key(request)}` });
}
