/**
 * The authorization matrix, generated from what the server registers: every socket request × every
 * role (MC, judge, the seat's own tablet, a screen, a phone in the hall, nobody signed in) and every
 * HTTP route × every caller (nobody, garbage, a candidate, each staff role, the ADMIN_TOKEN). The
 * expectations are written here, independently of the server's own tables, and a request or route
 * the table does not know fails the test: a new one must be classified before it ships.
 */
import {
  ADMIN_ROUTES,
  mayAccess,
  REQUEST_NAMES,
  STAFF_ROLES,
  type AuthPayload,
  type RequestName,
  type Role,
  type ShowDetail,
  type StaffRoleName,
} from '@cv/shared/protocol';
import type { InjectOptions } from 'fastify';
import { io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openFuzzApp, type FuzzApp } from '../fuzz/kit.ts';
import { ADMIN_TOKEN } from '../integration/admin/support.ts';
import { handshake, single } from '../integration/harness.ts';
import { requestExamples } from '../support/request-examples.ts';

let f: FuzzApp;
let url: string;
beforeAll(async () => {
  f = await openFuzzApp();
  await f.app.listen({ port: 0, host: '127.0.0.1' });
  const address = f.app.server.address();
  url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
}, 60_000);
afterAll(async () => f?.close());

// ---------------------------------------------------------------- sockets

const MC: Role[] = ['host'];
const BENCH: Role[] = ['host', 'judge'];
const EVERYONE: Role[] = ['host', 'judge', 'player', 'screen', 'audience'];

/** who may send each request: the MC drives, judges rule on verdicts (and may pause), devices answer */
const SOCKET_POLICY: Record<RequestName, Role[]> = {
  'show:start': MC,
  'question:show': MC,
  'question:options': MC,
  'question:open': MC,
  'question:lock': MC,
  'question:reveal': MC,
  'question:swap': MC,
  'show:pause': BENCH,
  'show:resume': MC,
  'rescue:apply': MC,
  'verdict:revise': BENCH,
  'show:finish': MC,
  'prizes:confirm': MC,
  'seat:update': MC,
  'preshow:rehearse': MC,
  'time:sync': EVERYONE,
  'show:resync': EVERYONE,
  'answer:submit': ['player'],
  'audience:answer': ['audience'],
  'seat:reset-pin': MC,
  'seat:cards': MC,
  'audit:recent': BENCH,
  'preshow:check': BENCH,
  'show:minutes': BENCH,
  'screen:control': MC,
  'seat:takeover-decide': MC,
};

describe('authorization matrix: socket requests × roles', () => {
  it('every request of the protocol has a row, and every role gets exactly what the row says', async () => {
    expect(Object.keys(SOCKET_POLICY).sort()).toEqual([...REQUEST_NAMES].sort());
    const record = f.app.shows.record(f.showId)!;
    const auths: Record<Role, AuthPayload> = {
      host: { role: 'host', showId: f.showId, pin: record.secrets.hostPin },
      judge: { role: 'judge', showId: f.showId, pin: record.secrets.judgePin },
      player: { role: 'player', showId: f.showId, seat: 1, pin: record.secrets.seats['1'].pin },
      screen: { role: 'screen', showId: f.showId, displayToken: record.secrets.displayToken },
      audience: { role: 'audience', showId: f.showId, name: 'Khán giả ma trận' },
    };
    const wrong: string[] = [];
    let cells = 0;
    for (const role of EVERYONE) {
      const socket = io(url, { auth: auths[role], transports: ['websocket'], reconnection: false });
      await new Promise<void>((resolve, reject) => {
        socket.once('connect', () => resolve());
        socket.once('connect_error', reject);
      });
      // a stale version: an allowed command is refused by the rules (STALE_VERSION), not by the role check
      const examples = requestExamples(987_654);
      for (const name of REQUEST_NAMES) {
        const payload = examples[name];
        const res = (await socket
          .timeout(5000)
          .emitWithAck(name, ...(payload === undefined ? [] : [payload]))) as {
          ok: boolean;
          error?: { code: string };
        };
        cells++;
        const allowed = SOCKET_POLICY[name].includes(role);
        const denied = !res.ok && res.error?.code === 'FORBIDDEN';
        if (allowed === denied)
          wrong.push(
            `${role} ${name}: ${allowed ? 'allowed' : 'denied'} expected, got ${JSON.stringify(res)}`,
          );
      }
      socket.close();
    }
    // nobody signed in: no role's handshake passes without its credential, or with another seat's
    const refused: Record<string, string> = {};
    for (const role of EVERYONE) {
      if (role === 'audience') continue; // a phone in the hall needs no credential, by design
      const { pin: _pin, displayToken: _token, ...bare } = auths[role] as Record<string, unknown>;
      refused[`${role} without credential`] = await handshake(url, bare);
      refused[`${role} with a wrong one`] = await handshake(url, {
        ...bare,
        pin: '000000',
        displayToken: 'x',
      });
      cells += 2;
    }
    refused['seat 2 with seat 1 PIN'] = await handshake(url, { ...auths.player, seat: 2 });
    refused['no show'] = await handshake(url, { ...auths.audience, showId: 'no-such-show' });
    cells += 2;
    console.log(
      `[authorization:socket] cells checked ${cells}, wrong ${wrong.length + Object.values(refused).filter((r) => r === 'connected').length}`,
    );
    expect(wrong).toEqual([]);
    for (const [what, outcome] of Object.entries(refused)) expect(outcome, what).not.toBe('connected');
  });

  it("a tablet's answer lands on its own seat whatever the payload names", async () => {
    const created = await f.app.inject({
      method: 'POST',
      url: '/api/shows',
      headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
      payload: { title: 'Ghế của mình', seatCount: 3, questions: [single('q1', 0)] },
    });
    const show = created.json() as ShowDetail;
    const runner = f.app.shows.runner(show.showId)!;
    const host = io(url, {
      auth: { role: 'host', showId: show.showId, pin: show.secrets.hostPin },
      transports: ['websocket'],
    });
    const seat1 = io(url, {
      auth: { role: 'player', showId: show.showId, seat: 1, pin: show.secrets.seats['1'].pin },
      transports: ['websocket'],
    });
    for (const cmd of ['show:start', 'question:show', 'question:open']) {
      const res = await host.timeout(5000).emitWithAck(cmd, { version: runner.state.version });
      expect(res, `${cmd}: ${JSON.stringify(res)}`).toMatchObject({ ok: true });
    }
    const round = runner.state.rounds.length - 1;
    const res = await seat1.timeout(5000).emitWithAck('answer:submit', { round, value: 0, seat: 2 });
    expect(res).toMatchObject({ ok: true });
    expect(Object.keys(runner.state.rounds[round].answers)).toEqual(['1']);
    host.close();
    seat1.close();
  });
});

