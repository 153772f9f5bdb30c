/** Organizers' HTTP API for shows: create, list, read (with secrets), public info, audit export. */
import {
  createShowSchema,
  fail,
  ok,
  type PublicShowInfo,
  type ShowDetail,
  type ShowListItem,
  type ShowUrls,
} from '@cv/shared/protocol';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { chainedJsonl, headOf } from '../audit/chain.ts';
import { auditToCsv, roundLabelsOf } from '../audit/export.ts';
import { originOf } from '../security/address.ts';
import { sameSecret } from '../runtime/secrets.ts';
import type { ShowRecord } from '../storage/port.ts';
import { baseUrl, parseOrReply, sendError } from './reply.ts';

const showParams = z.object({ id: z.string().min(1).max(64) });
// strict: a PIN in the address would sit in logs and browser history; it goes in the X-Show-Pin header
const auditQuery = z
  .object({ format: z.enum(['jsonl', 'csv']).default('jsonl') })
  .strict('only format= belongs in the query: send the PIN in the X-Show-Pin header');

export function showUrls(record: ShowRecord, base: string): ShowUrls {
  const id = encodeURIComponent(record.showId);
  return {
    host: `${base}/host/?show=${id}`,
    board: `${base}/board/?show=${id}`,
    audience: `${base}/board/?show=${id}&mode=audience`,
    screen: `${base}/screen/?show=${id}#token=${encodeURIComponent(record.secrets.displayToken)}`,
    overlay: `${base}/screen/?show=${id}&overlay=1#token=${encodeURIComponent(record.secrets.displayToken)}`,
  };
}

const shows: FastifyPluginAsync<{ publicUrl?: string; trustProxy?: boolean }> = async (app, opts) => {
  // the short links printed under QR codes (typed by hand): /s/<show> → tablet sign-in, /a/<show> → audience
  app.get('/s/:id', async (request, reply) => {
    const params = parseOrReply(showParams, request.params, reply);
    if (!params) return reply;
    return reply.redirect(`/board/?show=${encodeURIComponent(params.id)}`, 302);
  });
  app.get('/a/:id', async (request, reply) => {
    const params = parseOrReply(showParams, request.params, reply);
    if (!params) return reply;
    return reply.redirect(`/board/?show=${encodeURIComponent(params.id)}&mode=audience`, 302);
  });

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
    // without the admin token, whether a show exists is not told before a credential is checked
    if (!record && !app.admin.isAdmin(request))
      return sendError(reply, 'UNAUTHORIZED', 'admin token or MC/judge PIN required');
    if (!record) return sendError(reply, 'SHOW_NOT_FOUND', 'no such show');
    if (!app.admin.isAdmin(request)) {
      const pin = request.headers['x-show-pin'];
      if (typeof pin !== 'string' || !pin)
        return sendError(reply, 'UNAUTHORIZED', 'admin token or MC/judge PIN (X-Show-Pin) required');
      // one guess tries both PINs: it counts against both, like two sign-ins
      const judged = await app.signIn.attempt(
        {
          showId: params.id,
          origin: originOf(request.raw, opts.trustProxy ?? false),
          targets: [{ kind: 'host' }, { kind: 'judge' }],
          method: 'pin',
          role: 'audit-export',
        },
        () =>
          sameSecret(pin, record.secrets.hostPin) || sameSecret(pin, record.secrets.judgePin)
            ? ok(true)
            : fail('UNAUTHORIZED', 'admin token or MC/judge PIN required'),
      );
      if (!judged.ok) {
        if ('retryAfterMs' in judged)
          reply.header('retry-after', String(Math.ceil(judged.retryAfterMs / 1000)));
        return sendError(reply, judged.error.code, judged.error.message);
      }
    }
    const trail = await app.store.auditTrail(params.id);
    const file = `nhat-ky-${params.id}.${query.format}`;
    reply.header('content-disposition', `attachment; filename="${file}"`);
    // the trail's digest (its last link): what the committee publishes with the results (docs/audit.md)
    reply.header('x-audit-digest', headOf(trail));
    if (query.format === 'csv') {
      const label = roundLabelsOf(app.shows.runner(params.id)?.state.rounds ?? []);
      return reply.type('text/csv; charset=utf-8').send(auditToCsv(trail, label));
    }
    return reply.type('application/x-ndjson; charset=utf-8').send(chainedJsonl(trail));
  });
};
export default shows;
