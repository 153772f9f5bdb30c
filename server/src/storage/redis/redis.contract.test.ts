import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { cmd, runStoreContract } from '../contract.ts';
import { deleteRedisKeys, redisTestMode, testRedisUrl } from './availability.ts';
import { RedisStore } from './redis-store.ts';

/** a database of its own; each run (and each test) also gets its own prefix, so parallel runs never collide */
const DB = 11;
const url = testRedisUrl();
const mode = await redisTestMode(url);
const runPrefix = `cvtest:${randomUUID().slice(0, 8)}`;

const deleteKeys = (pattern: string) => deleteRedisKeys(url, DB, pattern);

if (mode === 'fail') {
  describe('Store contract: redis', () => {
    it('needs a reachable Redis under CI', () => {
      expect.fail(`Redis is unreachable at ${url} and CI=true: the Redis adapter cannot be tested`);
    });
  });
} else {
  describe.skipIf(mode === 'skip')('redis adapter', () => {
    afterAll(() => deleteKeys(`${runPrefix}:*`));

    let n = 0;
    runStoreContract('redis', async () => {
      const prefix = `${runPrefix}:${++n}`;
      const open = () => RedisStore.open({ url, db: DB, prefix });
      return { store: await open(), reopen: open, cleanup: () => deleteKeys(`${prefix}:*`) };
    });

    describe('RedisStore specifics', () => {
      it('keeps its keys under the prefix, in the chosen db', async () => {
        const prefix = `${runPrefix}:keys`;
        const store = await RedisStore.open({ url, db: DB, prefix });
        await store.append([cmd('show-a', 1), cmd('show-a', null)]);
        await store.setMeta('k', 'v');
        await store.close();

        const client = new Redis(url, { db: DB });
        try {
          const keys = (await client.keys(`${prefix}:*`)).sort();
          // schema: the data migrations run at open (migrations.ts)
          expect(keys).toEqual([
            `${prefix}:cmd:show-a`,
            `${prefix}:cmdv:show-a`,
            `${prefix}:meta`,
            `${prefix}:schema`,
          ]);
          expect(await client.llen(`${prefix}:cmd:show-a`)).toBe(2);
          expect(await client.zcard(`${prefix}:cmdv:show-a`)).toBe(1);
          await client.select(0);
          expect(await client.exists(`${prefix}:meta`)).toBe(0);
        } finally {
          await client.quit();
        }
      });

      it('reads records and snapshots written before engine versions as engineVersion null', async () => {
        const prefix = `${runPrefix}:legacy`;
        const client = new Redis(url, { db: DB });
        const legacy = {
          version: 1,
          at: 5,
          actorId: 'host',
          role: 'host',
          type: 'show:start',
          outcome: 'ok',
          payload: {},
        };
        try {
          await client.rpush(`${prefix}:cmd:old`, JSON.stringify(legacy));
          await client.zadd(`${prefix}:cmdv:old`, 1, JSON.stringify(legacy));
          await client.set(`${prefix}:snap:old`, JSON.stringify({ version: 1, state: { v: 1 } }));
        } finally {
          await client.quit();
        }
        const store = await RedisStore.open({ url, db: DB, prefix });
        try {
          expect((await store.loadCommands('old', 0)).map((c) => c.engineVersion)).toEqual([null]);
          expect((await store.auditTrail('old'))[0]).toMatchObject({
            type: 'show:start',
            engineVersion: null,
          });
          expect(await store.loadSnapshot('old')).toEqual({
            version: 1,
            state: { v: 1 },
            engineVersion: null,
          });
        } finally {
          await store.close();
          await deleteKeys(`${prefix}:*`);
        }
      });

      it('writes a fenced show only under its lease, checked in the same step as the write', async () => {
        const prefix = `${runPrefix}:fence`;
        const store = await RedisStore.open({ url, db: DB, prefix, fenced: true });
        const client = new Redis(url, { db: DB });
        const answer = { showId: 's', audienceId: 'p1', name: 'P', round: 0, value: 1, at: 1 };
        const snapshot = { version: 1, state: { v: 1 }, engineVersion: 1 };
        try {
          // no lease held by this node: nothing of the show is written
          await expect(store.append([cmd('s', 1)])).rejects.toMatchObject({ code: 'FENCED' });
          await client.set(`${prefix}:lease:s`, 'node-a#1');
          store.fence('s', 'node-a#1');
          await store.append([cmd('s', 1), cmd('s', null)]);
          await store.appendAudienceAnswers([answer]);
          await store.saveSnapshot('s', snapshot);
          // a burst far above what one Lua unpack() takes (~8,000 values) still goes in whole, in order
          const burst = Array.from({ length: 9_000 }, (_, n) => ({
            ...answer,
            audienceId: `p${n}`,
            at: 10 + n,
          }));
          await Promise.all(burst.map((a) => store.appendAudienceAnswers([a])));
          const stored = await store.loadAudienceAnswers('s');
          expect(stored).toHaveLength(9_001);
          expect(stored.slice(1).map((a) => a.at)).toEqual(burst.map((a) => a.at));
          await client.del(`${prefix}:aud:s`);
          await store.appendAudienceAnswers([answer]);
          // another node took the lease: every kind of write is refused, and the others in the batch commit
          await client.set(`${prefix}:lease:s`, 'node-b#2');
          const writes = [
            store.append([cmd('s', 2)]),
            store.appendAudienceAnswers([{ ...answer, at: 2 }]),
            store.saveSnapshot('s', { ...snapshot, version: 2 }),
            store.setMeta('k', 'v'),
          ];
          const settled = await Promise.allSettled(writes);
          expect(settled.map((r) => r.status)).toEqual(['rejected', 'rejected', 'rejected', 'fulfilled']);
          for (const r of settled.slice(0, 3))
            expect((r as PromiseRejectedResult).reason).toMatchObject({ code: 'FENCED' });
          expect((await store.loadCommands('s', 0)).map((c) => c.version)).toEqual([1]);
          expect(await store.auditTrail('s')).toHaveLength(2);
          expect(await store.loadAudienceAnswers('s')).toHaveLength(1);
          expect((await store.loadSnapshot('s'))?.version).toBe(1);
          // an expired lease (nobody holds it) fences too
          await client.del(`${prefix}:lease:s`);
          await expect(store.append([cmd('s', 2)])).rejects.toMatchObject({ code: 'FENCED' });
        } finally {
          await store.close();
          await client.quit();
          await deleteKeys(`${prefix}:*`);
        }
      });

      it('rejects opening when Redis is unreachable', async () => {
        await expect(
          RedisStore.open({ url: 'redis://127.0.0.1:1', prefix: runPrefix }).then((s) => s.close()),
        ).rejects.toBeDefined();
      });
    });
  });
}
