import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { WalCheckpointer } from './checkpointer.ts';

const waitFor = async (check: () => boolean, ms = 5_000) => {
  const until = Date.now() + ms;
  while (!check()) {
    if (Date.now() > until) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
};

describe('WalCheckpointer', () => {
  const withDb = async (run: (db: Database.Database, file: string) => Promise<void>) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cv-ckpt-'));
    const file = path.join(dir, 'x.db');
    const db = new Database(file);
    try {
      db.pragma('journal_mode = WAL');
      db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)');
      await run(db, file);
    } finally {
      db.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  };
  // 40 transactions of 200 KB: well past SQLite's own checkpoint at 1,000 pages
  const writeMuch = (db: Database.Database) => {
    const insert = db.prepare('INSERT INTO t (v) VALUES (?)');
    for (let i = 0; i < 40; i++) db.transaction(() => insert.run('x'.repeat(200_000)))();
  };
  const rows = (db: Database.Database) =>
    (db.prepare('SELECT COUNT(*) AS n FROM t').get() as { n: number }).n;

  it('checkpoints the WAL from a worker, again and again; gives checkpoints back to the connection on stop', () =>
    withDb(async (db, file) => {
      const checkpointer = WalCheckpointer.start(db, 10)!;
      expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
      writeMuch(db);
      await waitFor(() => checkpointer.checkpoints >= 2);
      // the checkpointed frames are in the database file now
      await waitFor(() => fs.statSync(file).size > 40 * 200_000);
      await checkpointer.stop();
      expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
      expect(rows(db)).toBe(40);
    }));

  it("leaves the connection no checkpoint of its own: between the worker's runs the WAL only grows", () =>
    withDb(async (db, file) => {
      // the worker checkpoints once as it starts, then not for an hour: no run of its can restart the WAL
      // while the writes go on, so a WAL that stays small would be the connection checkpointing
      const checkpointer = WalCheckpointer.start(db, 3_600_000)!;
      await waitFor(() => checkpointer.checkpoints >= 1);
      writeMuch(db);
      expect(fs.statSync(`${file}-wal`).size).toBeGreaterThan(40 * 200_000);
      await checkpointer.stop();
      // its last run, at stop, moved them into the database file
      expect(fs.statSync(file).size).toBeGreaterThan(40 * 200_000);
      expect(rows(db)).toBe(40);
    }));

  it('does nothing for a connection without a WAL file', () => {
    const db = new Database(':memory:');
    expect(WalCheckpointer.start(db)).toBeNull();
    db.close();
  });
});
