/**
 * The organizers' workspace as decorators, on the show store's connection:
 *   app.workspace     accounts, bank, units, exclusions, builder, settings, media; the setup code
 *   app.bank          QuestionBankReader (contest/ports.ts) — approved questions, exact versions
 *   app.units         UnitDirectory — groups → units with roster headcounts
 *   app.exclusions    ExclusionList — CCCD of BTC, BGK, Tổ thư ký, helpers
 *   app.requireStaff  preHandler factory for staff routes: a session cookie (with the CSRF header
 *                     on changes), a personal API token, or the ADMIN_TOKEN bootstrap (role admin)
 */
import cookie from '@fastify/cookie';
import {
  CSRF_HEADER,
  fail,
  mayAccess,
  ok,
  SESSION_COOKIE,
  type Ack,
  type AuthPayload,
  type RouteAccess,
  type SessionInfo,
} from '@cv/shared/protocol';
import fp from 'fastify-plugin';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { IncomingHttpHeaders } from 'node:http';
import { sendError } from '../http/reply.ts';
import { sameSecret } from '../runtime/secrets.ts';
import { workspaceStoreOn, type WorkspaceStore } from '../storage/workspace/index.ts';
import { AccountService, actorOf } from '../workspace/accounts.ts';
import { BankService } from '../workspace/bank/service.ts';
import { BuilderService } from '../workspace/builder/service.ts';
import { SYSTEM_ACTOR, type Actor } from '../workspace/context.ts';
import { MediaStore } from '../workspace/media.ts';
import { SettingsService } from '../workspace/settings.ts';
import { ExclusionService } from '../workspace/units/exclusions.ts';
import { UnitService } from '../workspace/units/service.ts';

export interface Workspace {
  store: WorkspaceStore;
  accounts: AccountService;
  bank: BankService;
  units: UnitService;
  exclusions: ExclusionService;
  builder: BuilderService;
  settings: SettingsService;
  media: MediaStore;
  /** printed by server.ts while no account exists: the first-run screen asks for it */
  setupCode: string | null;
  /** METHOD path of every /api/admin route actually registered (docs and tests check against it) */
  registeredRoutes: string[];
  /** a signed-in MC or judge opening the console of a show assigned to them, without a PIN */
  consoleSession(auth: AuthPayload, headers: IncomingHttpHeaders): Promise<Ack<SessionInfo>>;
}

export type StaffAuth =
  | { actor: Actor; via: 'session'; sessionToken: string; csrfToken: string }
  | { actor: Actor; via: 'token' | 'bootstrap' };

