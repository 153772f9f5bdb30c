/** Candidate routes: form, bot check, register, sign in, own page, attempts (start, resume, autosave, submit). */
import {
  autosaveBodySchema,
  idParam,
  loginBodySchema,
  registerBodySchema,
  startAttemptBodySchema,
  submitBodySchema,
} from '@cv/shared/protocol/online-schemas.ts';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify';
import { bearer, parse, sendFail, sendResult } from './common.ts';
import { limiter, type OnlineRateLimits } from './limits.ts';

declare module 'fastify' {
  interface FastifyRequest {
    candidateId: string;
  }
}

const candidateRoutes: FastifyPluginAsync<{ limits: OnlineRateLimits }> = async (app, { limits }) => {
  const online = app.online;
  app.decorateRequest('candidateId', '');
  const ip = (name: string, max: number) => limiter(app, `ip:${name}`, max, (r) => r.ip);
  const own = (name: string, max: number) => limiter(app, `c:${name}`, max, (r) => r.candidateId);
  // synchronous checks are callback hooks: no promise per request on the hottest routes
  const signedIn = (request: FastifyRequest, reply: FastifyReply, done: HookHandlerDoneFunction) => {
    const id = online.candidates.authenticate(bearer(request));
    if (!id)
      return void sendFail(reply, 'UNAUTHORIZED', 'Phiên đăng nhập đã hết hạn; vui lòng đăng nhập lại.');
    request.candidateId = id;
    done();
  };
  const powOk = async (pow: string, reply: FastifyReply) => {
    if (await online.pow.verify(pow, online.ctx.clock())) return true;
    void sendFail(
      reply,
      'POW_INVALID',
      'Kiểm tra chống máy tự động không hợp lệ hoặc đã hết hạn; vui lòng thử lại.',
    );
    return false;
  };
  // a body without its bot check is refused before schema details
  const needsPow = (request: FastifyRequest, reply: FastifyReply, done: HookHandlerDoneFunction) => {
    const body = request.body as { pow?: unknown } | null;
    if (!body || typeof body !== 'object' || typeof body.pow !== 'string' || body.pow === '')
      return void sendFail(reply, 'POW_REQUIRED', 'Thiếu bước kiểm tra chống máy tự động.');
    done();
  };

  app.get('/api/online/form', { preHandler: ip('read', limits.ipRead) }, async () =>
    online.candidates.form(),
  );

  app.get(
    '/api/online/challenge',
    { preHandler: ip('challenge', limits.ipChallenge) },
    async (_req, reply) => {
      reply.header('cache-control', 'no-store');
      return online.pow.challenge(online.ctx.clock());
    },
  );

  app.post(
    '/api/online/register',
    { preHandler: [ip('register', limits.ipRegister), needsPow], bodyLimit: 16 * 1024 },
    async (request, reply) => {
      const body = parse(registerBodySchema, request.body, reply);
      if (!body) return reply;
      const { pow, ...input } = body;
      if (!(await powOk(pow, reply))) return reply;
      return sendResult(reply, await online.candidates.register(input), 201);
    },
  );

  app.post(
    '/api/online/login',
    { preHandler: ip('login', limits.ipLogin), bodyLimit: 4 * 1024 },
    async (request, reply) => {
      const body = parse(loginBodySchema, request.body, reply);
      if (!body) return reply;
      return sendResult(reply, await online.candidates.login(body.idNumber, body.phone));
    },
  );

  app.get(
    '/api/online/me',
    { preHandler: [signedIn, own('read', limits.candidateRead)] },
    async (request, reply) =>
      sendResult(
        reply,
        await online.candidates.home(request.candidateId, (roundId) =>
          online.results.standing(roundId, request.candidateId),
        ),
      ),
  );

  app.post(
    '/api/online/rounds/:id/attempts',
    {
      preHandler: [ip('start', limits.ipStart), signedIn, own('start', limits.candidateStart), needsPow],
      bodyLimit: 4 * 1024,
    },
    async (request, reply) => {
      const params = parse(idParam, request.params, reply);
      const body = params && parse(startAttemptBodySchema, request.body, reply);
      if (!params || !body) return reply;
      if (!(await powOk(body.pow, reply))) return reply;
      return sendResult(reply, await online.attempts.start(params.id, request.candidateId));
    },
  );

  app.get(
    '/api/online/attempts/:id',
    { preHandler: [signedIn, own('read', limits.candidateRead)] },
    async (request, reply) => {
      const params = parse(idParam, request.params, reply);
      if (!params) return reply;
      reply.header('cache-control', 'no-store');
      return sendResult(reply, await online.attempts.view(params.id, request.candidateId));
    },
  );

  app.put(
    '/api/online/attempts/:id/answers',
    {
      preHandler: [ip('answer', limits.ipAnswer), signedIn, own('answer', limits.candidateAnswer)],
      bodyLimit: 8 * 1024,
    },
    async (request, reply) => {
      const params = parse(idParam, request.params, reply);
      const body = params && parse(autosaveBodySchema, request.body, reply);
      if (!params || !body) return reply;
      return sendResult(reply, await online.attempts.autosave(params.id, request.candidateId, body));
    },
  );

  app.post(
    '/api/online/attempts/:id/submit',
    { preHandler: [signedIn, own('submit', limits.candidateSubmit)], bodyLimit: 64 * 1024 },
    async (request, reply) => {
      const params = parse(idParam, request.params, reply);
      const body = params && parse(submitBodySchema, request.body ?? {}, reply);
      if (!params || !body) return reply;
      return sendResult(reply, await online.attempts.submit(params.id, request.candidateId, body));
    },
  );
};
export default candidateRoutes;
