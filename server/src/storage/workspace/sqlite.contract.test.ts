import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SqliteStore } from '../sqlite/sqlite-store.ts';
import { runWorkspaceContract } from './contract.ts';

runWorkspaceContract('sqlite', async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cv-ws-'));
  return {
    store: await SqliteStore.open({ dataDir }),
    reopen: () => SqliteStore.open({ dataDir }),
    cleanup: async () => fs.rmSync(dataDir, { recursive: true, force: true }),
  };
});
