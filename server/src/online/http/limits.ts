/**
 * Rate limits of the online routes (@fastify/rate-limit), per minute. Generous per IP — a school or
 * an office puts hundreds of candidates behind one address — and tight per candidate. With the Redis
 * store the counters are shared by every node; with SQLite they live in the one process.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
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
 * A limiter over a key of its own, as a preHandler. Built on `createRateLimit` (not the route hook,
 * which runs only once per request): a route checks its IP limit and its candidate limit both.
 */
export function limiter(
  app: FastifyInstance,
  name: string,
  max: number,
  key: (request: FastifyRequest) => string,
): preHandlerAsyncHookHandler {
  const check = app.createRateLimit({
    max,
    timeWindow: 60_000,
    keyGenerator: (request) => `${name}:${key(request)}`,
  });
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const limit = await check(request);
    if (limit.isAllowed || !limit.isExceeded) return;
    reply.header('retry-after', String(limit.ttlInSeconds));
    return sendFail(
      reply,
      'RATE_LIMITED',
      `Bạn thao tác quá nhanh; vui lòng thử lại sau ${limit.ttlInSeconds} giây.`,
    );
  };
}
