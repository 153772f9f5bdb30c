/** Organizers' HTTP API for shows: create, list, read (with secrets), public info, audit export. */
import {
  createShowSchema,
  type PublicShowInfo,
  type ShowDetail,
  type ShowListItem,
  type ShowUrls,
} from '@cv/shared/protocol';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { auditToCsv, auditToJsonl } from '../audit/export.ts';
import { sameSecret } from '../runtime/secrets.ts';
import type { ShowRecord } from '../storage/port.ts';
import { baseUrl, parseOrReply, sendError } from './reply.ts';

const showParams = z.object({ id: z.string().min(1).max(64) });
const auditQuery = z.object({
  format: z.enum(['jsonl', 'csv']).default('jsonl'),
  pin: z.string().max(64).optional(),
});

export function showUrls(record: ShowRecord, base: string): ShowUrls {
  const id = encodeURIComponent(record.showId);
  return {
    host: `${base}/host/?show=${id}`,
    board: `${base}/board/?show=${id}`,
    audience: `${base}/board/?show=${id}&mode=audience`,
    screen: `${base}/screen/?show=${id}&token=${encodeURIComponent(record.secrets.displayToken)}`,
    overlay: `${base}/screen/?show=${id}&token=${encodeURIComponent(record.secrets.displayToken)}&overlay=1`,
  };
}

const shows: FastifyPluginAsync<{ publicUrl?: string }> = async (app, opts) => {
  const requireAdmin = async (request: FastifyRequest, reply: FastifyReply) => {
    if (!app.admin.isAdmin(request))
      return sendError(reply, 'UNAUTHORIZED', 'admin token required (Authorization: Bearer …)');
  };
  const detail = (record: ShowRecord, request: FastifyRequest): ShowDetail => ({
    showId: record.showId,
    title: record.title,
    createdAt: record.createdAt,
    seatCount: record.setup.seats.length,
    questionCount: record.setup.questions.length,
    secrets: record.secrets,
    urls: showUrls(record, baseUrl(request, opts.publicUrl)),
  });

  app.post('/api/shows', { preHandler: requireAdmin, bodyLimit: 4 * 1024 * 1024 }, async (request, reply) => {
    const input = parseOrReply(createShowSchema, request.body, reply);
    if (!input) return reply;
    if (!input.seatCount && !input.seats?.length)
      return sendError(reply, 'BAD_REQUEST', 'seatCount or seats required');
    const ids = new Set<string>();
    for (const q of input.questions) {
      if (ids.has(q.id)) return sendError(reply, 'BAD_REQUEST', `questions: duplicate id ${q.id}`);
      ids.add(q.id);
    }
    const record = await app.shows.create(input);
    return reply.code(201).send(detail(record, request));
  });

  app.get('/api/shows', { preHandler: requireAdmin }, async (request): Promise<ShowListItem[]> =>
    app.shows.list().map((r) => {
      const problem = app.shows.problemOf(r.showId);
      return {
        ...detail(r, request),
        stage: app.shows.runner(r.showId)?.state.stage ?? null,
        ...(problem ? { problem } : {}),
      };
    }),
  );

  app.get('/api/shows/:id', { preHandler: requireAdmin }, async (request, reply) => {
    const params = parseOrReply(showParams, request.params, reply);
    if (!params) return reply;
    const record = app.shows.record(params.id);
    if (!record) return sendError(reply, 'SHOW_NOT_FOUND', 'no such show');
    return detail(record, request);
  });

  /** what a login screen may know without credentials */
  app.get('/api/shows/:id/public', async (request, reply) => {
    const params = parseOrReply(showParams, request.params, reply);
    if (!params) return reply;
    if (app.shows.problemOf(params.id))
      return sendError(reply, 'SHOW_UNAVAILABLE', 'the show could not be recovered');
    const runner = app.shows.runner(params.id);
    if (!runner) return sendError(reply, 'SHOW_NOT_FOUND', 'no such show');
    const info: PublicShowInfo = {
      showId: params.id,
      title: runner.state.title,
      seatCount: runner.state.seats.length,
      stage: runner.state.stage,
    };
    return info;
  });

  /** the audit trail, for the admin token or the show's MC/judge PIN */
  app.get('/api/shows/:id/audit', async (request, reply) => {
    const params = parseOrReply(showParams, request.params, reply);
    if (!params) return reply;
    const query = parseOrReply(auditQuery, request.query, reply);
    if (!query) return reply;
    const record = app.shows.record(params.id);
    if (!record) return sendError(reply, 'SHOW_NOT_FOUND', 'no such show');
    const pin = query.pin ?? (request.headers['x-show-pin'] as string | undefined);
    const allowed =
      app.admin.isAdmin(request) ||
      sameSecret(pin, record.secrets.hostPin) ||
      sameSecret(pin, record.secrets.judgePin);
    if (!allowed) return sendError(reply, 'UNAUTHORIZED', 'admin token or MC/judge PIN required');
    const trail = await app.store.auditTrail(params.id);
    const file = `nhat-ky-${params.id}.${query.format}`;
    reply.header('content-disposition', `attachment; filename="${file}"`);
    if (query.format === 'csv') return reply.type('text/csv; charset=utf-8').send(auditToCsv(trail));
    return reply.type('application/x-ndjson; charset=utf-8').send(auditToJsonl(trail));
  });
};
export default shows;
