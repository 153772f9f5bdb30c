/** The HTTP API through app.inject: health, admin token, show creation with validation, public info. */
import { buildApp } from '@cv/server/app.ts';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { single } from './harness.ts';

const dirs: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'cv-http-'));
  dirs.push(d);
  return d;
};
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

const build = (dataDir: string, extra: Record<string, unknown> = {}) =>
  buildApp({ store: { kind: 'sqlite', dataDir }, serveStatic: false, ...extra });

describe('health and demo', () => {
  it('serves health and seeds the demo show once, generating the admin token only on first start', async () => {
    const dir = tempDir();
    const first = await build(dir, { seedDemo: true });
    const token = first.admin.issuedToken;
    expect(token).toMatch(/^[\w-]{20,}$/);
    const health = await first.inject({ url: '/api/health' });
    expect(health.json()).toMatchObject({ status: 'ok', store: 'sqlite', shows: 1 });
    const demo = await first.inject({
      url: '/api/shows/demo',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(demo.statusCode).toBe(200);
    const hostPin = demo.json().secrets.hostPin;
    await first.close();

    const second = await build(dir, { seedDemo: true });
    expect(second.admin.issuedToken).toBeNull(); // printed once, never again
    const again = await second.inject({
      url: '/api/shows/demo',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(again.json().secrets.hostPin).toBe(hostPin);
    expect(
      (await second.inject({ url: '/api/shows', headers: { authorization: `Bearer ${token}` } })).json(),
    ).toHaveLength(1);
    await second.close();
  });
});

describe('creating a show', () => {
  it('needs the admin token', async () => {
    const app = await build(tempDir(), { adminToken: 'admin-1' });
    const res = await app.inject({ method: 'POST', url: '/api/shows', payload: { title: 'x' } });
    expect(res.statusCode).toBe(401);
    expect(res.json()).toEqual({ ok: false, error: { code: 'UNAUTHORIZED', message: expect.any(String) } });
    const wrong = await app.inject({
      method: 'POST',
      url: '/api/shows',
      headers: { authorization: 'Bearer nope' },
      payload: {},
    });
    expect(wrong.statusCode).toBe(401);
    await app.close();
  });

  it('refuses malformed shows with BAD_REQUEST and stores nothing', async () => {
    const app = await build(tempDir(), { adminToken: 'admin-1' });
    const post = (payload: unknown) =>
      app.inject({
        method: 'POST',
        url: '/api/shows',
        headers: { authorization: 'Bearer admin-1' },
        payload: payload as object,
      });
    const cases: unknown[] = [
      { title: '', seatCount: 3, questions: [single('q', 1)] },
      { title: 'T', seatCount: 3, questions: [] },
      { title: 'T', questions: [single('q', 1)] },
      { title: 'T', seatCount: 3, questions: [{ ...single('q', 1), key: { kind: 'single', answer: 9 } }] },
      {
        title: 'T',
        seatCount: 3,
        questions: [{ ...single('q', 1), key: { kind: 'truefalse', answer: true } }],
      },
      {
        title: 'T',
        seatCount: 3,
        // an ordering key must name every item once
        questions: [
          {
            ...single('q', 1),
            kind: 'ordering',
            options: ['a', 'b', 'c'],
            key: { kind: 'ordering', order: [0, 1] },
          },
        ],
      },
      { title: 'T', seatCount: 3, questions: [single('q', 1), single('q', 2)] },
      { title: 'T', seatCount: 3, questions: [single('q', 1)], rules: { lateGraceMs: -5 } },
    ];
    for (const c of cases) {
      const res = await post(c);
      expect(res.statusCode, JSON.stringify(c)).toBe(400);
      expect(res.json().error.code).toBe('BAD_REQUEST');
    }
    const broken = await app.inject({
      method: 'POST',
      url: '/api/shows',
      headers: { authorization: 'Bearer admin-1', 'content-type': 'application/json' },
      payload: '{"title": ',
    });
    expect(broken.statusCode).toBe(400);
    expect(broken.json().error.code).toBe('BAD_REQUEST');
    expect(
      (await app.inject({ url: '/api/shows', headers: { authorization: 'Bearer admin-1' } })).json(),
    ).toEqual([]);
    await app.close();
  });

  it('creates a show with seats, merged rules and secrets, and tells the public only the basics', async () => {
    const app = await build(tempDir(), { adminToken: 'admin-1' });
    const res = await app.inject({
      method: 'POST',
      url: '/api/shows',
      headers: { authorization: 'Bearer admin-1' },
      payload: {
        title: 'Vòng chung kết',
        seatCount: 5,
        seats: [{ seat: 2, name: 'Lê Văn Cường', unit: 'Sở Tư pháp' }],
        rules: { lateGraceMs: 300 },
        questions: [single('q1', 1)],
      },
    });
    expect(res.statusCode).toBe(201);
    const show = res.json();
    expect(Object.keys(show.secrets.seats)).toHaveLength(5);
    expect(show.urls.screen).toContain(show.secrets.displayToken);
    const runner = app.shows.runner(show.showId)!;
    expect(runner.state.rules.lateGraceMs).toBe(300);
    expect(runner.state.rules.allowAnswerChange).toBe(true);
    expect(runner.state.seats[1]).toMatchObject({ seat: 2, name: 'Lê Văn Cường', unit: 'Sở Tư pháp' });
    const pub = await app.inject({ url: `/api/shows/${show.showId}/public` });
    expect(pub.json()).toEqual({
      showId: show.showId,
      title: 'Vòng chung kết',
      seatCount: 5,
      stage: 'lobby',
    });
    expect((await app.inject({ url: '/api/shows/nope/public' })).statusCode).toBe(404);
    expect((await app.inject({ url: '/api/nothing-here' })).json().error.code).toBe('NOT_FOUND');
    await app.close();
  });

  it("reads a key written with the old field name `correct` (older servers' files) as `answer`", async () => {
    const app = await build(tempDir(), { adminToken: 'admin-1' });
    const res = await app.inject({
      method: 'POST',
      url: '/api/shows',
      headers: { authorization: 'Bearer admin-1' },
      payload: {
        title: 'Tệp cũ',
        seatCount: 2,
        questions: [{ ...single('q1', 0), key: { kind: 'single', correct: 2 } }],
      },
    });
    expect(res.statusCode).toBe(201);
    expect(app.shows.runner(res.json().showId)!.state.questions[0].key).toEqual({
      kind: 'single',
      answer: 2,
    });
    await app.close();
  });
});
