/**
 * What attempt ids do to an autosave's SQL when the store holds earlier rounds:
 * `npx tsx tests/bench/id-locality.ts [pastAttempts=400000]`.
 *
 * For random ids (newId) and time-ordered ids (timeOrderedId) in turn: the bench's earlier round
 * (online-history.ts) of `pastAttempts` attempts of 20 answers, the 3,000 most recent of them open
 * again, then 4,000 batches of 12 autosaves over those (the SQLite adapter's own check and upsert,
 * one transaction and one fdatasync of the WAL per batch). Prints wall and CPU time per save.
 * Not part of `npm run bench`.
 */
import Database from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { newId, timeOrderedId } from '@cv/server/online/service/context.ts';
import { statements } from '@cv/server/online/store/sqlite.ts';
import { DEFAULT_SQLITE_FILE } from '@cv/server/storage/sqlite/sqlite-store.ts';
import { QUESTIONS, seedHistory } from './online-history.ts';

const past = Number(process.argv[2] ?? 400_000);
const ACTIVE = 3_000;
const BATCHES = 4_000;
const BATCH = 12;

async function measure(kind: 'random' | 'time-ordered'): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cv-id-locality-'));
  try {
    await seedHistory(dir, past, Date.now(), (startedAt) =>
      kind === 'random' ? newId('a', 15) : timeOrderedId('a', startedAt),
    );
    const db = new Database(path.join(dir, DEFAULT_SQLITE_FILE));
    db.pragma('synchronous = NORMAL');
    db.pragma('cache_size = -65536');
    db.pragma('wal_autocheckpoint = 0');
    // the most recent attempts are today's, still open
    const active = db
      .prepare(
        `UPDATE online_attempts SET status = 'open', deadline = ?
         WHERE rowid > (SELECT MAX(rowid) FROM online_attempts) - ${ACTIVE}
         RETURNING attempt_id AS id, candidate_id AS candidate`,
      )
      .all(9e15) as { id: string; candidate: string }[];
    const { answerAllowed, putAnswer } = statements(db);
    const save = db.transaction((batch: { id: string; candidate: string; q: number }[]) => {
      for (const { id, candidate, q } of batch)
        if (answerAllowed.get(id, candidate, 0, 0)) putAnswer.run(id, q, '1');
    });
    const wal = fs.openSync(path.join(dir, `${DEFAULT_SQLITE_FILE}-wal`), 'r');
    const cpu = process.cpuUsage();
    const start = process.hrtime.bigint();
    for (let b = 0; b < BATCHES; b++) {
      save.immediate(
        Array.from({ length: BATCH }, () => ({
          ...active[Math.floor(Math.random() * active.length)],
          q: Math.floor(Math.random() * QUESTIONS),
        })),
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
