/** The same integration test on both stores, switched by configuration only, and a question played to its reveal. */
import { deleteRedisKeys, testRedisUrl } from '@cv/server/storage/redis/availability.ts';
import type { StoreConfig } from '@cv/server/storage/index.ts';
import type { ShowClient } from '@cv/shared/client';
import type { AnswerValue } from '@cv/shared/protocol';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expectOk, until } from './harness.ts';

export interface StoreCase {
  name: string;
  make: () => StoreConfig;
  skip: boolean;
}

/**
 * A fresh SQLite folder, or this run's own prefix in Redis database 12 (the integration suites'). Without
 * Redis the Redis case is skipped, or fails under CI=true.
 */
export function storeCases(label: string, redisMode: 'run' | 'skip' | 'fail'): StoreCase[] {
  return [
    {
      name: 'sqlite',
      make: () => ({ kind: 'sqlite', dataDir: mkdtempSync(join(tmpdir(), `cv-${label}-`)) }),
      skip: false,
    },
    {
      name: 'redis',
      make: () => {
        if (redisMode === 'fail') throw new Error('CI=true and Redis is unreachable');
        return {
          kind: 'redis',
          url: testRedisUrl(),
          db: 12,
          prefix: `cv-${label}-${process.pid}-${Date.now()}`,
        };
      },
      skip: redisMode === 'skip',
    },
  ];
}

/** what a store case wrote, removed */
export async function removeStore(store: StoreConfig): Promise<void> {
  if (store.kind === 'sqlite') rmSync(store.dataDir, { recursive: true, force: true });
  else await deleteRedisKeys(store.url, store.db ?? 0, `${store.prefix}:*`);
}

/** one question from show to reveal: the first player still standing answers `wrong`, the others `right` */
export async function playQuestion(
  host: ShowClient,
  players: ShowClient[],
  right: AnswerValue,
  wrong: AnswerValue,
): Promise<void> {
  expectOk(await host.command('question:show', {}));
  expectOk(await host.command('question:open'));
  const { index: round, eligibleSeats } = await until(
    host,
    (c) => c.state.view?.round?.phase === 'answering' && c.state.view.round,
  );
  const answering = players.filter((_, i) => eligibleSeats.includes(i + 1));
  await Promise.all(answering.map((p, i) => p.answer(round, i === 0 ? wrong : right).then(expectOk)));
  expectOk(await host.command('question:lock'));
  expectOk(await host.command('question:reveal'));
}
