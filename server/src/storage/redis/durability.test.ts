import { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { redisTestMode, testRedisUrl } from './availability.ts';
import { durabilityWarning, redisPersistence } from './durability.ts';

describe('Redis durability warning', () => {
  it('is silent only with AOF fsynced on every write', () => {
    expect(durabilityWarning({ appendonly: 'yes', appendfsync: 'always' })).toBeNull();
    expect(durabilityWarning({ appendonly: 'yes', appendfsync: 'everysec' })).toMatch(/last second/);
    expect(durabilityWarning({ appendonly: 'no', appendfsync: 'everysec' })).toMatch(/persistence is off/);
    expect(durabilityWarning(null)).toMatch(/appendonly yes/);
  });

  it('reads the settings of a real Redis', async () => {
    const mode = await redisTestMode(testRedisUrl());
    if (mode === 'skip') return;
    const client = new Redis(testRedisUrl());
    try {
      const p = await redisPersistence(client);
      expect(p).not.toBeNull();
      expect(['yes', 'no']).toContain(p!.appendonly);
      expect(['always', 'everysec', 'no']).toContain(p!.appendfsync);
    } finally {
      client.disconnect();
    }
  });
});
