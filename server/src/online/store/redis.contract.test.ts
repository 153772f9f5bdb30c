import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { deleteRedisKeys, redisTestMode, testRedisUrl } from '../../storage/redis/availability.ts';
import { runOnlineStoreContract } from './contract.ts';
import { RedisOnlineStore } from './redis.ts';

/** a database index of its own and a prefix per run and per test: parallel runs never collide */
const DB = 12;
const url = testRedisUrl();
const mode = await redisTestMode(url);
const runPrefix = `cvtest-online:${process.pid}:${randomUUID().slice(0, 8)}`;

if (mode === 'fail') {
  describe('OnlineStore contract: redis', () => {
    it('needs a reachable Redis under CI', () => {
      expect.fail(`Redis is unreachable at ${url} and CI=true: the Redis adapter cannot be tested`);
    });
  });
} else {
  describe.skipIf(mode === 'skip')('redis online adapter', () => {
    afterAll(() => deleteRedisKeys(url, DB, `${runPrefix}:*`));
    let n = 0;
    runOnlineStoreContract('redis', async () => {
      const prefix = `${runPrefix}:${++n}`;
      const open = () => RedisOnlineStore.open({ url, db: DB, prefix });
      return { store: await open(), reopen: open, cleanup: () => deleteRedisKeys(url, DB, `${prefix}:*`) };
    });
  });
}
