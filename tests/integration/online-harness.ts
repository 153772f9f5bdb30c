/** A real app listening on port 0 with the online rounds on a real store, a clock the test moves, and an HTTP client. */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp } from '@cv/server/app.ts';
import { contestFromFixture, type ContestFixture } from '@cv/server/contest/fixture.ts';
import type { StoreConfig } from '@cv/server/storage/index.ts';
import { deleteRedisKeys } from '@cv/server/storage/redis/availability.ts';
import type { FastifyInstance } from 'fastify';
import { contestFixture, OnlineHttp, type HttpReply } from '../support/online.ts';

/** every request to the next node in turn: no two consecutive requests of a burst hit the same node */
class SpreadHttp extends OnlineHttp {
  private next = 0;
  constructor(
    private readonly urls: string[],
    adminToken: string,
  ) {
    super(urls[0], adminToken);
  }

  override call<T = unknown>(
    method: string,
    path: string,
    body?: unknown,
    token?: string,
  ): Promise<HttpReply<T>> {
    const url = this.urls[this.next++ % this.urls.length];
    return new OnlineHttp(url, '').call<T>(method, path, body, token);
  }
}

export const ADMIN = 'online-admin-token';
/** 08:00 on 1 Nov 2023 in Việt Nam */
export const T0 = Date.UTC(2023, 10, 1, 1, 0, 0);

export interface OnlineHarness {
  app: FastifyInstance;
  http: OnlineHttp;
  contest: ReturnType<typeof contestFromFixture>;
  dataDir: string;
  /** the app's clock */
  now: { value: number };
  restart(): Promise<void>;
  close(): Promise<void>;
}

export interface HarnessOptions {
  fixture?: ContestFixture;
  store?: 'sqlite' | 'redis';
  redisUrl?: string;
  graceMs?: number;
  rateLimits?: Record<string, number>;
  /** Redis only: this many nodes on the one store, requests spread round-robin over them (many nodes) */
  nodes?: number;
}

export async function startOnline(options: HarnessOptions = {}): Promise<OnlineHarness> {
  const dataDir = mkdtempSync(join(tmpdir(), 'cv-online-it-'));
  const prefix = `cvtest-online-it:${process.pid}:${randomUUID().slice(0, 8)}`;
  const store: StoreConfig =
    options.store === 'redis'
      ? { kind: 'redis', url: options.redisUrl!, prefix, db: 13 }
      : { kind: 'sqlite', dataDir };
  const contest = contestFromFixture(options.fixture ?? contestFixture());
  const now = { value: T0 };
  const build = async () => {
    const app = await buildApp({
      store,
      adminToken: ADMIN,
      serveStatic: false,
      // the per-IP limit has its own test (tests/security/headers.test.ts)
      httpRateLimit: { max: 1e9 },
      clock: () => now.value,
      contest,
      online: {
        tickMs: 0,
        graceMs: options.graceMs ?? 2_000,
        pow: { maxNumber: 300 },
        // the limits themselves are tested on their own; elsewhere they stay out of the way
        rateLimits: options.rateLimits ?? {
          ipRead: 100_000,
          ipChallenge: 100_000,
          ipRegister: 100_000,
          ipLogin: 100_000,
          ipStart: 100_000,
          ipAnswer: 100_000,
          candidateRead: 100_000,
          candidateStart: 100_000,
          candidateAnswer: 100_000,
          candidateSubmit: 100_000,
        },
      },
    });
    await app.listen({ port: 0, host: '127.0.0.1' });
    return app;
  };
  let app = await build();
  const others: FastifyInstance[] = [];
  for (let i = 1; i < (options.nodes ?? 1); i++) others.push(await build());
  const urlOf = (a: FastifyInstance) => {
    const address = a.server.address();
    return `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  };
  const h: OnlineHarness = {
    app,
    http: others.length
      ? new SpreadHttp([app, ...others].map(urlOf), ADMIN)
      : new OnlineHttp(urlOf(app), ADMIN),
    contest,
    dataDir,
    now,
    async restart() {
      await app.close();
      app = await build();
      h.app = app;
      const seen = h.http.seen;
      h.http = new OnlineHttp(urlOf(app), ADMIN);
      h.http.seen.push(...seen);
    },
    async close() {
      await Promise.all(others.map((o) => o.close()));
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
      if (options.store === 'redis') await deleteRedisKeys(options.redisUrl!, 13, `${prefix}:*`);
    },
  };
  return h;
}
