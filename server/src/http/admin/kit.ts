/** What every /api/admin route file uses: registration from the route table, parsing, uploads, files. */
import { adminRoute, type AdminRouteKey } from '@cv/shared/protocol';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z, ZodTypeAny } from 'zod';
import { parsePayload } from '../../validation.ts';
import { WorkspaceError, type Actor } from '../../workspace/context.ts';

type Handler = (request: FastifyRequest, reply: FastifyReply) => Promise<unknown>;

/** registers a route of ADMIN_ROUTES with the roles the table gives it; nothing else decides access */
export function routeRegistrar(app: FastifyInstance) {
  return (key: AdminRouteKey, handler: Handler, options: { bodyLimit?: number } = {}) => {
    const route = adminRoute(key);
    app.route({
      method: route.method,
      url: route.path,
      ...options,
      ...(route.access === 'public' ? {} : { preHandler: app.requireStaff(route.access) }),
      handler,
    });
  };
}

export function actorOf(request: FastifyRequest): Actor {
  if (!request.staff) throw new Error('staff route without the staff guard');
  return request.staff.actor;
}

export function parse<S extends ZodTypeAny>(schema: S, value: unknown): z.output<S> {
  const parsed = parsePayload(schema, value);
  if (!parsed.ok) throw new WorkspaceError('BAD_REQUEST', parsed.error.message);
  return parsed.data;
}

/** the one file of a multipart/form-data request (field name free), read up to `limit` bytes */
export async function uploaded(
  request: FastifyRequest,
  limit: number,
): Promise<{ filename: string; data: Buffer }> {
  if (!request.isMultipart())
    throw new WorkspaceError('BAD_REQUEST', 'Cần gửi tệp dạng multipart/form-data (trường "file").');
  const part = await request.file({ limits: { fileSize: limit, files: 1, fields: 5 } });
  if (!part) throw new WorkspaceError('BAD_REQUEST', 'Không có tệp nào trong yêu cầu.');
  const data = await part.toBuffer();
  return { filename: part.filename, data };
}

export function sendFile(reply: FastifyReply, data: Buffer | string, type: string, filename: string) {
  return reply.header('content-disposition', `attachment; filename="${filename}"`).type(type).send(data);
}
