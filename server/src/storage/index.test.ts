import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { openStore, storeConfigFromEnv } from './index.ts';
import { redisTestMode, testRedisUrl } from './redis/availability.ts';

describe('storeConfigFromEnv', () => {
  const defaults = { dataDir: '/var/lib/cv' };

  it('defaults to SQLite in the default data dir', () => {
    expect(storeConfigFromEnv({}, defaults)).toEqual({ kind: 'sqlite', dataDir: '/var/lib/cv' });
    expect(storeConfigFromEnv({ STORE: 'sqlite', DATA_DIR: '/data' }, defaults)).toEqual({
      kind: 'sqlite',
      dataDir: '/data',
    });
  });

  it('reads STORE=redis with REDIS_URL and REDIS_PREFIX', () => {
    expect(storeConfigFromEnv({ STORE: 'redis' }, defaults)).toEqual({
      kind: 'redis',
      url: 'redis://127.0.0.1:6379',
    });
    expect(
      storeConfigFromEnv(
        { STORE: 'Redis', REDIS_URL: 'redis://cache:6380/2', REDIS_PREFIX: 'cv-prod' },
        defaults,
      ),
    ).toEqual({ kind: 'redis', url: 'redis://cache:6380/2', prefix: 'cv-prod' });
  });

  it('refuses an unknown STORE', () => {
    expect(() => storeConfigFromEnv({ STORE: 'postgres' }, defaults)).toThrow(/STORE/);
  });
});

describe('openStore', () => {
  it('opens the SQLite adapter from configuration', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cv-open-'));
    try {
      const store = await openStore(storeConfigFromEnv({ DATA_DIR: dataDir }, { dataDir: '/nowhere' }));
      expect(store.kind).toBe('sqlite');
      await store.setMeta('k', 'v');
      await store.close();
      expect(fs.existsSync(path.join(dataDir, 'chuong-vang.db'))).toBe(true);
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('opens the Redis adapter from configuration', async (ctx) => {
    const url = testRedisUrl();
    const mode = await redisTestMode(url);
    if (mode === 'fail') throw new Error(`Redis unreachable at ${url} under CI`);
    if (mode === 'skip') return ctx.skip();
    const prefix = `cvtest:open:${process.pid}:${Date.now()}`;
    const store = await openStore({ kind: 'redis', url, prefix, db: 11 });
    try {
      expect(store.kind).toBe('redis');
      await store.setMeta('k', 'v');
      expect(await store.getMeta('k')).toBe('v');
    } finally {
      await store.close();
      const client = new Redis(url, { db: 11 });
      await client.del(`${prefix}:meta`);
      await client.quit();
    }
  });
});
