/**
 * A show played before the answer key's `correct` became `answer`: its stored setup and snapshots
 * hold the old field. Opening the store migrates them (SQLite: schema step 8; Redis: data version 1)
 * and the show replays to the same state and plays on.
 */
import { redisTestMode, testRedisUrl } from '@cv/server/storage/redis/availability.ts';
import type { StoreConfig } from '@cv/server/storage/index.ts';
import { DEFAULT_SQLITE_FILE } from '@cv/server/storage/sqlite/sqlite-store.ts';
import type { AnswerValue, HostView, Question } from '@cv/shared/protocol';
import Database from 'better-sqlite3';
import { Redis } from 'ioredis';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectOk, single, startHarness, until } from './harness.ts';
import { playQuestion, removeStore, storeCases } from './store-cases.ts';

const redisMode = await redisTestMode(testRedisUrl());
/** the schema step that renamed the key (the 8th) */
const ANSWER_KEY_STEP = 8;

/** the stored shape before the rename: `answer` back to `correct` in every key of these kinds */
function toOldShape(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(toOldShape);
  if (typeof value !== 'object' || value === null) return value;
  const o = value as Record<string, unknown>;
  if (
    ['single', 'truefalse', 'multi'].includes(o.kind as string) &&
    'answer' in o &&
    Object.keys(o).length === 2
  )
    return { kind: o.kind, correct: o.answer };
  return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, toOldShape(v)]));
}
const aged = (text: string) => JSON.stringify(toOldShape(JSON.parse(text)));

const BANK_DOC = { content: { kind: 'multi', key: { kind: 'multi', answer: [0, 2] } } };
const POOL = [{ poolIndex: 0, question: single('p1', 3) }];

/** rewrites the store as an older server left it; returns how many stored keys were put back */
async function ageStore(config: StoreConfig): Promise<number> {
  let old = 0;
  const count = (before: string, after: string) => (old += Number(before !== after));
  if (config.kind === 'sqlite') {
    const db = new Database(join(config.dataDir, DEFAULT_SQLITE_FILE));
    for (const [table, column] of [
      ['shows', 'setup'],
      ['snapshots', 'state'],
    ] as const) {
      for (const row of db.prepare(`SELECT show_id, ${column} AS v FROM ${table}`).all() as {
        show_id: string;
        v: string;
      }[]) {
        count(row.v, aged(row.v));
        db.prepare(`UPDATE ${table} SET ${column} = ? WHERE show_id = ?`).run(aged(row.v), row.show_id);
      }
    }
    db.prepare(`INSERT INTO ws_docs (collection, id, rev, body) VALUES ('old-bank', 'b1', 1, ?)`).run(
      aged(JSON.stringify(BANK_DOC)),
    );
    db.prepare(`INSERT INTO online_pools (round_id, pool_version, pool) VALUES ('r-old', 1, ?)`).run(
      aged(JSON.stringify(POOL)),
    );
    // the file as step 8 found it: later steps undone (they run again on open)
    db.exec(`ALTER TABLE online_answers DROP COLUMN saves;
             ALTER TABLE online_attempts ADD COLUMN revision INTEGER NOT NULL DEFAULT 0;`);
    db.pragma(`user_version = ${ANSWER_KEY_STEP - 1}`);
    db.close();
    return old;
  }
  const client = new Redis(config.url, { db: config.db });
  try {
    const p = config.prefix!;
    for (const showId of await client.zrange(`${p}:shows`, 0, -1)) {
      const setup = (await client.hget(`${p}:show:${showId}`, 'setup'))!;
      count(setup, aged(setup));
      await client.hset(`${p}:show:${showId}`, 'setup', aged(setup));
      const snap = await client.get(`${p}:snap:${showId}`);
      if (snap) {
        count(snap, aged(snap));
        await client.set(`${p}:snap:${showId}`, aged(snap));
      }
    }
    await client.hset(`${p}:ws:old-bank`, 'b1', aged(JSON.stringify(BANK_DOC)));
    await client.set(`${p}:on:pool:r-old:1`, aged(JSON.stringify(POOL)));
    await client.del(`${p}:schema`);
  } finally {
    await client.quit();
  }
  return old;
}

