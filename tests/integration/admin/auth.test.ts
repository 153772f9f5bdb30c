/**
 * Sign-in and its protections: the first-run screen exists only while there is no account, CSRF on
 * cookie-authenticated changes, lockout after repeated wrong passwords, sessions kept in the store
 * (a restart, a second node on the same Redis), admin password resets, personal API tokens, and
 * `npm run admin:create`.
 */
import { deleteRedisKeys, redisTestMode, testRedisUrl } from '@cv/server/storage/redis/availability.ts';
import { CSRF_HEADER } from '@cv/shared/protocol';
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { login, openApp, openWorkspace, PASSWORD, USERNAMES, type Workspace } from './support.ts';

const open: { close(): Promise<unknown> }[] = [];
const dirs: string[] = [];
afterEach(async () => {
  for (const a of open.splice(0)) await a.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'cv-auth-'));
  dirs.push(d);
  return d;
};
async function workspace(options: Parameters<typeof openWorkspace>[0] = {}): Promise<Workspace> {
  const w = await openWorkspace(options, tempDir());
  open.push(w);
  return w;
}

describe('first run', () => {
  it('offers setup only while no account exists, and only with the setup code the server printed', async () => {
    const { app } = await openApp({}, tempDir());
    open.push(app);
    expect((await app.inject({ url: '/api/admin/setup' })).json()).toEqual({ needsSetup: true });
    expect(app.workspace.setupCode).toMatch(/^[0-9A-F]{12}$/);
    const body = { username: 'btc', displayName: 'Nguyễn Văn Quản', password: PASSWORD };
    const wrong = await app.inject({
      method: 'POST',
      url: '/api/admin/setup',
      payload: { ...body, setupCode: 'AAAAAAAAAAAA' },
    });
    expect(wrong.statusCode).toBe(401);
    expect((await app.inject({ url: '/api/admin/setup' })).json()).toEqual({ needsSetup: true });
    const weak = await app.inject({
      method: 'POST',
      url: '/api/admin/setup',
      payload: { ...body, password: 'ngan', setupCode: app.workspace.setupCode },
    });
    expect(weak.statusCode).toBe(400);
    const done = await app.inject({
      method: 'POST',
      url: '/api/admin/setup',
      payload: { ...body, setupCode: app.workspace.setupCode!.toLowerCase() },
    });
    expect(done.statusCode).toBe(201);
    expect(done.json().account).toMatchObject({ username: 'btc', roles: ['admin'] });
    expect((await app.inject({ url: '/api/admin/setup' })).json()).toEqual({ needsSetup: false });
    const again = await app.inject({
      method: 'POST',
      url: '/api/admin/setup',
      payload: { ...body, username: 'ke.gian', setupCode: app.workspace.setupCode },
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('SETUP_DONE');
  });

  it('npm run admin:create makes the first admin in the same store, and the server then offers no setup', async () => {
    const dataDir = tempDir();
    const root = fileURLToPath(new URL('../../../', import.meta.url));
    const run = (username: string, password: string) =>
      spawnSync(
        'npm',
        [
          'run',
          '-s',
          'admin:create',
          '--',
          '--username',
          username,
          '--name',
          'Lê Văn Quản Trị',
          '--password-stdin',
        ],
        {
          cwd: root,
          input: `${password}\n`,
          env: { ...process.env, DATA_DIR: dataDir, STORE: 'sqlite' },
          encoding: 'utf8',
        },
      );
    const weak = run('btc.yeu', 'ngan');
    expect(weak.status).toBe(1);
    expect(weak.stderr).toContain('ít nhất 10 ký tự');
    const made = run('btc.quan', PASSWORD);
    expect(made.status, made.stderr).toBe(0);
    expect(made.stdout).toContain('btc.quan');
    expect(run('btc.quan', PASSWORD).status).toBe(1); // taken

    const { app } = await openApp({}, dataDir);
    open.push(app);
    expect(app.workspace.setupCode).toBeNull();
    const admin = await login(app, 'btc.quan');
    expect((await admin.get('/api/admin/accounts')).statusCode).toBe(200);
  });
});

describe('sessions and CSRF', () => {
  it('sets an HttpOnly SameSite=Strict cookie; a cookie change without the CSRF header is refused and changes nothing', async () => {
    const w = await workspace();
    const res = await w.app.inject({
      method: 'POST',
      url: '/api/admin/login',
      payload: { username: 'btc', password: PASSWORD },
    });
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toMatch(/^cv_session=[\w-]{40,};/);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Strict');
    expect(cookie).toContain('Path=/');
    const topics = async () => (await w.admin.get('/api/admin/topics')).json().length;
    const before = await topics();

    const none = await w.admin.request(
      { method: 'POST', url: '/api/admin/topics', payload: { name: 'Chủ đề giả mạo' } },
      { csrf: false },
    );
    expect(none.statusCode).toBe(403);
    expect(none.json().error.code).toBe('CSRF_REJECTED');
    const wrong = await w.admin.request(
      {
        method: 'POST',
        url: '/api/admin/topics',
        payload: { name: 'Chủ đề giả mạo' },
        headers: { [CSRF_HEADER]: 'x'.repeat(32) },
      },
      { csrf: false },
    );
    expect(wrong.statusCode).toBe(403);
    // another person's token does not fit this session
    const other = await w.admin.request(
      {
        method: 'POST',
        url: '/api/admin/topics',
        payload: { name: 'Chủ đề giả mạo' },
        headers: { [CSRF_HEADER]: w.staff.secretary.csrfToken },
      },
      { csrf: false },
    );
    expect(other.statusCode).toBe(403);
    const del = await w.admin.request({ method: 'DELETE', url: '/api/admin/tokens/abc' }, { csrf: false });
    expect(del.statusCode).toBe(403);
    expect(await topics()).toBe(before);

    // reading needs no CSRF header; a personal token needs none either (no cookie rides along)
    expect(
      (await w.admin.request({ method: 'GET', url: '/api/admin/topics' }, { csrf: false })).statusCode,
    ).toBe(200);
    const token = (await w.admin.post('/api/admin/tokens', { name: 'kịch bản' })).json().token as string;
    const viaToken = await w.app.inject({
      method: 'POST',
      url: '/api/admin/topics',
      payload: { name: 'Chủ đề từ kịch bản' },
      headers: { authorization: `Bearer ${token}` },
    });
    expect(viaToken.statusCode).toBe(201);
    expect(await topics()).toBe(before + 1);
  });

  it('locks an account after 5 wrong passwords in a row — even the right one is refused — until an admin unlocks it or the time passes', async () => {
    let now = 1_800_000_000_000;
    const w = await workspace({ clock: () => now });
    const attempt = (password: string) =>
      w.app.inject({
        method: 'POST',
        url: '/api/admin/login',
        payload: { username: USERNAMES.judge, password },
      });
    for (let i = 1; i <= 4; i++) {
      const res = await attempt(`sai-mat-khau-${i}`);
      expect(res.statusCode).toBe(401);
      expect(res.json().error.message).toBe('Sai tên đăng nhập hoặc mật khẩu.');
    }
    const fifth = await attempt('sai-mat-khau-5');
    expect(fifth.statusCode).toBe(423);
    expect(fifth.json().error.code).toBe('ACCOUNT_LOCKED');
    expect(fifth.json().error.message).toContain('15 phút');
    const right = await attempt(PASSWORD);
    expect(right.statusCode).toBe(423);

    const accounts = (await w.admin.get('/api/admin/accounts')).json() as {
      username: string;
      accountId: string;
      lockedUntil: number | null;
    }[];
    const judge = accounts.find((a) => a.username === USERNAMES.judge)!;
    expect(judge.lockedUntil).toBe(now + 15 * 60_000);
    const audit = (await w.admin.get('/api/admin/audit?action=account.locked')).json();
    expect(audit).toHaveLength(1);

    expect((await w.admin.post(`/api/admin/accounts/${judge.accountId}/unlock`)).statusCode).toBe(200);
    expect((await attempt(PASSWORD)).statusCode).toBe(200);

    // locked again, then simply waiting it out
    for (let i = 0; i < 5; i++) await attempt('van-sai-mat-khau');
    expect((await attempt(PASSWORD)).statusCode).toBe(423);
    now += 15 * 60_000 + 1;
    expect((await attempt(PASSWORD)).statusCode).toBe(200);
    // a success resets the count: four more misses do not lock
    for (let i = 0; i < 4; i++) await attempt('lai-sai-nua-roi');
    expect((await attempt(PASSWORD)).statusCode).toBe(200);
  });

  it('slows down one address guessing many usernames', async () => {
    const w = await workspace();
    let last = 0;
    for (let i = 0; i < 31; i++)
      last = (
        await w.app.inject({
          method: 'POST',
          url: '/api/admin/login',
          payload: { username: `khong.co.${i}`, password: 'doan-bua-mat-khau' },
        })
      ).statusCode;
    expect(last).toBe(429);
  });

  it('keeps sessions through a restart (SQLite): the same cookie and CSRF token still work', async () => {
    const dataDir = tempDir();
    const first = await openWorkspace({}, dataDir);
    const { cookie, csrfToken } = first.admin;
    await first.app.close();
    const { app } = await openApp({}, dataDir);
    open.push(app);
    const again = await app.inject({
      method: 'POST',
      url: '/api/admin/topics',
      payload: { name: 'Sau khởi động lại' },
      headers: { cookie, [CSRF_HEADER]: csrfToken },
    });
    expect(again.statusCode).toBe(201);
  });

  it('an admin reset ends every session of that account; the old password stops working', async () => {
    const w = await workspace();
    const secretary = w.staff.secretary;
    const second = await login(w.app, USERNAMES.secretary);
    const reset = await w.admin.post(`/api/admin/accounts/${secretary.accountId}/password`, {
      password: 'Mat-khau-moi-cap-lai-1',
    });
    expect(reset.statusCode).toBe(200);
    expect((await secretary.get('/api/admin/units')).statusCode).toBe(401);
    expect((await second.get('/api/admin/units')).statusCode).toBe(401);
    expect(
      (
        await w.app.inject({
          method: 'POST',
          url: '/api/admin/login',
          payload: { username: USERNAMES.secretary, password: PASSWORD },
        })
      ).statusCode,
    ).toBe(401);
    const fresh = await login(w.app, USERNAMES.secretary, 'Mat-khau-moi-cap-lai-1');
    expect((await fresh.get('/api/admin/session')).json().account.mustChangePassword).toBe(true);
    // choosing one's own: the current password is required
    expect(
      (await fresh.post('/api/admin/password', { current: 'doan-mo', next: 'Mat-khau-cua-toi-2024' }))
        .statusCode,
    ).toBe(401);
    expect(
      (
        await fresh.post('/api/admin/password', {
          current: 'Mat-khau-moi-cap-lai-1',
          next: 'Mat-khau-cua-toi-2024',
        })
      ).statusCode,
    ).toBe(200);
    expect((await fresh.get('/api/admin/session')).json().account.mustChangePassword).toBe(false);
    // the audit never holds a password or its hash
    const audit = JSON.stringify((await w.admin.get('/api/admin/audit?scope=accounts')).json());
    expect(audit).not.toContain('Mat-khau');
    expect(audit).not.toContain('scrypt$');
  });

  it('stores passwords as scrypt hashes and API tokens as SHA-256 hashes, never as given', async () => {
    const w = await workspace();
    const token = (await w.admin.post('/api/admin/tokens', { name: 'sao lưu' })).json().token as string;
    const accounts = await w.app.workspace.store.list<{ passwordHash: string }>('accounts');
    for (const a of accounts) {
      expect(a.doc.passwordHash).toMatch(/^scrypt\$32768\$8\$1\$/);
      expect(JSON.stringify(a.doc)).not.toContain(PASSWORD);
    }
    const tokens = await w.app.workspace.store.list('tokens');
    // cvt_<id>_<secret>: the secret is base64url, so it may hold (or start with) '_' itself
    const secret = token.split('_').slice(2).join('_');
    expect(secret).toHaveLength(32);
    expect(JSON.stringify(tokens)).not.toContain(secret);
    expect(
      (
        await w.app.inject({ url: '/api/admin/session', headers: { authorization: `Bearer ${token}` } })
      ).json().via,
    ).toBe('token');
  });

  it('revokes a personal token at once; a disabled account loses its sessions and tokens', async () => {
    const w = await workspace();
    const created = (await w.staff.reviewer.post('/api/admin/tokens', { name: 'máy chấm' })).json() as {
      token: string;
      tokenId: string;
    };
    const use = () =>
      w.app.inject({ url: '/api/admin/questions', headers: { authorization: `Bearer ${created.token}` } });
    expect((await use()).statusCode).toBe(200);
    expect((await w.staff.reviewer.get('/api/admin/tokens')).json()).toEqual([
      expect.objectContaining({ tokenId: created.tokenId, revokedAt: null }),
    ]);
    expect((await w.staff.mc.delete(`/api/admin/tokens/${created.tokenId}`)).statusCode).toBe(404); // not theirs
    expect((await w.staff.reviewer.delete(`/api/admin/tokens/${created.tokenId}`)).statusCode).toBe(200);
    expect((await use()).statusCode).toBe(401);

    const second = (await w.staff.reviewer.post('/api/admin/tokens', { name: 'máy chấm 2' })).json() as {
      token: string;
    };
    expect(
      (await w.admin.patch(`/api/admin/accounts/${w.staff.reviewer.accountId}`, { disabled: true }))
        .statusCode,
    ).toBe(200);
    expect((await w.staff.reviewer.get('/api/admin/questions')).statusCode).toBe(401);
    expect(
      (
        await w.app.inject({
          url: '/api/admin/questions',
          headers: { authorization: `Bearer ${second.token}` },
        })
      ).statusCode,
    ).toBe(401);
    expect(
      (
        await w.app.inject({
          method: 'POST',
          url: '/api/admin/login',
          payload: { username: USERNAMES.reviewer, password: PASSWORD },
        })
      ).statusCode,
    ).toBe(401);
  });

  it('never removes the last admin; roles change at once, without signing in again', async () => {
    const w = await workspace();
    const self = w.admin.accountId;
    const demote = await w.admin.patch(`/api/admin/accounts/${self}`, { roles: ['reviewer'] });
    expect(demote.statusCode).toBe(409);
    expect((await w.admin.patch(`/api/admin/accounts/${self}`, { disabled: true })).statusCode).toBe(409);
    expect((await w.staff.mc.get('/api/admin/units')).statusCode).toBe(403);
    await w.admin.patch(`/api/admin/accounts/${w.staff.mc.accountId}`, { roles: ['mc', 'secretary'] });
    expect((await w.staff.mc.get('/api/admin/units')).statusCode).toBe(200);
    const taken = await w.admin.post('/api/admin/accounts', {
      username: USERNAMES.mc,
      displayName: 'Trùng tên',
      roles: ['mc'],
      password: PASSWORD,
    });
    expect(taken.statusCode).toBe(409);
  });
});

const redisUrl = testRedisUrl();
const redisMode = await redisTestMode(redisUrl);
describe.skipIf(redisMode === 'skip')('sessions on Redis', () => {
  it('a session made on one node works on another node sharing the Redis store', async () => {
    if (redisMode === 'fail') expect.fail(`Redis is unreachable at ${redisUrl} and CI=true`);
    const prefix = `cvauth:${process.pid}:${randomUUID().slice(0, 8)}`;
    const config = { kind: 'redis' as const, url: redisUrl, db: 13, prefix };
    try {
      const nodeA = await openWorkspace({ store: config, mediaDir: tempDir() }, tempDir());
      open.push(nodeA);
      const { app: nodeB } = await openApp({ store: config, mediaDir: tempDir() }, tempDir());
      open.push(nodeB);
      expect(nodeB.workspace.setupCode).toBeNull();
      const { cookie, csrfToken } = nodeA.staff.secretary;
      const onB = await nodeB.inject({
        method: 'POST',
        url: '/api/admin/units',
        payload: { groupName: 'Khối A', name: 'Sở Tư pháp' },
        headers: { cookie, [CSRF_HEADER]: csrfToken },
      });
      expect(onB.statusCode, onB.body).toBe(201);
      expect((await nodeA.app.units.units()).map((u) => u.name)).toEqual(['Sở Tư pháp']);
      // sign out on B: A no longer accepts the cookie
      expect(
        (
          await nodeB.inject({
            method: 'POST',
            url: '/api/admin/logout',
            payload: {},
            headers: { cookie, [CSRF_HEADER]: csrfToken },
          })
        ).statusCode,
      ).toBe(200);
      expect((await nodeA.staff.secretary.get('/api/admin/units')).statusCode).toBe(401);
    } finally {
      for (const a of open.splice(0)) await a.close();
      await deleteRedisKeys(redisUrl, 13, `${prefix}:*`);
    }
  });
});
