/**
 * /api/admin: the admin audit — who, when, what, before → after — with filters, as XLSX, and whole
 * with its hash chain (JSON Lines, digest in x-audit-digest) for `npm run verify-audit`.
 */
import { auditQuerySchema, type AdminAuditEntry } from '@cv/shared/protocol';
import type { FastifyInstance } from 'fastify';
import { GENESIS } from '../../audit/chain.ts';
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

  // unfiltered: a filter would cut the chain
  route('GET /api/admin/audit.jsonl', async (_request, reply) => {
    const chain = await store.chainedAudit();
    return reply
      .type('application/x-ndjson; charset=utf-8')
      .header('x-audit-digest', chain.length ? chain[chain.length - 1].hash : GENESIS)
      .header('content-disposition', 'attachment; filename="nhat-ky-quan-tri.jsonl"')
      .send(chain.map((l) => JSON.stringify(l) + '\n').join(''));
  });
}
