/**
 * The show service as a decorator: recovers every stored show before the app is ready. Each show is
 * recovered on its own; one that cannot be is logged, reported on /api/health and refused to its
 * devices (SHOW_UNAVAILABLE), and the server starts with the others.
 *
 * On Redis the node joins the cluster (cluster/node.ts): every show is followed, and a show is run by
 * whichever node holds its lease.
 */
import fp from 'fastify-plugin';
import { hostname } from 'node:os';
import { ClusterNode, type ClusterOptions } from '../cluster/node.ts';
import { ShowService } from '../runtime/show-service.ts';
import { durabilityWarning, redisPersistence } from '../storage/redis/durability.ts';
import { RedisStore } from '../storage/redis/redis-store.ts';

declare module 'fastify' {
  interface FastifyInstance {
    shows: ShowService;
    /** this node among many (Redis store); null on a single embedded node */
    cluster: ClusterNode | null;
  }
}

export interface ShowsOptions {
  clock?: () => number;
  snapshotEvery?: number;
  tallyEveryMs?: number;
  /** NODE_ID (default: the host name) */
  nodeId?: string;
  /** lease and forwarding timings (tests shorten them) */
  cluster?: Pick<
    ClusterOptions,
    'leaseMs' | 'tickMs' | 'requestTimeoutMs' | 'maxStallMs' | 'leaseWorker' | 'presenceMs'
  >;
}

export default fp<ShowsOptions>(
  async (app, opts) => {
    const log = (msg: string, err?: unknown) => app.log.error({ err }, msg);
    const cluster =
      app.store instanceof RedisStore
        ? new ClusterNode({ nodeId: opts.nodeId || hostname(), store: app.store, log, ...opts.cluster })
        : null;
    const shows = new ShowService({
      store: app.store,
      clock: opts.clock,
      snapshotEvery: opts.snapshotEvery,
      tallyEveryMs: opts.tallyEveryMs,
      log,
      cluster: cluster ? { link: cluster, showChanged: (id) => cluster.showChanged(id) } : undefined,
    });
    const { recovered, unavailable } = await shows.recoverAll();
    if (recovered.length) app.log.info({ recovered }, 'shows recovered from the store');
    if (unavailable.length)
      app.log.error({ unavailable }, 'some shows could not be recovered; the others run');
    if (cluster) {
      const warning = durabilityWarning(await redisPersistence(cluster.connection));
      if (warning) app.log.warn(warning);
      await cluster.start(shows);
    }
    app.decorate('shows', shows);
    app.decorate('cluster', cluster);
    app.addHook('onClose', async () => {
      // hand the leases back first: another node takes the shows at once instead of after expiry
      await cluster?.stop();
      shows.close();
    });
  },
  { name: 'shows', dependencies: ['store'] },
);
