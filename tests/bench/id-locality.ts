/**
 * What attempt ids do to an autosave's SQL when the store holds earlier rounds:
 * `npx tsx tests/bench/id-locality.ts [pastAttempts=400000]`.
 *
 * For random ids (newId) and time-ordered ids (timeOrderedId) in turn: a migrated store file with
 * `pastAttempts` submitted attempts of 20 answers, then 4,000 batches of 12 autosaves (the check and
 * upsert of the SQLite adapter, one transaction and one fdatasync of the WAL per batch) spread over
 * the 3,000 most recent attempts. Prints wall and CPU time per save. Not part of `npm run bench`.
 */
import Database from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { newId, timeOrderedId } from '@cv/server/online/service/context.ts';
import { DEFAULT_SQLITE_FILE, SqliteStore } from '@cv/server/storage/sqlite/sqlite-store.ts';

const past = Number(process.argv[2] ?? 400_000);
const QUESTIONS = 20;
const BATCHES = 4_000;
const BATCH = 12;

async function measure(kind: 'random' | 'time-ordered'): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cv-id-locality-'));
  try {
    await (await SqliteStore.open({ dataDir: dir })).close();
    const db = new Database(path.join(dir, DEFAULT_SQLITE_FILE));
    db.pragma('synchronous = NORMAL');
    db.pragma('cache_size = -65536');
    db.pragma('wal_autocheckpoint = 0');
    const attempt = db.prepare(
      `INSERT INTO online_attempts (attempt_id, round_id, candidate_id, candidate_no, number, day_key, started_at,
         deadline, pool_version, draw, status, total) VALUES (?, 'r', ?, ?, 1, 'd', ?, ?, 1, '[]', 'open', ${QUESTIONS})`,
    );
    const answer = db.prepare('INSERT INTO online_answers (attempt_id, idx, value) VALUES (?, ?, ?)');
    const ids: string[] = [];
    let clock = Date.now() - 30 * 86_400_000;
    db.transaction(() => {
      for (let n = 0; n < past; n++) {
        const id = kind === 'random' ? newId('a', 15) : timeOrderedId('a', (clock += 6_000));
        ids.push(id);
        attempt.run(id, `c${n}`, n + 1, clock, 9e15);
        for (let q = 0; q < QUESTIONS; q++) answer.run(id, q, '0');
      }
    })();
    db.pragma('wal_checkpoint(TRUNCATE)');
    const allowed = db
      .prepare(
        `SELECT 1 FROM online_attempts
         WHERE attempt_id = ? AND candidate_id = ? AND status = 'open' AND ? <= deadline + ?`,
      )
      .pluck();
    const put = db.prepare(
      `INSERT INTO online_answers (attempt_id, idx, value) VALUES (?, ?, ?)
       ON CONFLICT (attempt_id, idx) DO UPDATE SET value = excluded.value, saves = saves + 1`,
    );
    const active = ids.slice(-3_000).map((id, i) => [id, `c${past - 3_000 + i}`] as const);
    const save = db.transaction((batch: (readonly [string, string, number])[]) => {
      for (const [id, candidate, q] of batch) if (allowed.get(id, candidate, 0, 0)) put.run(id, q, '1');
    });
    const wal = fs.openSync(path.join(dir, `${DEFAULT_SQLITE_FILE}-wal`), 'r');
    const cpu = process.cpuUsage();
    const start = process.hrtime.bigint();
    for (let b = 0; b < BATCHES; b++) {
      save.immediate(
        Array.from({ length: BATCH }, () => {
          const [id, candidate] = active[Math.floor(Math.random() * active.length)];
          return [id, candidate, Math.floor(Math.random() * QUESTIONS)] as const;
        }),
      );
      fs.fdatasyncSync(wal);
      if (b % 1_000 === 999) db.pragma('wal_checkpoint(PASSIVE)');
    }
    const saves = BATCHES * BATCH;
    const wallUs = Number(process.hrtime.bigint() - start) / 1_000 / saves;
    const used = process.cpuUsage(cpu);
    fs.closeSync(wal);
    db.close();
    console.log(
      `${kind.padEnd(12)} ${past} past attempts: per save ${wallUs.toFixed(1)} µs wall, ` +
        `${(used.user / saves).toFixed(1)} µs user, ${(used.system / saves).toFixed(1)} µs system`,
    );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

await measure('random');
await measure('time-ordered');
await measure('random');
await measure('time-ordered');
