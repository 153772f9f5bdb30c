import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { candidate, runOnlineStoreContract } from './contract.ts';
import { SqliteOnlineStore } from './sqlite.ts';

runOnlineStoreContract('sqlite', async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cv-online-'));
  return {
    store: await SqliteOnlineStore.open({ dataDir }),
    reopen: () => SqliteOnlineStore.open({ dataDir }),
    cleanup: async () => fs.rmSync(dataDir, { recursive: true, force: true }),
  };
});

describe('SqliteOnlineStore specifics', () => {
  it('a write that throws inside a batch fails alone; the others of its batch commit', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cv-online-'));
    const store = await SqliteOnlineStore.open({ dataDir });
    try {
      // the same candidate id twice breaks a UNIQUE constraint: an error, not a refusal the write returns
      const results = await Promise.allSettled([
        store.register(candidate(1)),
        store.register(candidate(2, { candidateId: 'c1' })),
        store.register(candidate(3)),
      ]);
      expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
      expect(await store.countCandidates()).toBe(2);
      expect((await store.getCandidate('c3'))?.fullName).toBe(candidate(3).fullName);
      expect(store.stats().batches).toBeGreaterThanOrEqual(1);
    } finally {
      await store.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
