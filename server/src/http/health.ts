import type { FastifyPluginAsync } from 'fastify';

const health: FastifyPluginAsync = async (app) => {
  app.get('/api/health', async () => ({
    status: 'ok',
    store: app.store.kind,
    shows: app.shows.list().length,
    serverNow: app.shows.clock(),
  }));
};
export default health;
