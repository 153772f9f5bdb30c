import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { candidate, newAttempt, runOnlineStoreContract } from './contract.ts';
import { MIGRATIONS, runMigration } from '../../storage/sqlite/schema.ts';
import { DEFAULT_SQLITE_FILE, SqliteStore } from '../../storage/sqlite/sqlite-store.ts';
import { SqliteOnlineStore } from './sqlite.ts';

runOnlineStoreContract('sqlite', async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cv-online-'));
  return {
    store: await SqliteOnlineStore.open({ dataDir }),
    reopen: () => SqliteOnlineStore.open({ dataDir }),
    cleanup: async () => fs.rmSync(dataDir, { recursive: true, force: true }),
  };
});

describe('SqliteOnlineStore specifics', () => {
  it('acknowledges a write only after the WAL sync that follows its commit, sharing syncs', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cv-online-'));
    const syncs: { file: string; release: () => void }[] = [];
    const store = await SqliteOnlineStore.open({
      dataDir,
      syncFile: (file) => new Promise<void>((release) => syncs.push({ file, release })),
    });
    try {
      let acked = 0;
      const writes = Array.from({ length: 20 }, (_, n) =>
        store.register(candidate(n + 1)).then(() => acked++),
      );
      while (syncs.length === 0) await new Promise((r) => setTimeout(r, 5));
      // committed (readable) but not yet acknowledged: the sync has not finished
      expect(await store.countCandidates()).toBe(20);
      expect(acked).toBe(0);
      expect(syncs[0].file).toBe(path.join(dataDir, 'chuong-vang.db-wal'));
      for (const s of syncs) s.release();
      await Promise.all(writes);
      expect(acked).toBe(20);
      const { batches, syncs: synced } = store.stats();
      expect(synced).toBeLessThanOrEqual(batches);
      expect(synced).toBeGreaterThanOrEqual(1);
    } finally {
      await store.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('leaves a shared connection at its own synchronous setting after each batch', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cv-online-'));
    const show = await SqliteStore.open({ dataDir });
    const store = SqliteOnlineStore.on(show.connection);
    try {
      await store.register(candidate(1));
      // 2 = FULL: the show store's commits still fsync in place
      expect(show.connection.pragma('synchronous', { simple: true })).toBe(2);
      expect(store.stats().syncs).toBe(1);
    } finally {
      await store.close();
      await show.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('a write that throws inside a batch fails alone; the others of its batch commit', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cv-online-'));
    const store = await SqliteOnlineStore.open({ dataDir });
    try {
      // the same candidate id twice breaks a UNIQUE constraint: an error, not a refusal the write returns
      const results = await Promise.allSettled([
        store.register(candidate(1)),
        store.register(candidate(2, { candidateId: 'c1' })),
        store.register(candidate(3)),
      ]);
      expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
      expect(await store.countCandidates()).toBe(2);
      expect((await store.getCandidate('c3'))?.fullName).toBe(candidate(3).fullName);
      expect(store.stats().batches).toBeGreaterThanOrEqual(1);
    } finally {
      await store.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('migrates attempts of schema 8 (revision on the attempt) keeping each revision, then counts on', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cv-online-'));
    const old = new Database(path.join(dataDir, DEFAULT_SQLITE_FILE));
    for (const step of MIGRATIONS.slice(0, 8)) runMigration(old, step);
    old.pragma('user_version = 8');
    const insert = old.prepare(
      `INSERT INTO online_attempts (attempt_id, round_id, candidate_id, candidate_no, unit_id, number, day_key,
         started_at, deadline, pool_version, draw, status, revision, total)
       VALUES (?, 'r1', ?, 1, 'u1', 1, '2023-11-01', 0, 9e12, 1, ?, 'open', ?, 3)`,
    );
    const draw = JSON.stringify(newAttempt('x', 'c1').draw);
    insert.run('saved5', 'c1', draw, 5);
    insert.run('fresh', 'c2', draw, 0);
    const answer = old.prepare(`INSERT INTO online_answers (attempt_id, idx, value) VALUES (?, ?, ?)`);
    answer.run('saved5', -1, '123');
    answer.run('saved5', 0, '2');
    answer.run('saved5', 2, '[0,3]');
    old.close();

    const store = await SqliteOnlineStore.open({ dataDir });
    try {
      const saved = (await store.getAttempt('saved5'))!;
      expect(saved).toMatchObject({ revision: 5, answers: [2, null, [0, 3]], prediction: 123 });
      expect((await store.getAttempt('fresh'))!.revision).toBe(0);
      await store.saveAnswer('saved5', 'c1', { index: 1, value: true }, 1, 0);
      await store.saveAnswer('saved5', 'c1', { index: 0, value: 1 }, 1, 0);
      const later = (await store.getAttempt('saved5'))!;
      expect(later).toMatchObject({ revision: 7, answers: [1, true, [0, 3]] });
      const score = { correct: 2, total: 3, durationMs: 1, submittedAt: 2, auto: false };
      const finish = (revision: number) =>
        store.finishAttempt({ attemptId: 'saved5', revision, score, prediction: 123, perQuestion: [] });
      expect(await finish(5)).toMatchObject({ kind: 'stale' });
      expect(await finish(7)).toMatchObject({ kind: 'finished' });
    } finally {
      await store.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
