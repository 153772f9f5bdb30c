import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deleteRedisKeys, redisTestMode, testRedisUrl } from './availability.ts';
import { migrateRedis, REDIS_DATA_VERSION } from './migrations.ts';
import { RedisStore } from './redis-store.ts';

/** a database no other suite uses, and a prefix per test */
const DB = 14;
const url = testRedisUrl();
const mode = await redisTestMode(url);
const runPrefix = `cvmig:${randomUUID().slice(0, 8)}`;

const oldSetup = {
  showId: 's1',
  title: 'Trước khi đổi tên',
  questions: [
    { id: 'q1', kind: 'single', options: ['a', 'b'], key: { kind: 'single', correct: 1 } },
    { id: 'q2', kind: 'truefalse', key: { kind: 'truefalse', correct: true } },
  ],
};
/** a verdict revision in the log: its `correct` is a verdict and must stay */
const oldCommand = { version: 3, type: 'verdict:revise', payload: { seat: 1, correct: true }, outcome: 'ok' };

async function writeOldShape(client: Redis, prefix: string) {
  await client.hset(`${prefix}:show:s1`, 'showId', 's1', 'setup', JSON.stringify(oldSetup), 'secrets', '{}');
  await client.zadd(`${prefix}:shows`, 1, 's1');
  await client.hset(`${prefix}:show:s1`, 'title', oldSetup.title, 'createdAt', '1');
  await client.set(
    `${prefix}:snap:s1`,
    JSON.stringify({ version: 2, state: { questions: oldSetup.questions } }),
  );
  await client.rpush(`${prefix}:cmd:s1`, JSON.stringify(oldCommand));
  await client.hset(
    `${prefix}:ws:bank-versions`,
    'b1',
    JSON.stringify({ content: { key: { kind: 'multi', correct: [0, 1] } } }),
  );
  await client.set(
    `${prefix}:on:pool:r1:1`,
    JSON.stringify([{ poolIndex: 0, question: oldSetup.questions[0] }]),
  );
}

if (mode === 'fail')
  describe('redis data migrations', () => {
    it('needs a reachable Redis under CI', () => expect.fail(`Redis is unreachable at ${url} and CI=true`));
  });

describe.skipIf(mode !== 'run')('redis data migrations', () => {
  let client: Redis;
  beforeAll(async () => {
    client = new Redis(url, { db: DB });
  });
  afterAll(async () => {
    await client.quit();
    await deleteRedisKeys(url, DB, `${runPrefix}:*`);
  });

  it('two nodes opening old data at once: both start, every stored key reads in the new shape', async () => {
    const prefix = `${runPrefix}:a`;
    await writeOldShape(client, prefix);
    const [a, b] = await Promise.all([
      RedisStore.open({ url, db: DB, prefix }),
      RedisStore.open({ url, db: DB, prefix }),
    ]);
    try {
      expect(await client.get(`${prefix}:schema`)).toBe(String(REDIS_DATA_VERSION));
      expect(await client.exists(`${prefix}:migrating`)).toBe(0);
      const show = await b.getShow('s1');
      expect(show?.setup.questions.map((q) => q.key)).toEqual([
        { kind: 'single', answer: 1 },
        { kind: 'truefalse', answer: true },
      ]);
      const snap = (await a.loadSnapshot('s1'))?.state as { questions: { key: unknown }[] };
      expect(snap.questions[0].key).toEqual({ kind: 'single', answer: 1 });
      expect(JSON.parse((await client.hget(`${prefix}:ws:bank-versions`, 'b1'))!).content.key).toEqual({
        kind: 'multi',
        answer: [0, 1],
      });
      expect(JSON.parse((await client.get(`${prefix}:on:pool:r1:1`))!)[0].question.key).toEqual({
        kind: 'single',
        answer: 1,
      });
      // the log (and its hash chain) is as written: a verdict's `correct` is no key
      expect(await client.lrange(`${prefix}:cmd:s1`, 0, -1)).toEqual([JSON.stringify(oldCommand)]);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });

  it('waits for a node that claimed the migration, and takes over once its claim runs out', async () => {
    const prefix = `${runPrefix}:b`;
    await writeOldShape(client, prefix);
    await client.set(`${prefix}:migrating`, 'a node that died', 'PX', 300);
    const started = Date.now();
    await migrateRedis(client, prefix, { pollMs: 20 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
    expect(JSON.parse((await client.get(`${prefix}:snap:s1`))!).state.questions[1].key).toEqual({
      kind: 'truefalse',
      answer: true,
    });
  });

  it('refuses data written by a newer server', async () => {
    const prefix = `${runPrefix}:c`;
    await client.set(`${prefix}:schema`, String(REDIS_DATA_VERSION + 1));
    await expect(migrateRedis(client, prefix)).rejects.toThrow(/newer/);
  });
});
