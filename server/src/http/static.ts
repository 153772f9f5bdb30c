/** The three front ends from their production builds, and question media. */
import fastifyStatic from '@fastify/static';
import type { FastifyPluginAsync } from 'fastify';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const FRONT_ENDS = [
  { prefix: '/host/', dir: 'host-console' },
  { prefix: '/board/', dir: 'player-board' },
  { prefix: '/screen/', dir: 'big-screen' },
] as const;

export const distDir = (app: string) => fileURLToPath(new URL(`../../../${app}/dist/`, import.meta.url));

const staticFiles: FastifyPluginAsync<{ mediaDir?: string }> = async (app, opts) => {
  let decorated = false;
  const serve = async (root: string, prefix: string) => {
    await app.register(fastifyStatic, { root, prefix, decorateReply: !decorated, index: ['index.html'] });
    decorated = true;
  };
  for (const fe of FRONT_ENDS) {
    const root = distDir(fe.dir);
    if (existsSync(root)) {
      await serve(root, fe.prefix);
      // the organizers' area is the host console's page at /host/admin
      if (fe.dir === 'host-console')
        app.get(`${fe.prefix}admin`, async (_req, reply) => reply.sendFile('index.html', root));
    } else
      app.get(fe.prefix, async (_req, reply) =>
        reply
          .code(503)
          .type('text/plain; charset=utf-8')
          .send(`${fe.dir} chưa được build: chạy "npm run build".`),
      );
    app.get(fe.prefix.slice(0, -1), async (req, reply) =>
      reply.redirect(fe.prefix + (req.url.split('?')[1] ? `?${req.url.split('?')[1]}` : '')),
    );
  }
  if (opts.mediaDir && existsSync(opts.mediaDir)) await serve(opts.mediaDir, '/media/');
  app.get('/', async (_req, reply) => reply.redirect('/screen/'));
};
export default staticFiles;
