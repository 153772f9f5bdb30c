import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { deleteRedisKeys, redisTestMode, testRedisUrl } from '../redis/availability.ts';
import { RedisStore } from '../redis/redis-store.ts';
import { runWorkspaceContract } from './contract.ts';

/** a database of its own and a prefix per run and per test: parallel runs never collide */
const DB = 12;
const url = testRedisUrl();
const mode = await redisTestMode(url);
const runPrefix = `cvws:${process.pid}:${randomUUID().slice(0, 8)}`;

if (mode === 'fail') {
  describe('Workspace store contract: redis', () => {
    it('needs a reachable Redis under CI', () => {
      expect.fail(`Redis is unreachable at ${url} and CI=true: the Redis workspace adapter cannot be tested`);
    });
  });
} else {
  describe.skipIf(mode === 'skip')('redis workspace adapter', () => {
    afterAll(() => deleteRedisKeys(url, DB, `${runPrefix}:*`));
    let n = 0;
    runWorkspaceContract('redis', async () => {
      const prefix = `${runPrefix}:${++n}`;
      const open = () => RedisStore.open({ url, db: DB, prefix });
      return { store: await open(), reopen: open, cleanup: () => deleteRedisKeys(url, DB, `${prefix}:*`) };
    });
  });
}
