/** Uploaded question media, by content hash: immutable, typed by what was sniffed at upload, never sniffed again by browsers. */
import { createReadStream } from 'node:fs';
import type { FastifyPluginAsync } from 'fastify';
import { UPLOADS_PREFIX } from '../workspace/media.ts';
import { sendError } from './reply.ts';

const uploads: FastifyPluginAsync = async (app) => {
  app.get<{ Params: { name: string } }>(`${UPLOADS_PREFIX}:name`, async (request, reply) => {
    const file = app.workspace.media.pathOf(request.params.name);
    if (!file) return sendError(reply, 'NOT_FOUND', 'no such file');
    return reply
      .type(file.mime)
      .header('x-content-type-options', 'nosniff')
      .header('cache-control', 'public, max-age=31536000, immutable')
      .send(createReadStream(file.path));
  });
};
export default uploads;