/** what the store holds now, as text: no old key may be left */
async function storedText(config: StoreConfig): Promise<string> {
  if (config.kind === 'sqlite') {
    const db = new Database(join(config.dataDir, DEFAULT_SQLITE_FILE), { readonly: true });
    const rows = [
      ...db.prepare(`SELECT setup AS v FROM shows`).all(),
      ...db.prepare(`SELECT state AS v FROM snapshots`).all(),
      ...db.prepare(`SELECT body AS v FROM ws_docs`).all(),
      ...db.prepare(`SELECT pool AS v FROM online_pools`).all(),
    ] as { v: string }[];
    db.close();
    return rows.map((r) => r.v).join('\n');
  }
  const client = new Redis(config.url, { db: config.db });
  try {
    const p = config.prefix!;
    const parts: string[] = [];
    for (const showId of await client.zrange(`${p}:shows`, 0, -1)) {
      parts.push((await client.hget(`${p}:show:${showId}`, 'setup')) ?? '');
      parts.push((await client.get(`${p}:snap:${showId}`)) ?? '');
    }
    parts.push(...Object.values(await client.hgetall(`${p}:ws:old-bank`)));
    parts.push((await client.get(`${p}:on:pool:r-old:1`)) ?? '');
    return parts.join('\n');
  } finally {
    await client.quit();
  }
}

const configs = storeCases('keymig', redisMode);

const questions: Question[] = [
  single('q1', 1),
  {
    id: 'q2',
    kind: 'truefalse',
    pool: 'main',
    prompt: 'Đúng hay sai?',
    timeLimitSec: 10,
    key: { kind: 'truefalse', answer: false },
  },
  {
    id: 'q3',
    kind: 'multi',
    pool: 'main',
    prompt: 'Chọn các ý đúng',
    options: ['A', 'B', 'C', 'D'],
    timeLimitSec: 10,
    key: { kind: 'multi', answer: [0, 2] },
  },
  single('q4', 2),
];
/** per question: the right answer and a wrong one */
const answers: [AnswerValue, AnswerValue][] = [
  [1, 0],
  [false, true],
  [[0, 2], [0]],
];

describe.each(configs)('a show stored with the old key field on the $name store', ({ make, skip }) => {
  it.skipIf(skip)('is migrated when the store opens and replays to the same state', async () => {
    const store = make();
    let h = await startHarness({ store, snapshotEvery: 4 });
    const show = await h.createShow({ title: 'Trước khi đổi tên', seatCount: 5, questions });
    const host = await h.connect({ role: 'host', showId: show.showId, pin: show.secrets.hostPin });
    const players = await Promise.all(
      [1, 2, 3, 4, 5].map((seat) =>
        h.connect({ role: 'player', showId: show.showId, seat, pin: show.secrets.seats[String(seat)].pin }),
      ),
    );
    expectOk(await host.command('show:start'));
    for (const [right, wrong] of answers) await playQuestion(host, players, right, wrong);
    const before = await until(
      host,
      (c) =>
        c.state.view?.round?.phase === 'revealed' &&
        c.state.view.round.index === 2 &&
        (c.state.view as HostView),
    );
    expect(before.round?.revealedKey).toEqual({ kind: 'multi', answer: [0, 2] });
    await h.close();

    // as a server from before the rename left it: setup and snapshots with `correct`, store not yet migrated
    expect(await ageStore(store)).toBeGreaterThanOrEqual(2);
    expect(await storedText(store)).toContain('"correct":[0,2]');

    h = await startHarness({ store: { ...store } }, store.kind === 'sqlite' ? store.dataDir : undefined);
    expect(await storedText(store)).not.toMatch(/"kind":"(single|truefalse|multi)","correct"/);
    const again = await h.connect({ role: 'host', showId: show.showId, pin: show.secrets.hostPin });
    const after = again.state.view as HostView;
    expect(after.version).toBe(before.version);
    expect(after.seats.map((s) => [s.seat, s.status, s.eliminatedAt])).toEqual(
      before.seats.map((s) => [s.seat, s.status, s.eliminatedAt]),
    );
    expect(after.standings).toEqual(before.standings);
    expect(after.round?.revealedKey).toEqual({ kind: 'multi', answer: [0, 2] });
    expect(after.round?.distribution).toEqual(before.round?.distribution);
    // and the show plays on: the next question is judged with the migrated key
    expectOk(await again.command('question:show', {}));
    await h.close();
    await removeStore(store);
  });
});