// ---------------------------------------------------------------- HTTP

type Caller = 'nobody' | 'garbage' | 'candidate' | 'adminToken' | StaffRoleName;
const CALLERS: Caller[] = ['nobody', 'garbage', 'candidate', 'adminToken', ...STAFF_ROLES];
/** the ADMIN_TOKEN acts as an admin, and only as one (it cannot approve questions as a reviewer) */
const STAFF_CALLERS = (roles: readonly StaffRoleName[]): Caller[] =>
  roles.includes('admin') ? [...roles, 'adminToken'] : [...roles];

/**
 * Who may use each route. Public pages and the candidate's sign-up are open; the show API takes the
 * ADMIN_TOKEN; /api/admin follows its route table (the ADMIN_TOKEN acts as an admin); the online
 * staff routes let the admin manage and the secretary read; a candidate's own routes take their session.
 */
function httpPolicy(method: string, path: string): Caller[] | 'public' {
  if (path.startsWith('/api/admin/')) {
    const route = ADMIN_ROUTES.find((r) => r.method === method && r.path === path);
    if (!route) throw new Error(`${method} ${path} is not in ADMIN_ROUTES`);
    if (route.access === 'public') return 'public';
    return STAFF_CALLERS(STAFF_ROLES.filter((r) => mayAccess(route.access, [r])));
  }
  if (path.startsWith('/api/online/admin/'))
    return STAFF_CALLERS(method === 'GET' ? ['admin', 'secretary'] : ['admin']);
  if (
    path === '/api/online/me' ||
    path.startsWith('/api/online/attempts/') ||
    path === '/api/online/rounds/:id/attempts'
  )
    return ['candidate'];
  if (path === '/api/shows' || path === '/api/shows/:id' || path === '/api/shows/:id/audit')
    return ['adminToken'];
  const open = [
    '/api/health',
    '/api/shows/:id/public',
    '/api/online/form',
    '/api/online/feed.json',
    '/api/online/challenge',
    '/api/online/register',
    '/api/online/login',
    '/api/online/rounds',
    '/api/online/rounds/:id',
    '/api/online/rounds/:id/results',
    '/api/online/rounds/:id/widget',
    '/uploads/:name',
  ];
  if (open.includes(path)) return 'public';
  throw new Error(`${method} ${path}: no authorization policy — classify it in this table`);
}

describe('authorization matrix: HTTP routes × callers', () => {
  it('only the intended callers get past the guard of every route', async () => {
    const routes = f.routes.filter((r) => r.url.startsWith('/api/') || r.url.startsWith('/uploads/'));
    expect(routes.length).toBeGreaterThan(60);
    const wrong: string[] = [];
    let cells = 0;
    for (const route of routes) {
      const policy = httpPolicy(route.method, route.url);
      if (policy === 'public') continue;
      const path = route.url.replace(/:(\w+)/g, (_m, name: string) =>
        name === 'id' || name === 'showId' ? 'no-such-id' : 'x1',
      );
      for (const caller of CALLERS) {
        const res = await f.app.inject({
          method: route.method as InjectOptions['method'],
          url: path,
          headers: headersFor(caller),
          ...(route.method === 'GET' || route.method === 'DELETE' ? {} : { payload: {} }),
        });
        cells++;
        const allowed = policy.includes(caller);
        const denied = res.statusCode === 401 || res.statusCode === 403;
        if (allowed === denied)
          wrong.push(
            `${caller} ${route.method} ${route.url}: ${allowed ? 'allowed' : 'denied'} expected, got ${res.statusCode} ${res.body.slice(0, 120)}`,
          );
      }
    }
    const publicCount = routes.filter((r) => httpPolicy(r.method, r.url) === 'public').length;
    console.log(
      `[authorization:http] routes ${routes.length} (${publicCount} public), cells checked ${cells}, wrong ${wrong.length}`,
    );
    expect(wrong).toEqual([]);
  });
});

function headersFor(caller: Caller): Record<string, string> {
  switch (caller) {
    case 'nobody':
      return {};
    case 'garbage':
      return { authorization: 'Bearer not-a-token', cookie: 'cv_session=forged' };
    case 'candidate':
      return { authorization: `Bearer ${f.candidateToken}` };
    case 'adminToken':
      return { authorization: `Bearer ${ADMIN_TOKEN}` };
    default:
      return { authorization: `Bearer ${f.staffTokens[caller]}` };
  }
}
