import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { deleteRedisKeys, redisTestMode, testRedisUrl } from '../storage/redis/availability.ts';
import { holderOf, ShowLeases } from './leases.ts';

const url = testRedisUrl();
const mode = await redisTestMode(url);
const DB = 11;
const prefix = `cvlease:${randomUUID().slice(0, 8)}`;
const keys = {
  lease: (id: string) => `${prefix}:lease:${id}`,
  fence: (id: string) => `${prefix}:fence:${id}`,
};

describe.skipIf(mode === 'skip')('show leases', () => {
  const client = new Redis(url, { db: DB, lazyConnect: true });
  afterAll(async () => {
    await deleteRedisKeys(url, DB, `${prefix}:*`);
    await client.quit();
  });

  it('one holder at a time; a new holder gets a higher token; only the holder renews or releases', async () => {
    if (mode === 'fail') throw new Error('CI=true and Redis is unreachable');
    const a = new ShowLeases(client, keys, 'a/1', 300);
    const b = new ShowLeases(client, keys, 'b/1', 300);
    const [{ lease: first, leftMs }] = await a.acquire(['s']);
    expect(leftMs).toBeGreaterThan(0);
    expect(leftMs).toBeLessThanOrEqual(300);
    expect(a.isMine(first)).toBe(true);
    expect((await b.acquire(['s']))[0].lease).toBe(first); // held: b learns who holds it
    expect(b.isMine(first)).toBe(false);
    expect(await b.renew([{ showId: 's', lease: first! }])).toEqual([true]); // the value is the proof, not the name
    expect(await a.renew([{ showId: 's', lease: 'a/1#999' }])).toEqual([false]);

    await new Promise((r) => setTimeout(r, 400)); // not renewed: it expires
    const [{ lease: second }] = await b.acquire(['s']);
    expect(holderOf(second!)).toBe('b/1');
    expect(Number(second!.split('#')[1])).toBeGreaterThan(Number(first!.split('#')[1]));
    expect(await a.renew([{ showId: 's', lease: first! }])).toEqual([false]);
    await a.release('s', first!); // a stale release does nothing
    expect(await client.get(keys.lease('s'))).toBe(second);
    await b.release('s', second!);
    expect(await client.get(keys.lease('s'))).toBeNull();
  });
});
