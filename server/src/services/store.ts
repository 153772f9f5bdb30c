/** The storage adapter as a decorator; closed last, after every runner has stopped. */
import fp from 'fastify-plugin';
import { openStore, type StoreConfig } from '../storage/index.ts';
import type { Store } from '../storage/port.ts';

declare module 'fastify' {
  interface FastifyInstance {
    store: Store;
  }
}

export default fp<{ store: Store | StoreConfig }>(
  async (app, opts) => {
    const store = 'append' in opts.store ? opts.store : await openStore(opts.store);
    app.decorate('store', store);
    app.addHook('onClose', async () => {
      await store.close();
    });
  },
  { name: 'store' },
);
