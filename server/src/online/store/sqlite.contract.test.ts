import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runOnlineStoreContract } from './contract.ts';
import { SqliteOnlineStore } from './sqlite.ts';

runOnlineStoreContract('sqlite', async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cv-online-'));
  return {
    store: await SqliteOnlineStore.open({ dataDir }),
    reopen: () => SqliteOnlineStore.open({ dataDir }),
    cleanup: async () => fs.rmSync(dataDir, { recursive: true, force: true }),
  };
});