declare module 'fastify' {
  interface FastifyInstance {
    workspace: Workspace;
    bank: BankService;
    units: UnitService;
    exclusions: ExclusionService;
    requireStaff(access: RouteAccess): (request: FastifyRequest, reply: FastifyReply) => Promise<unknown>;
    staffAuth(request: FastifyRequest): Promise<StaffAuth | null>;
  }
  interface FastifyRequest {
    staff: StaffAuth | null;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export default fp<{ mediaDir: string }>(
  async (app, opts) => {
    // parsed only where a session cookie is read: candidates' autosaves carry none and skip the work
    await app.register(cookie, { hook: false });
    const deps = { ws: workspaceStoreOn(app.store), clock: app.shows.clock };
    const accounts = new AccountService(deps);
    const bank = new BankService(deps);
    const units = new UnitService(deps);
    const exclusions = new ExclusionService(deps);
    const builder = new BuilderService({ ...deps, shows: app.shows, bank, accounts });
    await bank.seedTopics(SYSTEM_ACTOR);

    const workspace: Workspace = {
      store: deps.ws,
      accounts,
      bank,
      units,
      exclusions,
      builder,
      settings: new SettingsService(deps),
      media: new MediaStore(opts.mediaDir),
      setupCode: await accounts.issueSetupCode(),
      registeredRoutes: [],
      async consoleSession(auth, headers) {
        if (auth.role !== 'host' && auth.role !== 'judge')
          return fail('UNAUTHORIZED', 'PIN or token required');
        // a page of another site must not ride on the organizer's cookie
        if (headers.origin && safeHost(headers.origin) !== headers.host)
          return fail('FORBIDDEN', 'cross-site request');
        const token = app.parseCookie(headers.cookie ?? '')[SESSION_COOKIE];
        const session = token ? await accounts.session(token) : null;
        if (!session) return fail('UNAUTHORIZED', 'sign in or enter the PIN');
        if (!app.shows.record(auth.showId)) return fail('SHOW_NOT_FOUND', 'no such show');
        const need = auth.role === 'host' ? 'mc' : 'judge';
        const roles = await builder.consoleRoles(auth.showId, session.account);
        if (!roles.includes(need)) return fail('FORBIDDEN', `not assigned to this show as ${need}`);
        return ok({
          role: auth.role,
          showId: auth.showId,
          name: session.account.displayName,
          actorId: `${need}:${session.account.username}`,
        });
      },
    };

    async function staffAuth(request: FastifyRequest): Promise<StaffAuth | null> {
      const header = request.headers.authorization;
      if (header !== undefined) {
        const bearer = header.startsWith('Bearer ') ? header.slice(7).trim() : '';
        if (AccountService.isPersonalToken(bearer)) {
          const account = await accounts.byToken(bearer);
          return account ? { actor: actorOf(account, 'token'), via: 'token' } : null;
        }
        return bearer && app.admin.isAdmin(request)
          ? {
              actor: { accountId: null, name: 'ADMIN_TOKEN', roles: ['admin'], via: 'bootstrap' },
              via: 'bootstrap',
            }
          : null;
      }
      const token = app.parseCookie(request.headers.cookie ?? '')[SESSION_COOKIE];
      const session = token ? await accounts.session(token) : null;
      return session && token
        ? {
            actor: actorOf(session.account, 'session'),
            via: 'session',
            sessionToken: token,
            csrfToken: session.csrfToken,
          }
        : null;
    }

    // every /api/admin route however it was registered, so docs and tests can hold the table to the truth
    app.addHook('onRoute', (route) => {
      if (!route.url.startsWith('/api/admin')) return;
      for (const method of [route.method].flat())
        if (method !== 'HEAD') workspace.registeredRoutes.push(`${method} ${route.url}`);
    });
    app.decorate('workspace', workspace);
    app.decorate('bank', bank);
    app.decorate('units', units);
    app.decorate('exclusions', exclusions);
    app.decorate('staffAuth', staffAuth);
    app.decorateRequest('staff', null);
    app.decorate(
      'requireStaff',
      (access: RouteAccess) => async (request: FastifyRequest, reply: FastifyReply) => {
        const auth = await staffAuth(request);
        if (!auth)
          return sendError(
            reply,
            'UNAUTHORIZED',
            'Cần đăng nhập (phiên đã hết hạn hoặc mã truy cập không hợp lệ).',
          );
        if (auth.via === 'session' && !SAFE_METHODS.has(request.method)) {
          const given = request.headers[CSRF_HEADER];
          if (typeof given !== 'string' || !sameSecret(given, auth.csrfToken))
            return sendError(
              reply,
              'CSRF_REJECTED',
              `Thiếu hoặc sai mã chống giả mạo (${CSRF_HEADER}); hãy tải lại trang.`,
            );
        }
        if (!mayAccess(access, auth.actor.roles))
          return sendError(
            reply,
            'FORBIDDEN',
            `Vai trò của bạn không được làm việc này (cần: ${Array.isArray(access) ? access.join(', ') : access}).`,
          );
        request.staff = auth;
      },
    );
  },
  { name: 'workspace', dependencies: ['store', 'shows', 'admin'] },
);

function safeHost(origin: string): string | null {
  try {
    return new URL(origin).host;
  } catch {
    return null;
  }
}
