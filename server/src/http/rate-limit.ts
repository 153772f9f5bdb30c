/**
 * Per-IP limit of the show and admin HTTP routes (@fastify/rate-limit), registered inside the context
 * that holds those routes: the online routes keep their own, finer limits (online/http/limits.ts).
 * The organizers' laptops and a login screen make a few requests a minute; a script hammering the
 * sign-in or the show list is slowed down long before it costs the show anything.
 */
import rateLimit from '@fastify/rate-limit';
import type { FastifyPluginAsync } from 'fastify';
import fp from 'fastify-plugin';

export interface HttpRateLimit {
  /** requests per IP address per window */
  max: number;
  timeWindowMs: number;
}

export const DEFAULT_HTTP_RATE_LIMIT: HttpRateLimit = { max: 600, timeWindowMs: 60_000 };

const httpRateLimit: FastifyPluginAsync<Partial<HttpRateLimit>> = async (app, opts) => {
  const { max, timeWindowMs } = { ...DEFAULT_HTTP_RATE_LIMIT, ...opts };
  await app.register(rateLimit, {
    global: true,
    max,
    timeWindow: timeWindowMs,
    // thrown as an error: the error handlers answer it as RATE_LIMITED (429) in the usual shape
    errorResponseBuilder: (_request, context) => ({
      statusCode: 429,
      message: `too many requests; retry in ${Math.ceil(context.ttl / 1000)} s`,
    }),
  });
};
// fastify-plugin: the limit applies to the context that registers it (the show and admin routes)
export default fp(httpRateLimit, { name: 'http-rate-limit' });
