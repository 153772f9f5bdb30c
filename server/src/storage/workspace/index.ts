/** The workspace port opened on whichever show store the app runs: same file or same Redis, no second connection. */
import { RedisStore } from '../redis/redis-store.ts';
import { SqliteStore } from '../sqlite/sqlite-store.ts';
import type { Store } from '../port.ts';
import type { WorkspaceStore } from './port.ts';
import { RedisWorkspaceStore } from './redis.ts';
import { SqliteWorkspaceStore } from './sqlite.ts';

export type * from './port.ts';
export { WorkspaceStoreError } from './port.ts';

export function workspaceStoreOn(store: Store): WorkspaceStore {
  if (store instanceof SqliteStore) return new SqliteWorkspaceStore(store.connection);
  if (store instanceof RedisStore) return new RedisWorkspaceStore(store.connection, store.keys.prefix);
  throw new Error(`no workspace adapter for a ${store.kind} store of another kind`);
}
