/** The throttle books against one contract: concurrent attempts on one key are each counted once, on every store. */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { deleteRedisKeys, redisTestMode, testRedisUrl } from '../storage/redis/availability.ts';
import { RedisStore } from '../storage/redis/redis-store.ts';
import { SqliteStore } from '../storage/sqlite/sqlite-store.ts';
import { workspaceStoreOn } from '../storage/workspace/index.ts';
import { attemptStep, TARGET_POLICY } from './throttle.ts';
import { documentThrottleBook, memoryThrottleBook, type ThrottleBook } from './throttle-book.ts';

interface Opened {
  book: ThrottleBook;
  /** another node's book on the same database (memory: the same book) */
  other: ThrottleBook;
  close(): Promise<void>;
}

function runBookContract(name: string, open: () => Promise<Opened>) {
  describe(`throttle book: ${name}`, () => {
    it('50 attempts in flight on one key: each charged once, and only the free ones admitted', async () => {
      const { book, other, close } = await open();
      try {
        const steps = await Promise.all(
          Array.from({ length: 50 }, (_, i) =>
            (i % 2 ? other : book).update('show/seat/7', (s) => {
              const step = attemptStep(s, 1_000, TARGET_POLICY);
              return { state: step.state, result: step.admitted };
            }),
          ),
        );
        // three free tries and the fourth (which starts the first delay); everything else waits
        expect(steps.filter(Boolean)).toHaveLength(4);
        expect(await book.read('show/seat/7')).toMatchObject({ failures: 4, total: 4, blockedUntil: 2_000 });
        expect(await book.read('show/seat/8')).toBeNull();
        await book.update('show/seat/7', () => ({ state: null, result: 0 }));
        expect(await book.read('show/seat/7')).toBeNull();
      } finally {
        await close();
      }
    });
  });
}

runBookContract('memory', async () => {
  const book = memoryThrottleBook();
  return { book, other: book, close: async () => {} };
});

runBookContract('sqlite', async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cv-throttle-'));
  const store = await SqliteStore.open({ dataDir });
  return {
    book: documentThrottleBook(workspaceStoreOn(store)),
    other: documentThrottleBook(workspaceStoreOn(store)),
    close: async () => {
      await store.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
});

const DB = 13;
const url = testRedisUrl();
const mode = await redisTestMode(url);
const prefix = `cvthrottle:${process.pid}:${randomUUID().slice(0, 8)}`;
if (mode === 'fail') {
  describe('throttle book: redis', () => {
    it('needs a reachable Redis under CI', () => {
      expect.fail(`Redis is unreachable at ${url} and CI=true`);
    });
  });
} else if (mode === 'run') {
  afterAll(() => deleteRedisKeys(url, DB, `${prefix}:*`));
  runBookContract('redis', async () => {
    const store = await RedisStore.open({ url, db: DB, prefix });
    const second = await RedisStore.open({ url, db: DB, prefix });
    return {
      book: documentThrottleBook(workspaceStoreOn(store)),
      other: documentThrottleBook(workspaceStoreOn(second)),
      close: async () => {
        await store.close();
        await second.close();
      },
    };
  });
}
