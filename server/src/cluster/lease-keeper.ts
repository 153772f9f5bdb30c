/**
 * Renews this node's show leases from a worker thread, on a Redis connection of its own.
 *
 * On the event loop a burst of 10–20k devices connecting kept the loop busy longer than a lease lasts,
 * and another node took a show whose owner was alive. The worker does not wait for the loop: it renews
 * every tick with the same script and the same lease values (leases.ts), and tells the main thread at
 * once when a lease is lost (refused, or unconfirmed for longer than it lasts). The store's fence on
 * every write stays the guarantee; this only keeps a live owner from losing the show.
 *
 * A process that dies (SIGKILL) takes the worker with it; one that is paused (SIGSTOP) pauses it too, so
 * the lease lapses either way. A main loop that stops beating for `maxStallMs` (hung, not just busy) is
 * treated the same: the worker stops renewing and the show goes to another node.
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { Redis } from 'ioredis';
import { RENEW } from './leases.ts';

const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const m = require(workerData.driver);
const Redis = m.Redis || m.default || m;
const { connection, script, ttlMs, tickMs, maxStallMs } = workerData;
const beat = new Float64Array(workerData.heartbeat);
const client = new Redis({ ...connection, maxRetriesPerRequest: 1 });
client.on('error', () => undefined);
const held = new Map(); // showId -> { key, lease, confirmedAt }
let frozen = false;
let stopped = false;
let timer = null;
const lose = (showId, h, reason) => {
  held.delete(showId);
  parentPort.postMessage({ kind: 'lost', showId, lease: h.lease, reason });
};
const tick = async () => {
  timer = null;
  if (!frozen && held.size > 0) {
    const now = Date.now();
    const entries = [...held];
    if (now - beat[0] > maxStallMs) {
      for (const [showId, h] of entries) lose(showId, h, 'stalled');
    } else {
      let results;
      try {
        const pipeline = client.pipeline();
        for (const [, h] of entries) pipeline.eval(script, 1, h.key, h.lease, ttlMs);
        // a hung connection must not stop the ticks: unanswered is unconfirmed
        results = (await Promise.race([pipeline.exec(), new Promise((r) => setTimeout(r, ttlMs))])) || [];
      } catch {
        results = [];
      }
      entries.forEach(([showId, h], i) => {
        if (held.get(showId) !== h) return; // dropped or replaced meanwhile
        const r = results[i];
        if (r && !r[0] && Number(r[1]) === 1) h.confirmedAt = now;
        else if (r && !r[0]) lose(showId, h, 'taken');
        else if (Date.now() - h.confirmedAt > ttlMs) lose(showId, h, 'unconfirmed');
      });
    }
  }
  if (!stopped) timer = setTimeout(tick, tickMs);
};
parentPort.on('message', (msg) => {
  if (msg.kind === 'hold') held.set(msg.showId, { key: msg.key, lease: msg.lease, confirmedAt: msg.since });
  else if (msg.kind === 'drop') {
    if (held.get(msg.showId)?.lease === msg.lease) held.delete(msg.showId);
  } else if (msg.kind === 'freeze') frozen = true;
  else if (msg.kind === 'thaw') frozen = false;
  else if (msg.kind === 'stop') {
    stopped = true;
    clearTimeout(timer);
    client.disconnect();
    parentPort.close();
  }
});
tick();
`;

export interface LeaseKeeperOptions {
  connection: Redis;
  ttlMs: number;
  tickMs: number;
  maxStallMs: number;
  leaseKey: (showId: string) => string;
  /** a lease the worker could not keep: the main thread stops acting as the show's owner */
  onLost: (showId: string, lease: string, reason: 'taken' | 'unconfirmed' | 'stalled') => void;
  /** the worker failed: the caller renews from the main loop again */
  onFailed: (err: unknown) => void;
}

/** what the worker's connection needs of the store's (functions such as retryStrategy do not cross) */
function connectionOf(client: Redis): Record<string, unknown> {
  const o = client.options;
  const picked: Record<string, unknown> = {
    host: o.host,
    port: o.port,
    path: o.path,
    db: o.db,
    username: o.username,
    password: o.password,
    family: o.family,
    connectTimeout: o.connectTimeout,
  };
  if (o.tls) picked.tls = o.tls;
  return Object.fromEntries(Object.entries(picked).filter(([, v]) => v !== undefined));
}

export class LeaseKeeper {
  private readonly worker: Worker;
  private readonly beat = new Float64Array(new SharedArrayBuffer(8));
  private stopped = false;

  constructor(private readonly options: LeaseKeeperOptions) {
    this.beat[0] = Date.now();
    const driver = createRequire(import.meta.url).resolve('ioredis');
    this.worker = new Worker(WORKER, {
      eval: true,
      workerData: {
        driver,
        connection: connectionOf(options.connection),
        script: RENEW,
        ttlMs: options.ttlMs,
        tickMs: options.tickMs,
        maxStallMs: options.maxStallMs,
        heartbeat: this.beat.buffer,
      },
    });
    this.worker.unref();
    this.worker.on('message', (m: { kind: string; showId: string; lease: string; reason: 'taken' }) => {
      if (m.kind === 'lost') this.options.onLost(m.showId, m.lease, m.reason);
    });
    this.worker.on('error', (err) => this.fail(err));
    this.worker.on('exit', (code) => this.fail(new Error(`lease worker exited (${code})`)));
  }

  /** the main loop is alive: called from its timer */
  heartbeat(): void {
    this.beat[0] = Date.now();
  }

  /** renew this lease from now on; `since` is when it was last known to be ours */
  hold(showId: string, lease: string, since: number): void {
    this.post({ kind: 'hold', showId, key: this.options.leaseKey(showId), lease, since });
  }

  /** stop renewing it (given back, fenced, or lost): a no-op if the worker holds another lease for it */
  drop(showId: string, lease: string): void {
    this.post({ kind: 'drop', showId, lease });
  }

  /** test seam: what SIGSTOP does to the thread */
  freeze(): void {
    this.post({ kind: 'freeze' });
  }

  thaw(): void {
    this.post({ kind: 'thaw' });
  }

  get alive(): boolean {
    return !this.stopped;
  }

  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    this.worker.postMessage({ kind: 'stop' });
    await this.worker.terminate();
  }

  private post(message: Record<string, unknown>): void {
    if (!this.stopped) this.worker.postMessage(message);
  }

  private fail(err: unknown): void {
    if (this.stopped) return;
    this.stopped = true;
    void this.worker.terminate();
    this.options.onFailed(err);
  }
}
