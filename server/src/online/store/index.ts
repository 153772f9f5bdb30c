/** The online store: on the show store's own connection in the app, or opened from a configuration. */
import type { StoreConfig } from '../../storage/index.ts';
import type { Store } from '../../storage/port.ts';
import { RedisStore } from '../../storage/redis/redis-store.ts';
import { SqliteStore } from '../../storage/sqlite/sqlite-store.ts';
import type { OnlineStore } from './port.ts';
import { RedisOnlineStore } from './redis.ts';
import { SqliteOnlineStore } from './sqlite.ts';

export type * from './port.ts';

/** the same file or the same Redis client and prefix as the show store: no second connection */
export function onlineStoreOn(store: Store): OnlineStore {
  if (store instanceof SqliteStore) return SqliteOnlineStore.on(store.connection);
  if (store instanceof RedisStore) return RedisOnlineStore.on(store.connection, store.keys.prefix);
  throw new Error(`no online adapter for a ${store.kind} store of another kind`);
}

export async function openOnlineStore(config: StoreConfig): Promise<OnlineStore> {
  switch (config.kind) {
    case 'sqlite':
      return SqliteOnlineStore.open({ dataDir: config.dataDir, file: config.file });
    case 'redis':
      return RedisOnlineStore.open({ url: config.url, prefix: config.prefix, db: config.db });
  }
}
