/** The candidate site at /thi/: player-board's second entry (thi.html), for every path below it. */
import type { FastifyPluginAsync } from 'fastify';
import { existsSync } from 'node:fs';
import path from 'node:path';

const site: FastifyPluginAsync<{ dir: string }> = async (app, { dir }) => {
  const file = path.join(dir, 'thi.html');
  const page = async (_request: unknown, reply: import('fastify').FastifyReply) => {
    if (!existsSync(file))
      return reply
        .code(503)
        .type('text/plain; charset=utf-8')
        .send('player-board chưa được build: chạy "npm run build".');
    return reply.header('cache-control', 'no-cache').sendFile('thi.html', dir);
  };
  app.get('/thi', async (_request, reply) => reply.redirect('/thi/'));
  app.get('/thi/', page);
  app.get('/thi/*', page);
};
export default site;
