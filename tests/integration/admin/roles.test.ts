/**
 * The role matrix: every /api/admin route × every role × signed out, through app.inject, with a
 * valid request per route (fresh data for each caller). Expected: public routes answer anyone;
 * signed out → 401; a role the route table does not allow → 403; an allowed role → 2xx. The same
 * again with each person's personal API token (no CSRF needed), and with the ADMIN_TOKEN bootstrap.
 */
import {
  ADMIN_ROUTES,
  DEFAULT_RULES,
  mayAccess,
  STAFF_ROLES,
  type AdminRouteKey,
  type StaffRoleName,
} from '@cv/shared/protocol';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ADMIN_TOKEN,
  BANK_HEADER,
  login,
  openWorkspace,
  PASSWORD,
  singleRow,
  USERNAMES,
  xlsx,
  type Request,
  type Staff,
  type Workspace,
} from './support.ts';

let w: Workspace;
let app: FastifyInstance;
let n = 0;
const unique = (prefix: string) => `${prefix}${++n}`;
const LIVE = 'matrix-live';
const PNG = Buffer.concat([Buffer.from('\x89PNG\r\n\x1a\n', 'latin1'), Buffer.alloc(64, 1)]);

const content = (prompt = unique('Câu hỏi ma trận số ')) => ({
  topicId: 't1',
  kind: 'single',
  prompt,
  options: ['Phương án một', 'Phương án hai'],
  key: { kind: 'single', correct: 1 },
  timeLimitSec: 20,
});

async function ok<T = Record<string, unknown>>(res: {
  statusCode: number;
  body: string;
  json(): unknown;
}): Promise<T> {
  if (res.statusCode >= 300) throw new Error(`setup step failed: ${res.statusCode} ${res.body}`);
  return res.json() as T;
}

const draft = async () =>
  (await ok<{ questionId: string; rev: number }>(await w.admin.post('/api/admin/questions', content())))
    .questionId;
const submitted = async () => {
  const id = await draft();
  await ok(await w.admin.post(`/api/admin/questions/${id}/submit`));
  return id;
};
const approved = async () => {
  const id = await submitted();
  await ok(await w.staff.reviewer.post(`/api/admin/questions/${id}/approve`, { version: 1 }));
  return id;
};
const plan = async () =>
  (
    await ok<{ showId: string; rev: number }>(
      await w.admin.post('/api/admin/shows', { title: unique('Chương trình ') }),
    )
  ).showId;
