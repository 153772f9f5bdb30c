/** /api/admin: first run, sign-in and sessions, my password and API tokens, staff accounts, contest settings. */
import {
  changePasswordSchema,
  createAccountSchema,
  createTokenSchema,
  loginSchema,
  resetPasswordSchema,
  SESSION_COOKIE,
  settingsSchema,
  setupSchema,
  updateAccountSchema,
  type SessionReply,
} from '@cv/shared/protocol';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { LOGIN_POLICY, publicAccount, type SignedIn } from '../../workspace/accounts.ts';
import { actorOf, parse, routeRegistrar } from './kit.ts';

const accountParams = z.object({ accountId: z.string().min(1).max(40) });
const tokenParams = z.object({ tokenId: z.string().min(1).max(40) });

export default async function authRoutes(app: FastifyInstance) {
  const route = routeRegistrar(app);
  const { accounts, settings } = app.workspace;

  const setCookie = (request: FastifyRequest, reply: FastifyReply, signedIn: SignedIn) =>
    reply.setCookie(SESSION_COOKIE, signedIn.sessionToken, {
      httpOnly: true,
      sameSite: 'strict',
      path: '/',
      secure: request.protocol === 'https',
      maxAge: Math.floor(LOGIN_POLICY.sessionMs / 1000),
    });
  const signedInReply = (s: SignedIn): SessionReply => ({
    account: publicAccount(s.account),
    csrfToken: s.csrfToken,
    via: 'session',
  });

  route('GET /api/admin/setup', async () => ({ needsSetup: !(await accounts.hasAccounts()) }));

  route('POST /api/admin/setup', async (request, reply) => {
    const input = parse(setupSchema, request.body);
    await accounts.setup(input);
    const signedIn = await accounts.login(input.username, input.password, request.ip);
    setCookie(request, reply, signedIn);
    return reply.code(201).send(signedInReply(signedIn));
  });

  route('POST /api/admin/login', async (request, reply) => {
    const input = parse(loginSchema, request.body);
    const signedIn = await accounts.login(input.username, input.password, request.ip);
    setCookie(request, reply, signedIn);
    return signedInReply(signedIn);
  });

  route('POST /api/admin/logout', async (request, reply) => {
    const staff = request.staff!;
    if (staff.via === 'session') await accounts.logout(staff.actor, staff.sessionToken);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return { ok: true };
  });

  route('GET /api/admin/session', async (request): Promise<SessionReply> => {
    const staff = request.staff!;
    if (staff.via === 'bootstrap')
      return {
        account: {
          accountId: '',
          username: 'admin-token',
          displayName: 'ADMIN_TOKEN',
          roles: ['admin'],
          disabled: false,
          mustChangePassword: false,
          lockedUntil: null,
          createdAt: 0,
        },
        csrfToken: '',
        via: 'bootstrap',
      };
    const account = (await accounts.get(staff.actor.accountId!))!.doc;
    return {
      account: publicAccount(account),
      csrfToken: staff.via === 'session' ? staff.csrfToken : '',
      via: staff.via,
    };
  });

  route('POST /api/admin/password', async (request) => {
    const input = parse(changePasswordSchema, request.body);
    await accounts.changeOwnPassword(actorOf(request), input.current, input.next);
    return { ok: true };
  });

  route('GET /api/admin/tokens', async (request) => accounts.listTokens(actorOf(request)));

  route('POST /api/admin/tokens', async (request, reply) => {
    const input = parse(createTokenSchema, request.body);
    const created = await accounts.createToken(actorOf(request), input.name);
    return reply.code(201).send({ token: created.token, ...created.info });
  });

  route('DELETE /api/admin/tokens/:tokenId', async (request) => {
    const { tokenId } = parse(tokenParams, request.params);
    await accounts.revokeToken(actorOf(request), tokenId);
    return { ok: true };
  });

  route('GET /api/admin/accounts', async () => accounts.list());

  route('POST /api/admin/accounts', async (request, reply) => {
    const input = parse(createAccountSchema, request.body);
    const account = await accounts.create(actorOf(request), input);
    return reply.code(201).send(publicAccount(account));
  });

  route('PATCH /api/admin/accounts/:accountId', async (request) => {
    const { accountId } = parse(accountParams, request.params);
    return publicAccount(
      await accounts.update(actorOf(request), accountId, parse(updateAccountSchema, request.body)),
    );
  });

  route('POST /api/admin/accounts/:accountId/password', async (request) => {
    const { accountId } = parse(accountParams, request.params);
    await accounts.resetPassword(
      actorOf(request),
      accountId,
      parse(resetPasswordSchema, request.body).password,
    );
    return { ok: true };
  });

  route('POST /api/admin/accounts/:accountId/unlock', async (request) => {
    const { accountId } = parse(accountParams, request.params);
    await accounts.unlock(actorOf(request), accountId);
    return { ok: true };
  });

  route('GET /api/admin/settings', async () => settings.get());

  route('PUT /api/admin/settings', async (request) =>
    settings.set(actorOf(request), parse(settingsSchema, request.body)),
  );
}
