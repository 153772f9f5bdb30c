/** Entry point: listen, print where everything is, close gracefully on SIGINT/SIGTERM. */
import { networkInterfaces } from 'node:os';
import { join } from 'node:path';
import { buildApp, DEMO_SHOW_ID } from './app.ts';
import { contestFromFile } from './contest/fixture.ts';
import { showUrls } from './http/shows.ts';
import { scaledLimits } from './online/http/limits.ts';
import { storeConfigFromEnv } from './storage/index.ts';

const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? '0.0.0.0';
const store = storeConfigFromEnv(process.env, { dataDir: process.env.DATA_DIR ?? './data' });

const positive = (name: string) => {
  const v = process.env[name];
  if (v === undefined || v === '') return undefined;
  const n = Number(v);
  if (!Number.isFinite(n) || n < 0) throw new Error(`${name} must be a non-negative number, got "${v}"`);
  return n;
};
// tablets and phones in the hall reach this machine by its LAN address, not 127.0.0.1
const lan = Object.values(networkInterfaces())
  .flat()
  .find((i) => i && i.family === 'IPv4' && !i.internal)?.address;
const lanReachable = !!lan && (host === '0.0.0.0' || host === lan);

const powMax = positive('ONLINE_POW_MAX');
const httpRateMax = positive('HTTP_RATE_MAX');
const staticRateMax = positive('STATIC_RATE_MAX');
const rateScale = positive('ONLINE_RATE_SCALE');
const app = await buildApp({
  store,
  adminToken: process.env.ADMIN_TOKEN || undefined,
  seedDemo: process.env.DEMO !== '0',
  publicUrl: process.env.PUBLIC_URL || undefined,
  lanAddress: lanReachable ? lan : undefined,
  mediaDir: join(process.env.DATA_DIR ?? './data', 'media'),
  // warnings and errors always reach the terminal (a refused show, a handler that threw); LOG_LEVEL=info for more
  logger: { level: process.env.LOG_LEVEL || 'warn' },
  trustProxy: process.env.TRUST_PROXY === '1',
  ...(httpRateMax === undefined ? {} : { httpRateLimit: { max: httpRateMax } }),
  ...(staticRateMax === undefined ? {} : { staticRateLimit: { max: staticRateMax } }),
  nodeId: process.env.NODE_ID || undefined,
  // many nodes: how long a silent owner keeps its shows (the bound on failover; default 2 s)
  cluster: positive('LEASE_MS') ? { leaseMs: positive('LEASE_MS') } : undefined,
  ...(process.env.ONLINE_CONTEST_FIXTURE
    ? { contest: contestFromFile(process.env.ONLINE_CONTEST_FIXTURE) }
    : {}),
  online: {
    graceMs: positive('ONLINE_GRACE_MS'),
    pow: powMax === undefined ? undefined : { maxNumber: powMax },
    rateLimits: rateScale === undefined ? undefined : scaledLimits(rateScale),
  },
});

await app.listen({ port, host });
const address = app.server.address();
const actualPort = typeof address === 'object' && address ? address.port : port;
const base = process.env.PUBLIC_URL || `http://127.0.0.1:${actualPort}`;

const lines = [`Chuông Vàng — store: ${store.kind}${store.kind === 'sqlite' ? ` (${store.dataDir})` : ''}`];
if (app.admin.issuedToken)
  lines.push(`Admin token for automation (printed once, keep it safe): ${app.admin.issuedToken}`);
if (app.workspace.setupCode)
  lines.push(
    `No staff account yet: open ${base}/host/admin and enter the setup code ${app.workspace.setupCode}`,
    `  (or run: npm run admin:create)`,
  );
const demo = app.shows.record(DEMO_SHOW_ID);
if (demo) {
  const urls = showUrls(demo, base);
  lines.push(
    `Demo show "${demo.title}"`,
    `  MC console (host):   ${urls.host}   PIN MC: ${demo.secrets.hostPin}   PIN BGK: ${demo.secrets.judgePin}`,
    `  Contestant tablets:  ${urls.board}   (seat 1 PIN: ${demo.secrets.seats[1]?.pin ?? '-'})`,
    `  Big screen:          ${urls.screen}`,
    `  Broadcast overlay:   ${urls.overlay}   (transparent 1920×1080 lower thirds for OBS/vMix)`,
    `  Audience play-along: ${urls.audience}`,
  );
}
lines.push(
  `Online rounds (thi trực tuyến): ${base}/thi/   admin: ${base}/host/online.html   portal feed: ${base}/api/online/feed.json`,
);
if (lanReachable && !process.env.PUBLIC_URL)
  lines.push(`On the hall network, open the same paths at http://${lan}:${actualPort}`);
lines.push(`listening ${base}`);
console.log(lines.join('\n'));

let closing = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (closing) return;
    closing = true;
    // finish in-flight commits, tell devices, then exit
    app.close().then(
      () => process.exit(0),
      (err) => {
        console.error(err);
        process.exit(1);
      },
    );
  });
}
