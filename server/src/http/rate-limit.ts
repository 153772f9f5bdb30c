/**
 * Per-IP limit of the show and admin HTTP routes (@fastify/rate-limit), registered inside the context
 * that holds those routes: the online routes keep their own, finer limits (online/http/limits.ts).
 * The organizers' laptops and a login screen make a few requests a minute; a script hammering the
 * sign-in or the show list is slowed down long before it costs the show anything. The static files
 * register it again in their own context with DEFAULT_STATIC_RATE_LIMIT.
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
/**
 * The front ends' files (/host/, /board/, /screen/, /media/) have a limit of their own, higher: one
 * page load is a dozen files or more, and every tablet reloads at once after a restart. A flood of
 * file requests is still cut off instead of spending the show's CPU.
 */
export const DEFAULT_STATIC_RATE_LIMIT: HttpRateLimit = { max: 3000, timeWindowMs: 60_000 };

const httpRateLimit: FastifyPluginAsync<Partial<HttpRateLimit>> = async (app, opts) => {
  const { max, timeWindowMs } = { ...DEFAULT_HTTP_RATE_LIMIT, ...opts };
  // the counters are per context: the static files' requests do not eat the API's allowance
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
// fastify-plugin: the limit applies to the context that registers it (show and admin routes; static files)
export default fp(httpRateLimit, { name: 'http-rate-limit' });
