/** The online store chosen by the same configuration as the show store: STORE=sqlite|redis. */
import type { StoreConfig } from '../../storage/index.ts';
import type { OnlineStore } from './port.ts';
import { RedisOnlineStore } from './redis.ts';
import { SqliteOnlineStore } from './sqlite.ts';

export type * from './port.ts';

export async function openOnlineStore(config: StoreConfig): Promise<OnlineStore> {
  switch (config.kind) {
    case 'sqlite':
      return SqliteOnlineStore.open({ dataDir: config.dataDir, file: config.file });
    case 'redis':
      return RedisOnlineStore.open({ url: config.url, prefix: config.prefix, db: config.db });
  }
}
