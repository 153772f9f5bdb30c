/** The candidate site at /thi/: player-board's second entry (thi.html), for every path below it. */
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';

const site: FastifyPluginAsync<{ dir: string }> = async (app, { dir }) => {
  const file = path.join(dir, 'thi.html');
  let cached: { mtimeMs: number; html: Buffer } | null = null;
  const page = async (_request: unknown, reply: FastifyReply) => {
    const info = await stat(file).catch(() => null);
    if (!info)
      return reply
        .code(503)
        .type('text/plain; charset=utf-8')
        .send('player-board chưa được build: chạy "npm run build".');
    if (!cached || cached.mtimeMs !== info.mtimeMs)
      cached = { mtimeMs: info.mtimeMs, html: await readFile(file) };
    return reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(cached.html);
  };
  app.get('/thi', async (_request, reply) => reply.redirect('/thi/'));
  app.get('/thi/', page);
  app.get('/thi/*', page);
};
export default site;
