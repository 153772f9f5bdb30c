/** The organizers' admin token: generated at first start (printed once by server.ts), stored only as a hash. */
import fp from 'fastify-plugin';
import type { FastifyRequest } from 'fastify';
import { hashToken, newToken, sameSecret } from '../runtime/secrets.ts';

declare module 'fastify' {
  interface FastifyInstance {
    admin: { isAdmin(request: FastifyRequest): boolean; issuedToken: string | null };
  }
}

const META_KEY = 'admin_token_sha256';

export default fp<{ adminToken?: string }>(
  async (app, opts) => {
    let hash = await app.store.getMeta(META_KEY);
    let issuedToken: string | null = null;
    if (opts.adminToken) {
      hash = hashToken(opts.adminToken);
      await app.store.setMeta(META_KEY, hash);
    } else if (!hash) {
      issuedToken = newToken(24);
      hash = hashToken(issuedToken);
      await app.store.setMeta(META_KEY, hash);
    }
    const expected = hash;
    app.decorate('admin', {
      issuedToken,
      isAdmin(request: FastifyRequest) {
        const header = request.headers.authorization ?? '';
        const token = header.startsWith('Bearer ') ? header.slice(7).trim() : undefined;
        return token !== undefined && sameSecret(hashToken(token), expected);
      },
    });
  },
  { name: 'admin', dependencies: ['store'] },
);
