/**
 * Every /api/admin route, in one encapsulated plugin: multipart uploads and the workspace's error
 * replies stay inside it. Each route file registers from ADMIN_ROUTES (shared/src/protocol/admin.ts).
 */
import multipart from '@fastify/multipart';
import type { FastifyPluginAsync } from 'fastify';
import { WorkspaceStoreError } from '../../storage/workspace/index.ts';
import { WorkspaceError } from '../../workspace/context.ts';
import { MAX_MEDIA_BYTES } from '../../workspace/media.ts';
import { sendError, statusOf } from '../reply.ts';
import auditRoutes from './audit.ts';
import authRoutes from './auth.ts';
import bankRoutes from './bank.ts';
import peopleRoutes from './people.ts';
import showRoutes from './shows.ts';

const admin: FastifyPluginAsync<{ publicUrl?: string; lanAddress?: string }> = async (app, opts) => {
  await app.register(multipart, { limits: { fileSize: MAX_MEDIA_BYTES, files: 1 } });

  app.setErrorHandler((err: Error & { statusCode?: number; code?: string }, request, reply) => {
    if (err instanceof WorkspaceError)
      return reply.code(statusOf(err.code)).send({
        ok: false,
        error: { code: err.code, message: err.message },
        ...(err.details !== undefined ? { details: err.details } : {}),
      });
    if (err instanceof WorkspaceStoreError)
      return sendError(reply, 'CONFLICT', 'Dữ liệu vừa được người khác thay đổi: hãy tải lại rồi thử lại.');
    if (err.statusCode === 413 || err.code === 'FST_REQ_FILE_TOO_LARGE')
      return sendError(reply, 'TOO_LARGE', 'Tệp vượt giới hạn kích thước.');
    if (err.statusCode === 429) return sendError(reply, 'RATE_LIMITED', err.message);
    if (err.statusCode === 415) return sendError(reply, 'UNSUPPORTED_MEDIA', err.message);
    if (err.statusCode && err.statusCode < 500) return sendError(reply, 'BAD_REQUEST', err.message);
    request.log.error(err);
    return sendError(reply, 'INTERNAL', 'unexpected server error');
  });

  await app.register(authRoutes);
  await app.register(bankRoutes);
  await app.register(peopleRoutes);
  await app.register(showRoutes, { publicUrl: opts.publicUrl, lanAddress: opts.lanAddress });
  await app.register(auditRoutes);
};
export default admin;
