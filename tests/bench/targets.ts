/**
 * The servers the suite measures, behind one interface: the real app (per store) and the bare
 * Socket.IO baseline. A new workload or a new store plugs in here without touching the runners.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { httpRequestOrThrow } from '@cv/shared/client';
import type { AuthPayload } from '@cv/shared/protocol';
import type { DeviceRole, DeviceSpec } from './ipc.ts';
import { createShowBody, SEATS } from './payload.ts';
import { log, startServer, type ServerHandle } from './procs.ts';

export type StoreKind = 'sqlite' | 'redis';

export interface ShowSetup {
  showId: string;
  host: AuthPayload;
  /** auth for the i-th device of a role (0-based; players are seats 1..) */
  device(role: DeviceRole, i: number): AuthPayload;
}

export interface DurableCheck {
  /** how the check was done */
  method: string;
  /** answers the clients saw acked */
  acked: number;
  /** of those, found in the store after the server was SIGKILLed */
  found: number;
  ok: boolean;
}

export interface Target {
  kind: 'app' | 'baseline';
  /** e.g. "app (sqlite)", "bare socket.io" */
  label: string;
  store: StoreKind | null;
  start(opts?: { inspect?: boolean; payloadFile?: string }): Promise<ServerHandle>;
  setupShow(server: ServerHandle, questions: number): Promise<ShowSetup>;
  /** SIGKILL the server and count acked answers in its store; null when the store cannot be read */
  verifyDurable?(
    server: ServerHandle,
    setup: ShowSetup,
    acked: { player: number; audience: number },
  ): Promise<DurableCheck | null>;
  /** release temp dirs, Redis keys etc. */
  cleanup(): void | Promise<void>;
}

export function deviceMix(devices: number): Record<DeviceRole, number> {
  const player = Math.min(SEATS, Math.floor(devices / 2));
  const screen = Math.min(4, Math.max(1, Math.ceil(devices / 500)));
  return { player, screen, audience: Math.max(0, devices - player - screen) };
}

/** round-robin split so every client process gets the same mix of roles */
export function deviceSpecs(setup: ShowSetup, devices: number): DeviceSpec[] {
  const mix = deviceMix(devices);
  const specs: DeviceSpec[] = [];
  for (const role of ['player', 'screen', 'audience'] as const)
    for (let i = 0; i < mix[role]; i++) specs.push({ role, auth: setup.device(role, i) });
  return specs;
}

export function audienceOnly(setup: ShowSetup, count: number): DeviceSpec[] {
  return Array.from({ length: count }, (_, i) => ({
    role: 'audience' as const,
    auth: setup.device('audience', i),
  }));
}

export class AppTarget implements Target {
  readonly kind = 'app' as const;
  readonly label: string;
  protected readonly dirs: string[] = [];
  protected readonly adminToken = crypto.randomBytes(12).toString('hex');
  private dataDirOf = new Map<number, string>();

  constructor(
    readonly store: StoreKind,
    /** profileDir: write V8 CPU profiles of the app server there (graceful stop, so no SIGKILL durability check) */
    protected readonly options: { profileDir?: string; env?: Record<string, string> } = {},
  ) {
    this.label = `app (${store})`;
  }

  async start(opts: { inspect?: boolean } = {}): Promise<ServerHandle> {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cv-bench-'));
    this.dirs.push(dataDir);
    const server = await startServer({
      script: 'server/src/server.ts',
      inspect: opts.inspect,
      nodeArgs:
        this.options.profileDir && !opts.inspect
          ? ['--cpu-prof', `--cpu-prof-dir=${this.options.profileDir}`]
          : [],
      env: {
        PORT: '0',
        HOST: '127.0.0.1',
        DATA_DIR: dataDir,
        ADMIN_TOKEN: this.adminToken,
        DEMO: '0',
        STORE: this.store,
        // a fresh key space per run when the store is Redis (deleted again by cleanup())
        REDIS_PREFIX: this.redisPrefix(),
        ...this.options.env,
      },
    });
    this.dataDirOf.set(server.pid, dataDir);
    return server;
  }

