/**
 * The online rounds as a Fastify plugin: `app.online` (the service) and its routes — candidate,
 * public and admin — in a context of their own, with @fastify/rate-limit and an error handler that
 * keeps the online error shape.
 */
import rateLimit from '@fastify/rate-limit';
import fp from 'fastify-plugin';
import type { FastifyError } from 'fastify';
import type { StoreConfig } from '../storage/index.ts';
import adminRoutes from './http/admin.ts';
import candidateRoutes from './http/candidate.ts';
import { sendFail } from './http/common.ts';
import { DEFAULT_RATE_LIMITS, windowsByName, type OnlineRateLimits } from './http/limits.ts';
import publicRoutes from './http/public.ts';
import site from './http/site.ts';
import type { ContestPorts } from './service/context.ts';
import { OnlineService, type OnlineServiceOptions } from './service/index.ts';
import { openOnlineStore } from './store/index.ts';
import type { OnlineStore } from './store/port.ts';
import { RedisOnlineStore } from './store/redis.ts';

declare module 'fastify' {
  interface FastifyInstance {
    online: OnlineService;
  }
}

export interface OnlinePluginOptions {
  store: OnlineStore | StoreConfig;
  contest: ContestPorts;
  clock?: () => number;
  rng?: () => number;
  graceMs?: number;
  pow?: OnlineServiceOptions['pow'];
  tickMs?: number;
  rateLimits?: Partial<OnlineRateLimits>;
  /** player-board's build, served at /thi/ */
  siteDir?: string | null;
}

export default fp<OnlinePluginOptions>(
  async (app, opts) => {
    const store = 'startAttempt' in opts.store ? opts.store : await openOnlineStore(opts.store);
    const online = await OnlineService.create({
      store,
      ...opts.contest,
      clock: opts.clock,
      rng: opts.rng,
      graceMs: opts.graceMs,
      pow: opts.pow,
      tickMs: opts.tickMs,
    });
    app.decorate('online', online);
    app.addHook('onClose', async () => {
      await online.stop();
      await store.close();
    });
    // submit what ran out while the server was down, and close rounds that ended meanwhile
    app.addHook('onReady', async () => {
      await online.tick();
    });

    const limits = { ...DEFAULT_RATE_LIMITS, ...opts.rateLimits };
    await app.register(async (scope) => {
      // one node: the counters live here; many nodes: in Redis, through the plugin below
      scope.decorate('onlineWindows', store instanceof RedisOnlineStore ? null : windowsByName());
      await scope.register(rateLimit, {
        global: false,
        // counters shared by every node when the store is Redis
        ...(store instanceof RedisOnlineStore ? { redis: store.client, nameSpace: 'cv-online-rl-' } : {}),
      });
      scope.setErrorHandler((err: FastifyError, _request, reply) => {
        if (err.statusCode && err.statusCode < 500) return sendFail(reply, 'BAD_REQUEST', err.message);
        app.log.error(err);
        return sendFail(reply, 'INTERNAL', 'Lỗi máy chủ; vui lòng thử lại.');
      });
      await scope.register(candidateRoutes, { limits });
      await scope.register(publicRoutes, { limits });
      await scope.register(adminRoutes);
      if (opts.siteDir) await scope.register(site, { dir: opts.siteDir });
    });
  },
  { name: 'online', dependencies: ['admin', 'workspace'] },
);
