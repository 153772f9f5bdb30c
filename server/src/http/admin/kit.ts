/** What every /api/admin route file uses: registration from the route table, parsing, uploads, files. */
import { adminRoute, type AdminRouteKey, type ImportProblem, type ImportReport } from '@cv/shared/protocol';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z, ZodTypeAny } from 'zod';
import { z as zod } from 'zod';
import { parsePayload } from '../../validation.ts';
import { WorkspaceError, type Actor } from '../../workspace/context.ts';
import { MAX_IMPORT_BYTES, readTable, type Table } from '../../workspace/sheets/read.ts';

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
  // a multipart header without a usable boundary makes busboy throw: that is the sender's mistake
  const part = await request
    .file({ limits: { fileSize: limit, files: 1, fields: 5 } })
    .catch((err: Error & { statusCode?: number }) => {
      if (err.statusCode || !/^Multipart:|boundary/i.test(err.message)) throw err;
      throw new WorkspaceError('BAD_REQUEST', `Tệp gửi lên không đọc được: ${err.message}`);
    });
  if (!part) throw new WorkspaceError('BAD_REQUEST', 'Không có tệp nào trong yêu cầu.');
  const data = await part.toBuffer();
  return { filename: part.filename, data };
}

export function sendFile(reply: FastifyReply, data: Buffer | string, type: string, filename: string) {
  return reply.header('content-disposition', `attachment; filename="${filename}"`).type(type).send(data);
}

const importQuery = zod.object({ dryRun: zod.enum(['1', 'true', '0', 'false']).optional() });

/**
 * The one way an uploaded sheet is imported: read it, check every row, and refuse it whole (422
 * IMPORT_INVALID with the report) when any row is bad. `write` runs only for a clean file that is
 * not a dry run (`?dryRun=1`) and says how many it created and updated.
 */
export async function importSheet<T>(
  request: FastifyRequest,
  check: (
    table: Table,
  ) =>
    | Promise<{ items: T[]; errors: ImportProblem[]; warnings: ImportProblem[] }>
    | { items: T[]; errors: ImportProblem[]; warnings: ImportProblem[] },
  write: (
    items: T[],
    filename: string,
  ) => Promise<{ created: number; updated?: number } & Record<string, unknown>>,
): Promise<ImportReport & { ids?: string[] }> {
  const { dryRun } = parse(importQuery, request.query);
  const { filename, data } = await uploaded(request, MAX_IMPORT_BYTES);
  const table = await readTable(data);
  const checked = await check(table);
  const report: ImportReport = {
    imported: false,
    rows: table.rows.length - 1,
    created: 0,
    updated: 0,
    errors: checked.errors,
    warnings: checked.warnings,
  };
  if (report.errors.length > 0)
    throw new WorkspaceError(
      'IMPORT_INVALID',
      `Tệp có ${report.errors.length} lỗi; chưa nhập dòng nào. Sửa theo báo cáo (số dòng, cột) rồi nhập lại.`,
      report,
    );
  if (dryRun === '1' || dryRun === 'true') return report;
  const done = await write(checked.items, filename || 'tệp nhập');
  return { ...report, ...done, updated: done.updated ?? 0, imported: true };
}
