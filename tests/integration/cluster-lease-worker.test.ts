/**
 * The owner's leases are renewed from a worker thread (server/src/cluster/lease-keeper.ts): an event
 * loop busy for longer than a lease (a burst of devices connecting) keeps the show, while a contender on
 * another thread tries to take it the way another node would. The same block with renewals on the main
 * loop loses the show (the control), and so does a loop silent for longer than `maxStallMs` (hung).
 */
import { ACQUIRE } from '@cv/server/cluster/leases.ts';
import type { ClusterOptions } from '@cv/server/cluster/node.ts';
import type { HealthResponse } from '@cv/shared/protocol';
import { deleteRedisKeys, redisTestMode, testRedisUrl } from '@cv/server/storage/redis/availability.ts';
import { Redis } from 'ioredis';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { expectOk, single, startHarness, type Harness } from './harness.ts';

const redisMode = await redisTestMode(testRedisUrl());
const DB = 14;
const base = `cv-lease-worker-${process.pid}-${Date.now()}`;
let n = 0;

/** another "node" on its own thread: tries to take the lease every 50 ms, as acquireFree does */
const CONTENDER = `
const { parentPort, workerData } = require('node:worker_threads');
const m = require(workerData.driver);
const Redis = m.Redis || m.default || m;
const client = new Redis(workerData.url, { db: workerData.db });
let attempts = 0, took = null, stop = false;
parentPort.on('message', () => { stop = true; });
(async () => {
  while (!stop && !took) {
    const lease = await client.eval(workerData.script, 2, workerData.lease, workerData.fence, 'contender', 800);
    attempts++;
    if (String(lease).startsWith('contender#')) took = String(lease);
    await new Promise((r) => setTimeout(r, 50));
  }
  await client.quit();
  parentPort.postMessage({ attempts, took });
})();
`;

function contend(prefix: string, showId: string) {
  const worker = new Worker(CONTENDER, {
    eval: true,
    workerData: {
      driver: createRequire(import.meta.url).resolve('ioredis'),
      url: testRedisUrl(),
      db: DB,
      script: ACQUIRE,
      lease: `${prefix}:lease:${showId}`,
      fence: `${prefix}:fence:${showId}`,
    },
  });
  return {
    stop: () =>
      new Promise<{ attempts: number; took: string | null }>((resolve) => {
        worker.once('message', resolve);
        worker.postMessage('stop');
      }),
  };
}

/** what a burst of connecting devices does to the owner: no timer, no socket, no renewal on this loop */
function busy(ms: number): void {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    /* spin */
  }
}

describe.skipIf(redisMode === 'skip')('lease renewals off the event loop', () => {
  const opened: { h: Harness; prefix: string }[] = [];
  afterEach(async () => {
    for (const { h, prefix } of opened.splice(0)) {
      await h.close().catch(() => undefined);
      if (redisMode === 'run') await deleteRedisKeys(testRedisUrl(), DB, `${prefix}:*`);
    }
  });

  async function owner(cluster: Partial<ClusterOptions>) {
    if (redisMode === 'fail') throw new Error('CI=true and Redis is unreachable');
    const prefix = `${base}-${++n}`;
    const h = await startHarness({
      store: { kind: 'redis', url: testRedisUrl(), db: DB, prefix },
      nodeId: `owner${n}`,
      cluster: { leaseMs: 800, tickMs: 100, requestTimeoutMs: 4000, ...cluster },
    });
    opened.push({ h, prefix });
    const show = await h.createShow({ title: 'Một máy', seatCount: 2, questions: [single('q1', 1)] });
    const giveUp = Date.now() + 5000;
    while (!h.app.cluster!.owned().includes(show.showId) && Date.now() < giveUp)
      await new Promise((r) => setTimeout(r, 50));
    expect(h.app.cluster!.owned()).toContain(show.showId);
    const host = await h.connect({ role: 'host', showId: show.showId, pin: show.secrets.hostPin });
    expectOk(await host.command('show:start'));
    const redis = new Redis(testRedisUrl(), { db: DB });
    const leaseKey = `${prefix}:lease:${show.showId}`;
    const lease = await redis.get(leaseKey);
    return { h, prefix, show, host, redis, leaseKey, lease };
  }

  it('keeps the show through a 3 s busy loop (lease 0.8 s): nobody else takes it', async () => {
    const { h, prefix, show, host, redis, leaseKey, lease } = await owner({});
    const runner = h.app.shows.runner(show.showId)!;
    const version = runner.version;
    const contender = contend(prefix, show.showId);
    await new Promise((r) => setTimeout(r, 200)); // the contender is trying
    busy(3000);
    await new Promise((r) => setTimeout(r, 200)); // messages from the worker, if any, arrive
    const { attempts, took } = await contender.stop();
    expect(attempts).toBeGreaterThan(20); // it really tried while the loop was blocked
    expect(took).toBeNull();
    expect(await redis.get(leaseKey)).toBe(lease); // same holder, same fencing token
    expect(runner.isOwner).toBe(true);
    expect(runner.state.paused).toBe(false);
    expect(runner.version).toBe(version);
    expectOk(await host.command('question:show', {}));
    redis.disconnect();
  });

  /** the owner blocks its loop for 3 s while a contender tries: what the contender got */
  async function blockedOwner(cluster: Partial<ClusterOptions>) {
    const { prefix, show, redis } = await owner(cluster);
    const contender = contend(prefix, show.showId);
    await new Promise((r) => setTimeout(r, 200));
    busy(3000);
    redis.disconnect();
    return (await contender.stop()).took;
  }

  it('control: renewed from the main loop, the same block loses the show', async () => {
    expect(await blockedOwner({ leaseWorker: false })).toMatch(/^contender#/);
  });

  it('lets the show go when the main loop is hung for longer than maxStallMs', async () => {
    expect(await blockedOwner({ maxStallMs: 1000 })).toMatch(/^contender#/);
  });

  it('tells the main thread at once when another holder has the lease', async () => {
    const { h, show, redis, leaseKey, lease } = await owner({ leaseMs: 5000 });
    const runner = h.app.shows.runner(show.showId)!;
    expect(runner.isOwner).toBe(true);
    const token = Number(lease!.split('#').at(-1));
    await redis.set(leaseKey, `elsewhere/1#${token + 1}`, 'PX', 5000);
    const giveUp = Date.now() + 1000; // well within the 5 s lease: the renewal, not the expiry, told it
    while (runner.isOwner && Date.now() < giveUp) await new Promise((r) => setTimeout(r, 20));
    expect(runner.isOwner).toBe(false);
    expect(h.app.cluster!.owned()).not.toContain(show.showId);
    const health = (await h.app.inject({ method: 'GET', url: '/api/health' })).json() as HealthResponse;
    expect(health.node?.leasesLost).toEqual({ taken: 1 });
    redis.disconnect();
  });
});
