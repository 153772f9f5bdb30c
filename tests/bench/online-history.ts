/**
 * Earlier rounds in the store before the online bench starts. A deadline day of round 4 finds the
 * attempts and answers of rounds 1–3 in the file, not an empty one, and how the rows of the day's
 * attempts sit among them decides how many pages each autosave reads and writes. Written straight
 * into the SQLite file after the server's own migrations, with ids made as the service makes them.
 */
import Database from 'better-sqlite3';
import path from 'node:path';
import { DEFAULT_SQLITE_FILE, SqliteStore } from '@cv/server/storage/sqlite/sqlite-store.ts';
import { timeOrderedId } from '@cv/server/online/service/context.ts';

/** answers per earlier attempt */
export const QUESTIONS = 20;
const DAY_MS = 86_400_000;

/**
 * `attempts` submitted attempts (20 answers each) of a closed round, started over the 30 days before
 * `now`, in the order of their start; returns the answer rows written (each one save)
 */
export async function seedHistory(
  dataDir: string,
  attempts: number,
  now: number,
  makeId: (startedAt: number) => string = (startedAt) => timeOrderedId('a', startedAt),
): Promise<number> {
  if (attempts <= 0) return 0;
  // the server's migrations first, then a plain connection: one big transaction without the WAL
  await (await SqliteStore.open({ dataDir })).close();
  const db = new Database(path.join(dataDir, DEFAULT_SQLITE_FILE));
  try {
    db.pragma('journal_mode = DELETE');
    db.pragma('synchronous = OFF');
    const attempt =
      db.prepare(`INSERT INTO online_attempts (attempt_id, round_id, candidate_id, candidate_no, unit_id, number, day_key,
         started_at, deadline, pool_version, draw, status, total, correct, prediction, duration_ms, submitted_at, auto)
       VALUES (?, 'r-history', ?, ?, NULL, 1, ?, ?, ?, 1, ?, 'submitted', ?, ?, NULL, ?, ?, 0)`);
    const answer = db.prepare('INSERT INTO online_answers (attempt_id, idx, value) VALUES (?, ?, ?)');
    const draw = JSON.stringify(
      Array.from({ length: QUESTIONS }, (_, i) => ({ poolIndex: i, order: [2, 0, 3, 1] })),
    );
    const first = now - 30 * DAY_MS;
    const step = (29 * DAY_MS) / attempts;
    db.transaction(() => {
      for (let n = 0; n < attempts; n++) {
        const startedAt = Math.floor(first + n * step);
        const id = makeId(startedAt);
        const day = new Date(startedAt).toISOString().slice(0, 10);
        attempt.run(
          id,
          `c-history-${n}`,
          1_000_000 + n,
          day,
          startedAt,
          startedAt + 1_200_000,
          draw,
          QUESTIONS,
          n % QUESTIONS,
          600_000,
          startedAt + 600_000,
        );
        for (let q = 0; q < QUESTIONS; q++) answer.run(id, q, String(q % 4));
      }
    })();
    db.pragma('journal_mode = WAL');
    return attempts * QUESTIONS;
  } finally {
    db.close();
  }
}
