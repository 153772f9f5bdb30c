/** /api/admin: the admin audit — who, when, what, before → after — with filters, and as XLSX. */
import { auditQuerySchema, type AdminAuditEntry } from '@cv/shared/protocol';
import type { FastifyInstance } from 'fastify';
import { foldKeyword } from '../../workspace/bank/text.ts';
import { adminAuditSheet } from '../../workspace/results/records.ts';
import { XLSX_TYPE, xlsxOf } from '../../workspace/sheets/write.ts';
import { parse, routeRegistrar, sendFile } from './kit.ts';

export default async function auditRoutes(app: FastifyInstance) {
  const route = routeRegistrar(app);
  const { store } = app.workspace;

  async function filtered(query: unknown): Promise<AdminAuditEntry[]> {
    const q = parse(auditQuerySchema, query);
    const actor = q.actor ? foldKeyword(q.actor) : null;
    const entries = (await store.audit({ scope: q.scope, from: q.from, to: q.to })).filter(
      (e) =>
        (!actor || foldKeyword(e.actorName).includes(actor) || e.actorId === q.actor) &&
        (!q.action || e.action === q.action || e.action.startsWith(`${q.action}.`)),
    );
    return entries.slice(-q.limit);
  }

  route('GET /api/admin/audit', async (request) => filtered(request.query));

  route('GET /api/admin/audit/export', async (request, reply) =>
    sendFile(
      reply,
      await xlsxOf([adminAuditSheet(await filtered(request.query))]),
      XLSX_TYPE,
      'nhat-ky-quan-tri.xlsx',
    ),
  );
}
