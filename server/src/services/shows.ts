/**
 * The show service as a decorator: recovers every stored show before the app is ready. Each show is
 * recovered on its own; one that cannot be is logged, reported on /api/health and refused to its
 * devices (SHOW_UNAVAILABLE), and the server starts with the others.
 */
import fp from 'fastify-plugin';
import { ShowService } from '../runtime/show-service.ts';

declare module 'fastify' {
  interface FastifyInstance {
    shows: ShowService;
  }
}

export interface ShowsOptions {
  clock?: () => number;
  snapshotEvery?: number;
  tallyEveryMs?: number;
}

export default fp<ShowsOptions>(
  async (app, opts) => {
    const shows = new ShowService({
      store: app.store,
      clock: opts.clock,
      snapshotEvery: opts.snapshotEvery,
      tallyEveryMs: opts.tallyEveryMs,
      log: (msg, err) => app.log.error({ err }, msg),
    });
    const { recovered, unavailable } = await shows.recoverAll();
    if (recovered.length) app.log.info({ recovered }, 'shows recovered from the store');
    if (unavailable.length)
      app.log.error({ unavailable }, 'some shows could not be recovered; the others run');
    app.decorate('shows', shows);
    app.addHook('onClose', async () => shows.close());
  },
  { name: 'shows', dependencies: ['store'] },
);
