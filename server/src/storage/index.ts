/** Storage entry point: pick an adapter by configuration; the rest of the server sees only `Store`. */
import { RedisStore } from './redis/redis-store.ts';
import { SqliteStore } from './sqlite/sqlite-store.ts';
import type { Store } from './port.ts';

export type * from './port.ts';
export { StoreError } from './port.ts';

export type StoreConfig =
  | { kind: 'sqlite'; dataDir: string; file?: string }
  | { kind: 'redis'; url: string; prefix?: string; db?: number };

export const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';

export async function openStore(config: StoreConfig): Promise<Store> {
  switch (config.kind) {
    case 'sqlite':
      return SqliteStore.open({ dataDir: config.dataDir, file: config.file });
    case 'redis':
      // many nodes may share it: a show's log is written only under its lease (cluster/leases.ts)
      return RedisStore.open({ url: config.url, prefix: config.prefix, db: config.db, fenced: true });
  }
}

/** STORE=sqlite|redis (default sqlite), DATA_DIR, REDIS_URL (default redis://127.0.0.1:6379), REDIS_PREFIX */
export function storeConfigFromEnv(env: NodeJS.ProcessEnv, defaults: { dataDir: string }): StoreConfig {
  const kind = (env.STORE ?? '').trim().toLowerCase() || 'sqlite';
  if (kind === 'sqlite') return { kind: 'sqlite', dataDir: env.DATA_DIR || defaults.dataDir };
  if (kind === 'redis') {
    return {
      kind: 'redis',
      url: env.REDIS_URL || DEFAULT_REDIS_URL,
      ...(env.REDIS_PREFIX ? { prefix: env.REDIS_PREFIX } : {}),
    };
  }
  throw new Error(`STORE must be "sqlite" or "redis", got "${env.STORE}"`);
}
