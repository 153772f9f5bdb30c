/** GET /api/health: up, which store, how many shows run, and which stored shows could not be recovered. */
import type { HealthResponse } from '@cv/shared/protocol';
import type { FastifyPluginAsync } from 'fastify';
import { ENGINE_VERSION } from '../engine/index.ts';

const health: FastifyPluginAsync = async (app) => {
  app.get('/api/health', async (): Promise<HealthResponse> => {
    const unavailable = app.shows.unavailable();
    return {
      // a broken show is reported, not a reason to restart the server: the others run
      status: unavailable.length ? 'degraded' : 'ok',
      store: app.store.kind,
      shows: app.shows.runningCount(),
      unavailable,
      serverNow: app.shows.clock(),
      engineVersion: ENGINE_VERSION,
      ...(app.cluster
        ? { node: { id: app.cluster.nodeId, owns: app.cluster.owned(), ...app.cluster.counters() } }
        : {}),
    };
  });
};
export default health;
