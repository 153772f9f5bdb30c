import { chainOf, verifyChain } from '../../audit/chain.ts';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { cmd, runStoreContract } from '../contract.ts';
import { MIGRATIONS, runMigration, SCHEMA_VERSION } from './schema.ts';
import { DEFAULT_SQLITE_FILE, SqliteStore } from './sqlite-store.ts';

function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'cv-sqlite-'));
}

runStoreContract('sqlite', async () => {
  const dataDir = tempDir();
  return {
    store: await SqliteStore.open({ dataDir }),
    reopen: () => SqliteStore.open({ dataDir }),
    cleanup: async () => fs.rmSync(dataDir, { recursive: true, force: true }),
  };
});

describe('SqliteStore specifics', () => {
  const dirs: string[] = [];
  const stores: SqliteStore[] = [];
  afterEach(async () => {
    for (const s of stores.splice(0)) await s.close();
    for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
  });
  async function open(dataDir: string, file?: string): Promise<SqliteStore> {
    const store = await SqliteStore.open({ dataDir, file });
    stores.push(store);
    return store;
  }

  it('creates the data dir and the file, in WAL mode with synchronous=FULL and the schema version', async () => {
    const root = tempDir();
    dirs.push(root);
    const dataDir = path.join(root, 'nested', 'data');
    const store = await open(dataDir);
    expect(store.file).toBe(path.join(dataDir, DEFAULT_SQLITE_FILE));
    await store.close();

    const db = new Database(store.file, { readonly: true });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    db.close();
  });

  it('reports synchronous=FULL on its own connection', async () => {
    const dataDir = tempDir();
    dirs.push(dataDir);
    const store = await open(dataDir);
    // the pragma is per connection: read it through the store's handle
    const db = (store as unknown as { db: Database.Database }).db;
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    expect(db.pragma('busy_timeout', { simple: true })).toBeGreaterThan(0);
  });

  it('honours a custom file name', async () => {
    const dataDir = tempDir();
    dirs.push(dataDir);
    const store = await open(dataDir, 'other.db');
    expect(fs.existsSync(path.join(dataDir, 'other.db'))).toBe(true);
    expect(store.file).toBe(path.join(dataDir, 'other.db'));
  });

  it('refuses a database written by a newer schema', async () => {
    const dataDir = tempDir();
    dirs.push(dataDir);
    const db = new Database(path.join(dataDir, DEFAULT_SQLITE_FILE));
    db.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    db.close();
    await expect(SqliteStore.open({ dataDir })).rejects.toMatchObject({ code: 'SCHEMA_TOO_NEW' });
  });

  it('migrates a file of the first schema: its records and snapshots read back without an engine version', async () => {
    const dataDir = tempDir();
    dirs.push(dataDir);
    const db = new Database(path.join(dataDir, DEFAULT_SQLITE_FILE));
    runMigration(db, MIGRATIONS[0]);
    db.pragma('user_version = 1');
    db.prepare(
      `INSERT INTO commands (show_id, version, at, actor_id, role, type, payload, outcome)
       VALUES ('old', 1, 5, 'host', 'host', 'show:start', '{"type":"show:start","version":0}', 'ok')`,
    ).run();
    db.prepare(`INSERT INTO snapshots (show_id, version, state) VALUES ('old', 1, '{"v":1}')`).run();
    db.close();

    const store = await open(dataDir);
    expect(await store.loadCommands('old', 0)).toEqual([
      {
        showId: 'old',
        version: 1,
        engineVersion: null,
        at: 5,
        actorId: 'host',
        role: 'host',
        type: 'show:start',
        payload: { type: 'show:start', version: 0 },
        hash: null,
        outcome: 'ok',
      },
    ]);
    expect(await store.loadSnapshot('old')).toEqual({ version: 1, state: { v: 1 }, engineVersion: null });
    await store.append([cmd('old', 2)]);
    expect((await store.loadCommands('old', 0)).map((c) => c.engineVersion)).toEqual([null, 2]);
    // the record written before chaining gets its link computed; the new one is chained to it
    expect(verifyChain(chainOf(await store.auditTrail('old')))).toMatchObject({ ok: true, entries: 2 });
    await store.close();
    const check = new Database(path.join(dataDir, DEFAULT_SQLITE_FILE), { readonly: true });
    expect(check.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    check.close();
  });

  it('rolls back a whole batch when SQLite refuses one row (NOT NULL), and recovers', async () => {
    const dataDir = tempDir();
    dirs.push(dataDir);
    const store = await open(dataDir);
    const results = await Promise.allSettled([
      store.append([cmd('s', 1)]),
      store.append([cmd('s', 2, { actorId: null as unknown as string })]),
      store.append([cmd('s', 3)]),
    ]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected', 'rejected']);
    await store.append([cmd('s', 1)]);
    expect((await store.auditTrail('s')).map((c) => c.version)).toEqual([1]);
    expect(store.stats().failedBatches).toBe(1);
  });
});
