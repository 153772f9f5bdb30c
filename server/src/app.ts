/** The Fastify app as a plugin tree. It never listens: server.ts does, and tests use inject or port 0. */
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { demoMediaDir } from './demo/index.ts';
import { seedDemoOnline } from './demo/online.ts';
import adminApi from './http/admin/index.ts';
import health from './http/health.ts';
import { withRedaction } from './http/log-redaction.ts';
import { sendError } from './http/reply.ts';
import httpRateLimit, { DEFAULT_STATIC_RATE_LIMIT, type HttpRateLimit } from './http/rate-limit.ts';
import securityHeaders from './http/security.ts';
import shows from './http/shows.ts';
import staticFiles, { distDir } from './http/static.ts';
import uploads from './http/uploads.ts';
import online, { type OnlinePluginOptions } from './online/plugin.ts';
import { onlineStoreOn } from './online/store/index.ts';
import type { ContestPorts } from './online/service/context.ts';
import realtime from './realtime/plugin.ts';
import admin from './services/admin.ts';
import showsService, { type ShowsOptions } from './services/shows.ts';
import signIn from './services/sign-in.ts';
import type { ThrottleBook } from './security/throttle-book.ts';
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
  /** this machine's address on the hall network: QR codes use it when the MC opened 127.0.0.1 */
  lanAddress?: string;
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
  /** where failed sign-ins are counted (default: the show store, shared by every node) */
  signInThrottle?: ThrottleBook;
  /** per-IP limit of the show and admin HTTP routes (the online routes have their own) */
  httpRateLimit?: Partial<HttpRateLimit>;
  /** per-IP limit of the front ends' static files (default DEFAULT_STATIC_RATE_LIMIT) */
  staticRateLimit?: Partial<HttpRateLimit>;
  /** requests per second and burst of each tablet's and phone's socket (staff are not throttled) */
  deviceRate?: { perSecond: number; burst: number };
  /** sees every route as it is registered (the authorization matrix and the fuzz suite list them) */
  onRoute?: (route: { method: string | string[]; url: string }) => void;
}

export const DEMO_SHOW_ID = 'demo';

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    // request lines name URLs; the credentials some of them carry are blanked (http/log-redaction.ts)
    logger: withRedaction(options.logger ?? false),
    forceCloseConnections: true,
    trustProxy: options.trustProxy ?? false,
  });

  if (options.onRoute) app.addHook('onRoute', options.onRoute);
  app.setErrorHandler((err: { statusCode?: number; message: string }, _request, reply) => {
    if (err.statusCode === 429) return sendError(reply, 'RATE_LIMITED', err.message);
    if (err.statusCode === 413) return sendError(reply, 'TOO_LARGE', err.message);
    if (err.statusCode && err.statusCode < 500) return sendError(reply, 'BAD_REQUEST', err.message);
    app.log.error(err);
    return sendError(reply, 'INTERNAL', 'unexpected server error');
  });
  app.setNotFoundHandler((request, reply) =>
    sendError(reply, 'NOT_FOUND', `no route ${request.method} ${request.url}`),
  );

  await app.register(securityHeaders);
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
  await app.register(signIn, { book: options.signInThrottle });
  await app.register(realtime, {
    publicUrl: options.publicUrl,
    lanAddress: options.lanAddress,
    trustProxy: options.trustProxy ?? false,
    authenticateStaff: (auth, headers) => app.workspace.consoleSession(auth, headers),
    deviceRate: options.deviceRate,
  });
  // the show and admin routes share one per-IP limit, in a context of their own
  await app.register(async (limited) => {
    await limited.register(httpRateLimit, options.httpRateLimit ?? {});
    await limited.register(health);
    await limited.register(shows, { publicUrl: options.publicUrl, trustProxy: options.trustProxy ?? false });
    await limited.register(adminApi, { publicUrl: options.publicUrl, lanAddress: options.lanAddress });
    await limited.register(uploads);
  });
  // the front ends' files: a per-IP limit of their own, higher (a page load is many files)
  if (options.serveStatic !== false)
    await app.register(async (files) => {
      await files.register(httpRateLimit, options.staticRateLimit ?? DEFAULT_STATIC_RATE_LIMIT);
      await files.register(staticFiles, { mediaDir: demoMediaDir });
    });
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
