import { Redis } from 'ioredis';

/**
 * Whether a Redis server answers PING at `url` within `timeoutMs`. Never throws and never retries:
 * test suites use it to decide between running, skipping (developer machine) and failing (CI).
 */
export async function redisAvailable(url: string, timeoutMs = 1_000): Promise<boolean> {
  const client = new Redis(url, {
    lazyConnect: true,
    connectTimeout: timeoutMs,
    commandTimeout: timeoutMs,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    retryStrategy: () => null,
  });
  client.on('error', () => undefined);
  try {
    await client.connect();
    return (await client.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    await client.quit().catch(() => client.disconnect());
  }
}

/** the Redis url test suites use: REDIS_URL or the local default */
export function testRedisUrl(env: NodeJS.ProcessEnv = process.env): string {
  return env.REDIS_URL || 'redis://127.0.0.1:6379';
}

/**
 * For test suites that need Redis: 'run' when reachable; otherwise 'fail' under CI=true (a missing
 * Redis must not pass silently there) and 'skip' on a developer machine.
 */
export async function redisTestMode(
  url: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<'run' | 'skip' | 'fail'> {
  if (await redisAvailable(url)) return 'run';
  return env.CI === 'true' ? 'fail' : 'skip';
}

/** delete the keys a test wrote (SCAN + UNLINK by pattern): a FLUSHDB could wipe a suite running at the same time */
export async function deleteRedisKeys(url: string, db: number, pattern: string): Promise<void> {
  const client = new Redis(url, { db, lazyConnect: true });
  await client.connect();
  try {
    let cursor = '0';
    do {
      const [next, keys] = await client.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
      if (keys.length > 0) await client.unlink(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    await client.quit();
  }
}
