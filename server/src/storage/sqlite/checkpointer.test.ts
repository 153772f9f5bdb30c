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
  it('checkpoints the WAL from a worker while the connection stops doing it; gives it back on stop', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cv-ckpt-'));
    const file = path.join(dir, 'x.db');
    const db = new Database(file);
    try {
      db.pragma('journal_mode = WAL');
      db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)');
      const checkpointer = WalCheckpointer.start(db, 10)!;
      expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
      const insert = db.prepare('INSERT INTO t (v) VALUES (?)');
      // well past 1,000 pages: without a checkpointer this WAL would only grow
      for (let i = 0; i < 40; i++) db.transaction(() => insert.run('x'.repeat(200_000)))();
      const grown = fs.statSync(`${file}-wal`).size;
      await waitFor(() => checkpointer.checkpoints >= 2);
      // the checkpointed frames are in the database file now
      await waitFor(() => fs.statSync(file).size > 40 * 200_000);
      await checkpointer.stop();
      expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
      expect(grown).toBeGreaterThan(40 * 200_000);
      expect((db.prepare('SELECT COUNT(*) AS n FROM t').get() as { n: number }).n).toBe(40);
    } finally {
      db.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('does nothing for a connection without a WAL file', () => {
    const db = new Database(':memory:');
    expect(WalCheckpointer.start(db)).toBeNull();
    db.close();
  });
});