  async setupShow(server: ServerHandle, questions: number): Promise<ShowSetup> {
    const { showId, secrets } = await httpRequestOrThrow('POST /api/shows', {
      base: server.url,
      token: this.adminToken,
      body: createShowBody(questions),
      fetch: (input, init) => fetch(input, { ...init, signal: AbortSignal.timeout(30_000) }),
    });
    return {
      showId,
      host: { role: 'host', showId, pin: secrets.hostPin },
      device: (role, i) => {
        if (role === 'player') return { role, showId, seat: i + 1, pin: secrets.seats[i + 1].pin };
        if (role === 'screen') return { role, showId, displayToken: secrets.displayToken };
        return { role, showId, name: `Khán giả ${i + 1}` };
      },
    };
  }

  async verifyDurable(
    server: ServerHandle,
    setup: ShowSetup,
    acked: { player: number; audience: number },
  ): Promise<DurableCheck | null> {
    if (this.store !== 'sqlite' || this.options.profileDir) return null;
    const dataDir = this.dataDirOf.get(server.pid);
    if (!dataDir) return null;
    // no graceful close: whatever was acked must already be on disk
    await server.kill9();
    const file = fs.readdirSync(dataDir).find((f) => /\.(db|sqlite|sqlite3)$/.test(f));
    if (!file) return null;
    const { default: Database } = await import('better-sqlite3');
    const db = new Database(path.join(dataDir, file), { readonly: true, fileMustExist: true });
    try {
      const audience = (
        db.prepare('SELECT COUNT(*) AS n FROM audience_answers WHERE show_id = ?').get(setup.showId) as {
          n: number;
        }
      ).n;
      const player = (
        db
          .prepare(
            "SELECT COUNT(*) AS n FROM commands WHERE show_id = ? AND role = 'player' AND outcome = 'ok'",
          )
          .get(setup.showId) as { n: number }
      ).n;
      const found = Math.min(audience, acked.audience) + Math.min(player, acked.player);
      return {
        method:
          'SIGKILL the server after the last ack, then count audience_answers and accepted player commands in its SQLite file',
        acked: acked.player + acked.audience,
        found,
        ok: audience >= acked.audience && player >= acked.player,
      };
    } finally {
      db.close();
    }
  }

  private readonly prefixes: string[] = [];
  protected redisPrefix(): string {
    const prefix = `cv-bench-${process.pid}-${this.prefixes.length + 1}`;
    this.prefixes.push(prefix);
    return prefix;
  }

  async cleanup(): Promise<void> {
    for (const d of this.dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
    if (this.store !== 'redis' || this.prefixes.length === 0) return;
    // drop the bench's keys (SCAN per prefix, bounded by what the runs wrote)
    const { Redis } = await import('ioredis');
    const redis = new Redis(process.env.REDIS_URL || 'redis://127.0.0.1:6379', {
      lazyConnect: true,
      maxRetriesPerRequest: 1,
    });
    try {
      await redis.connect();
      for (const prefix of this.prefixes.splice(0)) {
        let cursor = '0';
        do {
          const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
          if (keys.length) await redis.del(...keys);
          cursor = next;
        } while (cursor !== '0');
      }
    } catch (error) {
      log('could not delete the bench keys from Redis:', String(error));
    } finally {
      redis.disconnect();
    }
  }
}

export class BaselineTarget implements Target {
  readonly kind = 'baseline' as const;
  readonly label = 'bare socket.io';
  readonly store = null;

  start(opts: { inspect?: boolean; payloadFile?: string } = {}): Promise<ServerHandle> {
    return startServer({
      script: 'tests/bench/baseline-server.ts',
      inspect: opts.inspect,
      env: { PORT: '0', ...(opts.payloadFile ? { BENCH_PAYLOAD: opts.payloadFile } : {}) },
    });
  }

  async setupShow(): Promise<ShowSetup> {
    const showId = 'bench';
    return {
      showId,
      host: { role: 'host', showId, pin: 'x' },
      device: (role, i) =>
        role === 'player'
          ? { role, showId, seat: i + 1, pin: 'x' }
          : role === 'screen'
            ? { role, showId, displayToken: 'x' }
            : { role, showId, name: `Khán giả ${i + 1}` },
    };
  }

  cleanup(): void {}
}
