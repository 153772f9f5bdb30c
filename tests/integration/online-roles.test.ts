/**
 * The online staff routes behind the organizer's workspace guard, with real staff accounts: every
 * route × every role × signed out. Reading is for the BTC admin and the secretary; set-up,
 * confirmation, publication and voids for the admin only; a cookie change without its CSRF header is
 * refused; the audit names the person who acted.
 */
import { STAFF_ROLES, type StaffRoleName } from '@cv/shared/protocol';
import type { RoundAdmin } from '@cv/shared/protocol/online.ts';
import { contestFromFixture } from '@cv/server/contest/fixture.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contestFixture, roundBody } from '../support/online.ts';
import { openWorkspace, type Workspace } from './admin/support.ts';

let w: Workspace;
let round: RoundAdmin;
beforeAll(async () => {
  w = await openWorkspace({ contest: contestFromFixture(contestFixture(12)), online: { tickMs: 0 } });
  const res = await w.admin.post(
    '/api/online/admin/rounds',
    roundBody(Date.now() + 86_400_000, Date.now() + 3 * 86_400_000),
  );
  expect(res.statusCode, res.body).toBe(201);
  round = res.json() as RoundAdmin;
});
afterAll(() => w?.close());

const READ = ['admin', 'secretary'];
const MANAGE = ['admin'];
const base = '/api/online/admin';

/** each route with the body it needs; changing routes get fresh data per call where it matters */
const routes = (): {
  method: 'GET' | 'POST' | 'PUT';
  url: string;
  roles: string[];
  payload?: () => unknown;
}[] => [
  { method: 'GET', url: `${base}/settings`, roles: READ },
  {
    method: 'PUT',
    url: `${base}/settings`,
    roles: MANAGE,
    payload: () => ({
      title: 'Cuộc thi trực tuyến Đề án 06',
      form: {
        birth: { mode: 'required', precision: 'year' },
        gender: 'optional',
        unitId: 'required',
        district: 'optional',
        commune: 'off',
        occupation: 'optional',
      },
    }),
  },
  { method: 'GET', url: `${base}/contest`, roles: READ },
  { method: 'GET', url: `${base}/rounds`, roles: READ },
  {
    method: 'POST',
    url: `${base}/rounds`,
    roles: MANAGE,
    payload: () => roundBody(Date.now() + 86_400_000, Date.now() + 2 * 86_400_000),
  },
  { method: 'GET', url: `${base}/rounds/${round.roundId}`, roles: READ },
  { method: 'GET', url: `${base}/rounds/${round.roundId}/pool`, roles: READ },
  { method: 'GET', url: `${base}/rounds/${round.roundId}/dashboard`, roles: READ },
  { method: 'GET', url: `${base}/rounds/${round.roundId}/voids`, roles: READ },
  { method: 'GET', url: `${base}/rounds/${round.roundId}/export.xlsx?kind=units`, roles: READ },
  { method: 'GET', url: `${base}/rounds/${round.roundId}/attempts.jsonl`, roles: READ },
  { method: 'GET', url: `${base}/audit?round=${round.roundId}`, roles: READ },
  { method: 'GET', url: `${base}/candidates?q=0912345678`, roles: READ },
];

describe('online staff routes × roles', () => {
  it('signed out → 401; a role not allowed → 403; an allowed role → 2xx', async () => {
    for (const r of routes()) {
      const anonymous = await w.app.inject({
        method: r.method,
        url: r.url,
        ...(r.payload ? { payload: r.payload() as object } : {}),
      });
      expect(anonymous.statusCode, `${r.method} ${r.url} signed out`).toBe(401);
      for (const role of STAFF_ROLES as readonly StaffRoleName[]) {
        const person = w.staff[role];
        const res =
          r.method === 'GET'
            ? await person.get(r.url)
            : r.method === 'PUT'
              ? await person.put(r.url, r.payload!())
              : await person.post(r.url, r.payload!());
        const expected = r.roles.includes(role) ? 'allowed' : 'forbidden';
        const got =
          res.statusCode < 300
            ? 'allowed'
            : res.statusCode === 403
              ? 'forbidden'
              : `status ${res.statusCode}: ${res.body}`;
        expect(got, `${r.method} ${r.url} as ${role}`).toBe(expected);
      }
    }
  });

  it('a change with the session cookie but no CSRF header is refused and changes nothing', async () => {
    const before = (await w.admin.get(`${base}/rounds`)).json() as RoundAdmin[];
    const res = await w.admin.request(
      {
        method: 'POST',
        url: `${base}/rounds`,
        payload: roundBody(Date.now() + 86_400_000, Date.now() + 2 * 86_400_000),
      },
      { csrf: false },
    );
    expect(res.statusCode).toBe(403);
    expect(res.body).toContain('CSRF_REJECTED');
    expect(((await w.admin.get(`${base}/rounds`)).json() as RoundAdmin[]).length).toBe(before.length);
  });

  it('the online audit names the staff member who acted', async () => {
    const fresh = (await w.admin.get(`${base}/rounds/${round.roundId}`)).json() as RoundAdmin;
    expect(
      (
        await w.admin.put(`${base}/rounds/${round.roundId}`, {
          version: fresh.version,
          title: 'Kỳ thi thứ hai',
        })
      ).statusCode,
    ).toBe(200);
    const audit = (await w.staff.secretary.get(`${base}/audit?round=${round.roundId}`)).json() as {
      action: string;
      actor: string;
    }[];
    const update = audit.find((e) => e.action === 'round:update')!;
    expect(update.actor).toContain('Nguyễn Văn Quản');
  });
});