const upload = (url: string, file: Buffer, filename = 'tep.xlsx'): Request => {
  const boundary = `----matrix${++n}`;
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`;
  return {
    method: 'POST',
    url,
    payload: Buffer.concat([Buffer.from(head), file, Buffer.from(`\r\n--${boundary}--\r\n`)]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
};

interface Fixture {
  /** a valid request for this caller (role null = signed out); may create what it needs first */
  prepare(caller: StaffRoleName | null): Promise<Request>;
  /** what an allowed caller gets when not a 2xx (e.g. first-run setup once an account exists) */
  allowedStatus?: number;
  /** a separate session to use (sign-out must not end the caller's main session) */
  ownSession?: boolean;
}

const get = (url: string): Fixture => ({ prepare: async () => ({ method: 'GET', url }) });

const FIXTURES: Record<AdminRouteKey, Fixture> = {
  'GET /api/admin/setup': get('/api/admin/setup'),
  'POST /api/admin/setup': {
    prepare: async () => ({
      method: 'POST',
      url: '/api/admin/setup',
      payload: { setupCode: 'X', username: unique('setup'), displayName: 'Ai đó', password: PASSWORD },
    }),
    allowedStatus: 409,
  },
  'POST /api/admin/login': {
    prepare: async () => ({
      method: 'POST',
      url: '/api/admin/login',
      payload: { username: USERNAMES.secretary, password: PASSWORD },
    }),
  },
  'POST /api/admin/logout': {
    prepare: async () => ({ method: 'POST', url: '/api/admin/logout', payload: {} }),
    ownSession: true,
  },
  'GET /api/admin/session': get('/api/admin/session'),
  'POST /api/admin/password': {
    prepare: async () => ({
      method: 'POST',
      url: '/api/admin/password',
      payload: { current: PASSWORD, next: PASSWORD },
    }),
  },
  'GET /api/admin/tokens': get('/api/admin/tokens'),
  'POST /api/admin/tokens': {
    prepare: async () => ({
      method: 'POST',
      url: '/api/admin/tokens',
      payload: { name: unique('kịch bản ') },
    }),
  },
  'DELETE /api/admin/tokens/:tokenId': {
    prepare: async (caller) => {
      const owner = caller ? w.staff[caller] : w.admin;
      const token = await ok<{ tokenId: string }>(
        await owner.post('/api/admin/tokens', { name: unique('thu hồi ') }),
      );
      return { method: 'DELETE', url: `/api/admin/tokens/${token.tokenId}` };
    },
  },
  'GET /api/admin/accounts': get('/api/admin/accounts'),
  'POST /api/admin/accounts': {
    prepare: async () => ({
      method: 'POST',
      url: '/api/admin/accounts',
      payload: {
        username: unique('nguoi.moi'),
        displayName: 'Người mới',
        roles: ['secretary'],
        password: PASSWORD,
      },
    }),
  },
  'PATCH /api/admin/accounts/:accountId': {
    prepare: async () => ({
      method: 'PATCH',
      url: `/api/admin/accounts/${await account()}`,
      payload: { displayName: 'Tên đã sửa' },
    }),
  },
  'POST /api/admin/accounts/:accountId/password': {
    prepare: async () => ({
      method: 'POST',
      url: `/api/admin/accounts/${await account()}/password`,
      payload: { password: 'Mat-khau-cap-lai-99' },
    }),
  },
  'POST /api/admin/accounts/:accountId/unlock': {
    prepare: async () => ({
      method: 'POST',
      url: `/api/admin/accounts/${await account()}/unlock`,
      payload: {},
    }),
  },
  'GET /api/admin/settings': get('/api/admin/settings'),
  'PUT /api/admin/settings': {
    prepare: async () => ({
      method: 'PUT',
      url: '/api/admin/settings',
      payload: {
        contestTitle: 'Cuộc thi tìm hiểu Đề án 06',
        organizer: 'Ban Tổ chức',
        place: 'Đắk Lắk',
        signerTitle: 'Trưởng ban',
        signerName: '',
      },
    }),
  },
  'GET /api/admin/topics': get('/api/admin/topics'),
  'POST /api/admin/topics': {
    prepare: async () => ({ method: 'POST', url: '/api/admin/topics', payload: { name: unique('Chủ đề ') } }),
  },
  'GET /api/admin/questions': get('/api/admin/questions'),
  'POST /api/admin/questions': {
    prepare: async () => ({ method: 'POST', url: '/api/admin/questions', payload: content() }),
  },
  'GET /api/admin/questions/template.xlsx': get('/api/admin/questions/template.xlsx'),
  'GET /api/admin/questions/export': get('/api/admin/questions/export?format=csv'),
  'POST /api/admin/questions/import': {
    prepare: async () =>
      upload('/api/admin/questions/import', await xlsx([BANK_HEADER, singleRow(unique('Câu nhập số '))])),
  },
  'GET /api/admin/questions/:questionId': {
    prepare: async () => ({ method: 'GET', url: `/api/admin/questions/${await draft()}` }),
  },
  'PUT /api/admin/questions/:questionId': {
    prepare: async () => ({
      method: 'PUT',
      url: `/api/admin/questions/${await draft()}`,
      payload: { rev: 1, content: content() },
    }),
  },
  'DELETE /api/admin/questions/:questionId': {
    prepare: async () => ({ method: 'DELETE', url: `/api/admin/questions/${await draft()}` }),
  },
  'POST /api/admin/questions/:questionId/submit': {
    prepare: async () => ({
      method: 'POST',
      url: `/api/admin/questions/${await draft()}/submit`,
      payload: {},
    }),
  },
  'POST /api/admin/questions/:questionId/approve': {
    prepare: async () => ({
      method: 'POST',
      url: `/api/admin/questions/${await submitted()}/approve`,
      payload: { version: 1 },
    }),
  },
  'POST /api/admin/questions/:questionId/return': {
    prepare: async () => ({
      method: 'POST',
      url: `/api/admin/questions/${await submitted()}/return`,
      payload: { version: 1, comment: 'Phương án B chưa chính xác' },
    }),
  },
  'POST /api/admin/media': { prepare: async () => upload('/api/admin/media', PNG, 'anh.png') },
  'GET /api/admin/units': get('/api/admin/units'),
  'POST /api/admin/units': {
    prepare: async () => ({
      method: 'POST',
      url: '/api/admin/units',
      payload: { groupName: 'Khối ma trận', name: unique('Đơn vị '), headcount: 10 },
    }),
  },
  'PATCH /api/admin/units/:unitId': {
    prepare: async () => ({
      method: 'PATCH',
      url: `/api/admin/units/${await unit()}`,
      payload: { headcount: 99 },
    }),
  },
  'DELETE /api/admin/units/:unitId': {
    prepare: async () => ({ method: 'DELETE', url: `/api/admin/units/${await unit()}` }),
  },
  'GET /api/admin/units/template.xlsx': get('/api/admin/units/template.xlsx'),
  'POST /api/admin/units/import': {
    prepare: async () =>
      upload(
        '/api/admin/units/import',
        await xlsx([
          ['Khối/Cụm', 'Đơn vị'],
          ['Khối nhập', unique('Đơn vị nhập ')],
        ]),
      ),
  },
  'GET /api/admin/exclusions': get('/api/admin/exclusions'),
  'POST /api/admin/exclusions': {
    prepare: async () => ({
      method: 'POST',
      url: '/api/admin/exclusions',
      payload: { idNumber: cccd(), name: 'Thành viên BGK' },
    }),
  },
  'DELETE /api/admin/exclusions/:idNumber': {
    prepare: async () => {
      const id = cccd();
      await ok(await w.admin.post('/api/admin/exclusions', { idNumber: id, name: 'Sẽ xoá' }));
      return { method: 'DELETE', url: `/api/admin/exclusions/${id}` };
    },
  },
  'GET /api/admin/exclusions/template.xlsx': get('/api/admin/exclusions/template.xlsx'),
  'POST /api/admin/exclusions/import': {
    prepare: async () =>
      upload(
        '/api/admin/exclusions/import',
        await xlsx([
          ['Số CCCD', 'Họ và tên'],
          [cccd(), 'Tổ giúp việc'],
        ]),
      ),
  },
  'GET /api/admin/shows': get('/api/admin/shows'),
  'POST /api/admin/shows': {
    prepare: async () => ({
      method: 'POST',
      url: '/api/admin/shows',
      payload: { title: 'Chương trình thử' },
    }),
  },
  'GET /api/admin/shows/:showId': {
    prepare: async () => ({ method: 'GET', url: `/api/admin/shows/${await plan()}` }),
  },
  'PUT /api/admin/shows/:showId': {
    prepare: async () => {
      const [showId, questionId] = [await plan(), await approved()];
      return {
        method: 'PUT',
        url: `/api/admin/shows/${showId}`,
        payload: {
          rev: 1,
          title: 'Đã sửa',
          seatCount: 10,
          rules: DEFAULT_RULES,
          slots: [{ pool: 'main', questionId, version: 1, timeLimitSec: 15 }],
        },
      };
    },
  },
  'PUT /api/admin/shows/:showId/contestants': {
    prepare: async () => ({
      method: 'PUT',
      url: `/api/admin/shows/${await plan()}/contestants`,
      payload: { rev: 1, contestants: [{ seat: 1, name: 'Nguyễn Thị An', unit: 'Sở Tư pháp' }] },
    }),
  },
  'GET /api/admin/contestants/template.xlsx': get('/api/admin/contestants/template.xlsx'),
  'POST /api/admin/shows/:showId/contestants/import': {
    prepare: async () =>
      upload(
        `/api/admin/shows/${await plan()}/contestants/import`,
        await xlsx([
          ['Số ghế', 'Họ và tên'],
          [1, 'Trần Văn Bình'],
        ]),
      ),
  },
  'PUT /api/admin/shows/:showId/staff': {
    prepare: async () => ({
      method: 'PUT',
      url: `/api/admin/shows/${await plan()}/staff`,
      payload: { mc: [w.staff.mc.accountId], judge: [] },
    }),
  },
  'POST /api/admin/shows/:showId/publish': {
    prepare: async () => ({
      method: 'POST',
      url: `/api/admin/shows/${await publishable()}/publish`,
      payload: {},
    }),
  },
  'GET /api/admin/shows/:showId/seat-cards': get(`/api/admin/shows/${LIVE}/seat-cards`),
  'GET /api/admin/shows/:showId/results': get(`/api/admin/shows/${LIVE}/results`),
  'GET /api/admin/shows/:showId/export/:kind': get(`/api/admin/shows/${LIVE}/export/all`),
  'GET /api/admin/shows/:showId/certificates.pdf': get(`/api/admin/shows/${LIVE}/certificates.pdf`),
  'GET /api/admin/audit': get('/api/admin/audit?scope=bank'),
  'GET /api/admin/audit/export': get('/api/admin/audit/export'),
  'GET /api/admin/audit.jsonl': get('/api/admin/audit.jsonl'),
};

async function account(): Promise<string> {
  const created = await ok<{ accountId: string }>(
    await w.admin.post('/api/admin/accounts', {
      username: unique('tam.thoi'),
      displayName: 'Tạm thời',
      roles: ['judge'],
      password: PASSWORD,
    }),
  );
  return created.accountId;
}
async function unit(): Promise<string> {
  return (
    await ok<{ unitId: string }>(
      await w.admin.post('/api/admin/units', { groupName: 'Khối ma trận', name: unique('Đơn vị xoá ') }),
    )
  ).unitId;
}
const cccd = () => `0661${String(++n).padStart(8, '0')}`;
async function publishable(): Promise<string> {
  const [showId, questionId] = [await plan(), await approved()];
  await ok(
    await w.admin.put(`/api/admin/shows/${showId}`, {
      rev: 1,
      title: 'Sẵn sàng tạo',
      seatCount: 3,
      rules: DEFAULT_RULES,
      slots: [{ pool: 'main', questionId, version: 1, timeLimitSec: 15 }],
    }),
  );
  return showId;
}

/** a published show played to the end through the runner, prizes confirmed: records and certificates exist */
async function liveShow(): Promise<void> {
  const questionId = await approved();
  await ok(await w.admin.post('/api/admin/shows', { title: 'Chung kết ma trận', showId: LIVE }));
  await ok(
    await w.admin.put(`/api/admin/shows/${LIVE}`, {
      rev: 1,
      title: 'Chung kết ma trận',
      seatCount: 2,
      rules: DEFAULT_RULES,
      slots: [{ pool: 'main', questionId, version: 1, timeLimitSec: 15 }],
    }),
  );
  await ok(
    await w.admin.put(`/api/admin/shows/${LIVE}/contestants`, {
      rev: 2,
      contestants: [
        { seat: 1, name: 'Nguyễn Thị Ánh' },
        { seat: 2, name: 'Trần Đức' },
      ],
    }),
  );
  await ok(await w.admin.post(`/api/admin/shows/${LIVE}/publish`));
  const runner = app.shows.runner(LIVE)!;
  const host = { role: 'host' as const, id: 'host' };
  for (const command of [{ type: 'show:start' }, { type: 'show:finish' }] as const)
    expect((await runner.submit({ ...command, version: runner.version }, host)).ok).toBe(true);
  const confirmed = await runner.submit(
    { type: 'prizes:confirm', version: runner.version, awards: [{ prize: 'first', seats: [1] }] },
    host,
  );
  expect(confirmed.ok).toBe(true);
}

beforeAll(async () => {
  w = await openWorkspace();
  app = w.app;
  await liveShow();
});
afterAll(() => w.close());

type Caller = StaffRoleName | null;
const CALLERS: Caller[] = [null, ...STAFF_ROLES];

function expected(
  key: AdminRouteKey,
  caller: Caller,
  roles: readonly StaffRoleName[] | null,
): number | '2xx' {
  const route = ADMIN_ROUTES.find((r) => `${r.method} ${r.path}` === key)!;
  const fixture = FIXTURES[key];
  if (route.access === 'public') return fixture.allowedStatus ?? '2xx';
  if (caller === null) return 401;
  if (!mayAccess(route.access, roles)) return 403;
  return fixture.allowedStatus ?? '2xx';
}

function check(status: number, want: number | '2xx', body: string) {
  if (want === '2xx') expect(status, body.slice(0, 300)).toBeGreaterThanOrEqual(200);
  if (want === '2xx') expect(status, body.slice(0, 300)).toBeLessThan(300);
  else expect(status, body.slice(0, 300)).toBe(want);
}

async function send(
  caller: Caller,
  r: Request,
  via: 'cookie' | 'token',
  fresh: boolean,
  tokens: Map<StaffRoleName, string>,
) {
  if (caller === null)
    return app.inject({ method: r.method, url: r.url, payload: r.payload as string, headers: r.headers });
  if (via === 'token')
    return app.inject({
      method: r.method,
      url: r.url,
      payload: r.payload as string,
      headers: { ...r.headers, authorization: `Bearer ${tokens.get(caller)}` },
    });
  const who: Staff = fresh ? await login(app, USERNAMES[caller]) : w.staff[caller];
  return who.request(r);
}

describe('role matrix: every admin route × every role × signed out', () => {
  const tokens = new Map<StaffRoleName, string>();
  beforeAll(async () => {
    for (const role of STAFF_ROLES)
      tokens.set(
        role,
        (await ok<{ token: string }>(await w.staff[role].post('/api/admin/tokens', { name: 'ma trận' })))
          .token,
      );
  });

  it('covers every route of the table', () => {
    expect(Object.keys(FIXTURES).sort()).toEqual(ADMIN_ROUTES.map((r) => `${r.method} ${r.path}`).sort());
  });

  for (const via of ['cookie', 'token'] as const)
    for (const route of ADMIN_ROUTES) {
      const key = `${route.method} ${route.path}` as AdminRouteKey;
      it(`${key} (${via})`, async () => {
        for (const caller of CALLERS) {
          const fixture = FIXTURES[key];
          const request = await fixture.prepare(caller);
          const res = await send(caller, request, via, fixture.ownSession === true, tokens);
          const roles = caller ? [caller] : null;
          check(
            res.statusCode,
            expected(key, caller, roles),
            `${caller ?? 'signed out'} ${via}: ${res.body}`,
          );
          if (res.statusCode === 401) expect(res.json().error.code).toBe('UNAUTHORIZED');
          if (res.statusCode === 403) expect(res.json().error.code).toBe('FORBIDDEN');
        }
      });
    }

  it('the ADMIN_TOKEN bootstrap acts as an admin for automation, but owns no password or personal tokens', async () => {
    for (const route of ADMIN_ROUTES) {
      const key = `${route.method} ${route.path}` as AdminRouteKey;
      const request = await FIXTURES[key].prepare('admin');
      const res = await app.inject({
        method: request.method,
        url: request.url,
        payload: request.payload as string,
        headers: { ...request.headers, authorization: `Bearer ${ADMIN_TOKEN}` },
      });
      const accountBound = key === 'POST /api/admin/password' || key === 'POST /api/admin/tokens';
      check(res.statusCode, accountBound ? 403 : expected(key, 'admin', ['admin']), `${key}: ${res.body}`);
    }
    const wrong = await app.inject({
      url: '/api/admin/questions',
      headers: { authorization: 'Bearer not-the-token' },
    });
    expect(wrong.statusCode).toBe(401);
  });

  it('a person holding several roles gets the union of their rights', async () => {
    const created = await ok<{ accountId: string }>(
      await w.admin.post('/api/admin/accounts', {
        username: 'nhieu.vai',
        displayName: 'Nhiều Vai Trò',
        roles: ['reviewer', 'secretary'],
        password: PASSWORD,
      }),
    );
    expect(created.accountId).toBeTruthy();
    const both = await login(app, 'nhieu.vai');
    expect((await both.get('/api/admin/units')).statusCode).toBe(200); // secretary
    const id = await submitted();
    expect((await both.post(`/api/admin/questions/${id}/approve`, { version: 1 })).statusCode).toBe(200); // reviewer
    expect((await both.get('/api/admin/accounts')).statusCode).toBe(403); // not admin
  });
});
