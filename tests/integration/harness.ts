/** Real app on port 0 with a real SQLite file, real Socket.IO clients through the shared SDK. */
import { ShowClient } from '@cv/shared/client';
import type { Ack, AuthPayload, CreateShowRequest, Question, ShowDetail } from '@cv/shared/protocol';
import { buildApp, type AppOptions } from '@cv/server/app.ts';
import type { FastifyInstance } from 'fastify';
import { io } from 'socket.io-client';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const ADMIN = 'test-admin-token';

/** names the Socket.IO client refuses to emit (its parser would drop them anyway) */
export const RESERVED_EVENT_NAMES: ReadonlySet<string> = new Set([
  'connect',
  'connect_error',
  'disconnect',
  'disconnecting',
  'newListener',
  'removeListener',
]);

export interface Harness {
  app: FastifyInstance;
  url: string;
  dataDir: string;
  clients: ShowClient[];
  connect(auth: AuthPayload, opts?: { ready?: boolean }): Promise<ShowClient>;
  createShow(body: CreateShowRequest): Promise<CreatedShow>;
  close(): Promise<void>;
}

export type CreatedShow = ShowDetail;

export async function startHarness(options: Partial<AppOptions> = {}, dataDir?: string): Promise<Harness> {
  const dir = dataDir ?? mkdtempSync(join(tmpdir(), 'cv-it-'));
  const app = await buildApp({
    store: { kind: 'sqlite', dataDir: dir },
    adminToken: ADMIN,
    serveStatic: false,
    tallyEveryMs: 50,
    // the per-IP limit has its own test (tests/security/headers.test.ts)
    httpRateLimit: { max: 1e9 },
    staticRateLimit: { max: 1e9 },
    ...options,
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  const clients: ShowClient[] = [];
  const h: Harness = {
    app,
    url,
    dataDir: dir,
    clients,
    async connect(auth, opts = {}) {
      const client = new ShowClient({
        url,
        auth,
        ackTimeoutMs: 5000,
        clockResyncMs: 0,
        socketOptions: { reconnection: true },
      });
      clients.push(client);
      client.connect();
      if (opts.ready !== false) await client.ready();
      return client;
    },
    async createShow(body) {
      const res = await app.inject({
        method: 'POST',
        url: '/api/shows',
        headers: { authorization: `Bearer ${ADMIN}` },
        payload: body,
      });
      if (res.statusCode !== 201) throw new Error(`create show failed: ${res.statusCode} ${res.body}`);
      return res.json() as ShowDetail;
    },
    async close() {
      for (const c of clients) c.close();
      await app.close();
      if (!dataDir) rmSync(dir, { recursive: true, force: true });
    },
  };
  return h;
}

export const single = (id: string, correct: number, extra: Partial<Question> = {}): Question => ({
  id,
  kind: 'single',
  pool: 'main',
  prompt: `Câu hỏi ${id}?`,
  options: ['Phương án A', 'Phương án B', 'Phương án C', 'Phương án D'],
  timeLimitSec: 10,
  key: { kind: 'single', answer: correct },
  ...extra,
});

/** wait until a client's state satisfies a predicate */
export function until<T>(
  client: ShowClient,
  pick: (c: ShowClient) => T | undefined | null | false,
  timeoutMs = 5000,
): Promise<T> {
  // the caller's line, for a timeout that fires long after the call (a failed wait names its await)
  const calledFrom = new Error().stack?.split('\n').slice(1).join('\n') ?? '';
  return new Promise((resolve, reject) => {
    const check = () => {
      const v = pick(client);
      if (v) {
        off();
        clearTimeout(timer);
        resolve(v);
      }
    };
    const off = client.subscribe(check);
    const timer = setTimeout(() => {
      off();
      const err = new Error(`condition not reached in ${timeoutMs} ms; the client: ${stateLine(client)}`);
      err.stack = `Error: ${err.message}\n${calledFrom}`;
      reject(err);
    }, timeoutMs);
    check();
  });
}

function stateLine({ state: s }: ShowClient): string {
  const round = s.view?.round;
  return [
    `connected=${s.connected}`,
    `synced=${s.synced}`,
    `authError=${s.authError}`,
    `takeoverPending=${s.takeoverPending}`,
    `takenOver=${s.takenOver !== null}`,
    `version=${s.view?.version}`,
    `paused=${s.view?.paused}`,
    `round=${round ? `${round.index}/${round.phase}` : 'none'}`,
  ].join(' ');
}

/** what a bare handshake with `auth` ends in: 'connected', or the connect_error code */
export function handshake(url: string, auth: Record<string, unknown>): Promise<string> {
  return new Promise((resolve) => {
    const s = io(url, { auth, transports: ['websocket'], reconnection: false });
    s.on('connect_error', (err) => {
      s.close();
      resolve(err.message);
    });
    s.on('connect', () => {
      s.close();
      resolve('connected');
    });
  });
}

/**
 * Sends anything, typed or not: for tests of what the server does with malformed or unknown requests
 * (the SDK's `request` only sends what the protocol declares).
 */
export function rawRequest(client: ShowClient, event: string, ...args: unknown[]): Promise<Ack<unknown>> {
  return new Promise((resolve) => {
    client.socket
      .timeout(5000)
      .emit(event, ...args, (err: unknown, res: Ack<unknown>) =>
        resolve(err ? { ok: false, error: { code: 'TIMEOUT', message: String(err) } } : res),
      );
  });
}

export function expectOk<T>(
  res: { ok: true; data: T } | { ok: false; error: { code: string; message: string } },
): T {
  if (!res.ok) throw new Error(`expected ok, got ${res.error.code}: ${res.error.message}`);
  return res.data;
}
