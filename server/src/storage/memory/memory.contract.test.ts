import { runStoreContract } from '../contract.ts';
import { emptyMemoryData, MemoryStore } from './memory-store.ts';

// the runtime's unit tests use this fake: it must behave as the real adapters do
runStoreContract('memory (test fake)', async () => {
  const data = emptyMemoryData();
  return {
    store: new MemoryStore(data),
    reopen: async () => new MemoryStore(data),
    cleanup: async () => undefined,
  };
});
