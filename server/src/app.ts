/** The Fastify app as a plugin tree. It never listens: server.ts does, and tests use inject or port 0. */
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { demoMediaDir } from './demo/index.ts';
import { seedDemoOnline } from './demo/online.ts';
import adminApi from './http/admin/index.ts';
import health from './http/health.ts';
import { sendError } from './http/reply.ts';
import shows from './http/shows.ts';
import staticFiles, { distDir } from './http/static.ts';
import uploads from './http/uploads.ts';
import online, { type OnlinePluginOptions } from './online/plugin.ts';
import { onlineStoreOn } from './online/store/index.ts';
import type { ContestPorts } from './online/service/context.ts';
import realtime from './realtime/plugin.ts';
import admin from './services/admin.ts';
import showsService, { type ShowsOptions } from './services/shows.ts';
import store from './services/store.ts';
import workspace from './services/workspace.ts';
import type { StoreConfig } from './storage/index.ts';
import type { Store } from './storage/port.ts';
import { seedDemoShow } from './workspace/demo.ts';

export interface AppOptions {
  store: Store | StoreConfig;
  /** fixed admin token (else generated once at first start and kept as a hash) */
  adminToken?: string;
  /** seed the demo show "demo" when the store holds no show */
  seedDemo?: boolean;
  /** base URL for links on seat cards and in show details (default: the request's Host) */
  publicUrl?: string;
  clock?: () => number;
  snapshotEvery?: number;
  tallyEveryMs?: number;
  serveStatic?: boolean;
  logger?: FastifyServerOptions['logger'];
  /** where uploaded question media go (default: <dataDir>/media for SQLite, else a temp folder) */
  mediaDir?: string;
  /** what the online rounds read of the organizer's workspace (default: the workspace itself) */
  contest?: ContestPorts;
  /** online rounds: grace, bot-check difficulty, ticker, rate limits (see server/src/online/plugin.ts) */
  online?: Pick<OnlinePluginOptions, 'graceMs' | 'pow' | 'tickMs' | 'rateLimits' | 'rng'>;
  /** NODE_ID: names this node in logs and health when many nodes share Redis (default: the host name) */
  nodeId?: string;
  /** many nodes: lease and forwarding timings (tests shorten them) */
  cluster?: ShowsOptions['cluster'];
  /** trust X-Forwarded-For from a reverse proxy (per-IP rate limits see the client, not the proxy) */
  trustProxy?: boolean;
}

export const DEMO_SHOW_ID = 'demo';

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ?? false,
    forceCloseConnections: true,
    trustProxy: options.trustProxy ?? false,
  });

  app.setErrorHandler((err: { statusCode?: number; message: string }, _request, reply) => {
    if (err.statusCode && err.statusCode < 500) return sendError(reply, 'BAD_REQUEST', err.message);
    app.log.error(err);
    return sendError(reply, 'INTERNAL', 'unexpected server error');
  });
  app.setNotFoundHandler((request, reply) =>
    sendError(reply, 'NOT_FOUND', `no route ${request.method} ${request.url}`),
  );

  await app.register(store, { store: options.store });
  await app.register(showsService, {
    clock: options.clock,
    snapshotEvery: options.snapshotEvery,
    tallyEveryMs: options.tallyEveryMs,
    nodeId: options.nodeId,
    cluster: options.cluster,
  });
  await app.register(admin, { adminToken: options.adminToken });
  await app.register(workspace, { mediaDir: options.mediaDir ?? defaultMediaDir(options.store) });
  await app.register(realtime, {
    publicUrl: options.publicUrl,
    authenticateStaff: (auth, headers) => app.workspace.consoleSession(auth, headers),
  });
  await app.register(health);
  await app.register(shows, { publicUrl: options.publicUrl });
  await app.register(adminApi, { publicUrl: options.publicUrl });
  await app.register(uploads);
  if (options.serveStatic !== false) await app.register(staticFiles, { mediaDir: demoMediaDir });
  // the organizer's workspace: approved questions, units with headcounts, the exclusion list
  const contest = options.contest ?? { bank: app.bank, units: app.units, exclusions: app.exclusions };
  await app.register(online, {
    store: onlineStoreOn(app.store),
    contest,
    clock: options.clock,
    ...options.online,
    siteDir: options.serveStatic !== false ? distDir('player-board') : null,
  });

  if (options.seedDemo && app.shows.list().length === 0) await seedDemoShow(app, DEMO_SHOW_ID);
  if (options.seedDemo) await seedDemoOnline(app, (options.clock ?? Date.now)());
  return app;
}

function defaultMediaDir(store: AppOptions['store']): string {
  return 'kind' in store && store.kind === 'sqlite' && 'dataDir' in store
    ? join(store.dataDir, 'media')
    : join(tmpdir(), 'chuong-vang-media');
}
