/** Public routes: rounds with their live counter, published results, the portal's JSON feed and widget. */
import { idParam } from '@cv/shared/protocol/online-schemas.ts';
import type { PublicResults } from '@cv/shared/protocol/online.ts';
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import { parse, sendResult } from './common.ts';
import { limiter, type OnlineRateLimits } from './limits.ts';
import { widgetHtml } from './widget.ts';

/** If-None-Match holds this ETag (a list, weak forms and `*` included) */
const matchesEtag = (header: string | undefined, etag: string) =>
  header !== undefined &&
  header.split(',').some((t) => {
    const tag = t.trim();
    return tag === '*' || tag === etag || tag === `W/${etag}`;
  });

/** the province portal reads these from its own origin */
const forPortal = (reply: FastifyReply) => reply.header('access-control-allow-origin', '*');

const publicRoutes: FastifyPluginAsync<{ limits: OnlineRateLimits }> = async (app, { limits }) => {
  const online = app.online;
  const read = limiter(app, 'ip:read', limits.ipRead, (r) => r.ip);

  app.get('/api/online/rounds', { preHandler: read }, async (_req, reply) => {
    forPortal(reply);
    return online.rounds.listPublic();
  });

  app.get('/api/online/rounds/:id', { preHandler: read }, async (request, reply) => {
    const params = parse(idParam, request.params, reply);
    if (!params) return reply;
    forPortal(reply);
    return sendResult(reply, await online.rounds.getPublic(params.id));
  });

  app.get('/api/online/rounds/:id/results', { preHandler: read }, async (request, reply) => {
    const params = parse(idParam, request.params, reply);
    if (!params) return reply;
    const snapshot = await online.results.publicSnapshot(params.id);
    if (!snapshot.ok) return sendResult(reply, snapshot);
    forPortal(reply);
    reply.header('cache-control', 'public, max-age=30').header('etag', snapshot.data.etag);
    // the portal polls: an unchanged version costs no body at all
    if (matchesEtag(request.headers['if-none-match'], snapshot.data.etag)) return reply.code(304).send();
    // precomputed bytes: a results page view is a version check and a write
    return reply.type('application/json; charset=utf-8').send(snapshot.data.body);
  });

  /** every round with its counter, and its results once published: one fetch for the portal */
  app.get('/api/online/feed.json', { preHandler: read }, async (_req, reply) => {
    const rounds = await online.rounds.listPublic();
    const items = await Promise.all(
      rounds.map(async (round) => {
        const results = round.resultsPublished ? await online.results.publicJson(round.roundId) : null;
        return { round, results: results?.ok ? (JSON.parse(results.data) as PublicResults) : null };
      }),
    );
    forPortal(reply);
    reply.header('cache-control', 'public, max-age=30');
    return { generatedAt: online.ctx.clock(), rounds: items };
  });

  app.get(
    '/api/online/rounds/:id/widget',
    { preHandler: read, config: { embeddable: true } },
    async (request, reply) => {
      const params = parse(idParam, request.params, reply);
      if (!params) return reply;
      const round = await online.rounds.getPublic(params.id);
      if (!round.ok) return sendResult(reply, round);
      const results = round.data.resultsPublished ? await online.results.publicJson(params.id) : null;
      return (
        reply
          .type('text/html; charset=utf-8')
          .header('cache-control', 'public, max-age=60')
          // meant to be framed by the portal: no scripts at all, any ancestor may embed it
          .header(
            'content-security-policy',
            "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors *",
          )
          // the app-wide resource policy forbids other sites; x-frame-options is left out (embeddable)
          .header('cross-origin-resource-policy', 'cross-origin')
          .send(widgetHtml(round.data, results?.ok ? (JSON.parse(results.data) as PublicResults) : null))
      );
    },
  );
};
export default publicRoutes;
