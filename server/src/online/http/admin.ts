/** The BTC's online routes under /api/online/admin: set-up, live dashboard, results, voids, exports, audit. */
import { chainedOnlineJsonl, GENESIS } from '../../audit/chain.ts';
import {
  candidateQuerySchema,
  confirmBodySchema,
  exportQuerySchema,
  idParam,
  onlineSettingsSchema,
  rankingQuerySchema,
  reasonBodySchema,
  roundPatchSchema,
  roundSettingsSchema,
  voidBodySchema,
} from '@cv/shared/protocol/online-schemas.ts';
import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { maskId } from '../rules/normalize.ts';
import { parse, sendFail, sendResult } from './common.ts';
import { attemptsJsonl, rankingWorkbook, unitsWorkbook } from './export.ts';
import { ONLINE_ROLES, requireStaff, staffName } from './staff.ts';

const candidateParams = z.object({ id: z.string().min(1).max(64), candidateId: z.string().min(1).max(64) });
const auditQuery = z.object({ round: z.string().min(1).max(64).optional() });
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const adminRoutes: FastifyPluginAsync = async (app) => {
  const online = app.online;
  const manage = { preHandler: requireStaff(app, ONLINE_ROLES.manage) };
  const read = { preHandler: requireStaff(app, ONLINE_ROLES.read) };
  const base = '/api/online/admin';

  app.get(`${base}/settings`, read, async () => online.rounds.settings());
  app.put(`${base}/settings`, manage, async (request, reply) => {
    const body = parse(onlineSettingsSchema, request.body, reply);
    if (!body) return reply;
    return online.rounds.saveSettings(body, staffName(request));
  });

  /** what the set-up form chooses from: the bank's topics with approved counts, the units */
  app.get(`${base}/contest`, read, async () => {
    const [topics, approved, units] = await Promise.all([
      online.ctx.bank.topics(),
      online.ctx.bank.approvedQuestions(),
      online.ctx.units.units(),
    ]);
    const count = new Map<string, number>();
    for (const q of approved) count.set(q.topicId, (count.get(q.topicId) ?? 0) + 1);
    return { topics: topics.map((t) => ({ ...t, approved: count.get(t.topicId) ?? 0 })), units };
  });

  app.get(`${base}/rounds`, read, async () => online.rounds.listAdmin());
  app.post(`${base}/rounds`, { ...manage, bodyLimit: 64 * 1024 }, async (request, reply) => {
    const body = parse(roundSettingsSchema, request.body, reply);
    if (!body) return reply;
    return sendResult(reply, await online.rounds.create(body, staffName(request)), 201);
  });
  app.get(`${base}/rounds/:id`, read, async (request, reply) => {
    const params = parse(idParam, request.params, reply);
    if (!params) return reply;
    return sendResult(reply, await online.rounds.getAdmin(params.id));
  });
  app.put(`${base}/rounds/:id`, { ...manage, bodyLimit: 64 * 1024 }, async (request, reply) => {
    const params = parse(idParam, request.params, reply);
    const body = params && parse(roundPatchSchema, request.body, reply);
    if (!params || !body) return reply;
    return sendResult(reply, await online.rounds.update(params.id, body, staffName(request)));
  });
  /** before opening: take the bank's latest approved questions */
  app.post(`${base}/rounds/:id/pool`, manage, async (request, reply) => {
    const params = parse(idParam, request.params, reply);
    const body = params && parse(z.object({ version: z.number().int().min(0) }), request.body, reply);
    if (!params || !body) return reply;
    return sendResult(
      reply,
      await online.rounds.update(params.id, { version: body.version }, staffName(request), {
        refreshPool: true,
      }),
    );
  });
  /** the frozen pool with its keys (staff only): what the round asks and what is right */
  app.get(`${base}/rounds/:id/pool`, read, async (request, reply) => {
    const params = parse(idParam, request.params, reply);
    if (!params) return reply;
    const round = await online.ctx.store.getRound(params.id);
    if (!round) return sendFail(reply, 'ROUND_NOT_FOUND', 'Không tìm thấy kỳ thi.');
    return {
      poolVersion: round.poolVersion,
      questions: await online.ctx.pools.get(params.id, round.poolVersion),
    };
  });

  app.get(`${base}/rounds/:id/dashboard`, read, async (request, reply) => {
    const params = parse(idParam, request.params, reply);
    if (!params) return reply;
    reply.header('cache-control', 'no-store');
    return sendResult(reply, await online.results.dashboard(params.id));
  });

  app.post(`${base}/rounds/:id/results/compute`, manage, async (request, reply) => {
    const params = parse(idParam, request.params, reply);
    if (!params) return reply;
    return sendResult(reply, await online.results.compute(params.id, staffName(request)));
  });
  app.get(`${base}/rounds/:id/ranking`, read, async (request, reply) => {
    const params = parse(idParam, request.params, reply);
    const query = params && parse(rankingQuerySchema, request.query, reply);
    if (!params || !query) return reply;
    return sendResult(reply, await online.results.rankingPage(params.id, query.offset, query.limit));
  });
  app.post(`${base}/rounds/:id/results/confirm`, manage, async (request, reply) => {
    const params = parse(idParam, request.params, reply);
    const body = params && parse(confirmBodySchema, request.body ?? {}, reply);
    if (!params || !body) return reply;
    return sendResult(reply, await online.results.confirm(params.id, staffName(request), body.note));
  });
  app.post(`${base}/rounds/:id/results/publish`, manage, async (request, reply) => {
    const params = parse(idParam, request.params, reply);
    if (!params) return reply;
    return sendResult(reply, await online.results.publish(params.id, staffName(request)));
  });
  app.post(`${base}/rounds/:id/results/unpublish`, manage, async (request, reply) => {
    const params = parse(idParam, request.params, reply);
    const body = params && parse(reasonBodySchema, request.body, reply);
    if (!params || !body) return reply;
    return sendResult(reply, await online.results.unpublish(params.id, staffName(request), body.reason));
  });

  app.get(`${base}/rounds/:id/voids`, read, async (request, reply) => {
    const params = parse(idParam, request.params, reply);
    if (!params) return reply;
    return online.ctx.store.voids(params.id);
  });
  for (const [path, voided] of [
    ['void', true],
    ['restore', false],
  ] as const) {
    app.post(`${base}/rounds/:id/candidates/:candidateId/${path}`, manage, async (request, reply) => {
      const params = parse(candidateParams, request.params, reply);
      const body = params && parse(voidBodySchema, request.body ?? {}, reply);
      if (!params || !body) return reply;
      if (body.reason.length < 3)
        return sendFail(reply, 'REASON_REQUIRED', 'Cần ghi lý do (ít nhất 3 ký tự).');
      return sendResult(
        reply,
        await online.results.setVoided(
          params.id,
          params.candidateId,
          voided,
          body.reason,
          staffName(request),
        ),
      );
    });
  }

  /** find a candidate by exact CCCD or phone (normalised like registration) */
  app.get(`${base}/candidates`, read, async (request, reply) => {
    const query = parse(candidateQuerySchema, request.query, reply);
    if (!query) return reply;
    const digits = query.q.replace(/\D/g, '');
    const byId = await online.ctx.store.findCandidate({ idNumber: digits });
    const phone = digits.startsWith('84') && digits.length === 11 ? `0${digits.slice(2)}` : digits;
    const found = byId ?? (await online.ctx.store.findCandidate({ phone }));
    if (!found) return [];
    return [{ ...found, idMasked: maskId(found.idNumber) }];
  });

  app.get(`${base}/rounds/:id/export.xlsx`, read, async (request, reply) => {
    const params = parse(idParam, request.params, reply);
    const query = params && parse(exportQuerySchema, request.query, reply);
    if (!params || !query) return reply;
    const round = await online.ctx.store.getRound(params.id);
    if (!round) return sendFail(reply, 'ROUND_NOT_FOUND', 'Không tìm thấy kỳ thi.');
    // refused before the file's type is set: the refusal is JSON, not an XLSX
    if (query.kind !== 'units' && !round.results.computationId)
      return sendFail(reply, 'RESULTS_NOT_READY', 'Chưa có bảng xếp hạng: kỳ thi chưa kết thúc.');
    const file = `${query.kind === 'ranking' ? 'xep-hang' : 'tap-the'}-${params.id}.xlsx`;
    reply.type(XLSX).header('content-disposition', `attachment; filename="${file}"`);
    if (query.kind === 'units') return reply.send(await unitsWorkbook(online, params.id));
    return reply.send(rankingWorkbook(online, params.id, round.settings.title));
  });

  app.get(`${base}/rounds/:id/attempts.jsonl`, read, async (request, reply) => {
    const params = parse(idParam, request.params, reply);
    if (!params) return reply;
    if (!(await online.ctx.store.getRound(params.id)))
      return sendFail(reply, 'ROUND_NOT_FOUND', 'Không tìm thấy kỳ thi.');
    return reply
      .type('application/x-ndjson; charset=utf-8')
      .header('content-disposition', `attachment; filename="luot-thi-${params.id}.jsonl"`)
      .send(attemptsJsonl(online, params.id));
  });

  // the round's audit with its hash chain, for `npm run verify-audit` (docs/audit.md)
  app.get(`${base}/rounds/:id/audit.jsonl`, read, async (request, reply) => {
    const params = parse(idParam, request.params, reply);
    if (!params) return reply;
    if (!(await online.ctx.store.getRound(params.id)))
      return sendFail(reply, 'ROUND_NOT_FOUND', 'Không tìm thấy kỳ thi.');
    const entries = await online.ctx.store.auditTrail(params.id);
    const text = chainedOnlineJsonl(entries);
    const lines = text.trimEnd().split('\n');
    const digest = lines[0] ? (JSON.parse(lines[lines.length - 1]) as { hash: string }).hash : GENESIS;
    return reply
      .type('application/x-ndjson; charset=utf-8')
      .header('x-audit-digest', digest)
      .header('content-disposition', `attachment; filename="nhat-ky-${params.id}.jsonl"`)
      .send(text);
  });

  app.get(`${base}/audit`, read, async (request, reply) => {
    const query = parse(auditQuery, request.query, reply);
    if (!query) return reply;
    return online.ctx.store.auditTrail(query.round);
  });
};
export default adminRoutes;
