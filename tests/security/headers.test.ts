/**
 * Security headers on every response, the portal widget's own framing policy, the per-IP limit of
 * the show and admin routes (RATE_LIMITED in the usual error shape), the front ends' files' own
 * higher limit, and the body limit.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { ADMIN, single, startHarness, type Harness } from '../integration/harness.ts';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe('HTTP hardening', () => {
  it('sends documents a Content-Security-Policy and the usual security headers, HSTS and upgrades excepted', async () => {
    h = await startHarness();
    // anything that is not JSON gets the documents' set: here the audit as CSV (the harness serves
    // no front end; their pages are checked in Chromium by csp.e2e.test.ts)
    const show = await h.createShow({ title: 'Tiêu đề', seatCount: 2, questions: [single('q1', 0)] });
    const res = await h.app.inject({
      method: 'GET',
      url: `/api/shows/${show.showId}/audit?format=csv`,
      headers: { authorization: `Bearer ${ADMIN}` },
    });
    expect(res.statusCode).toBe(200);
    expect(String(res.headers['content-type'])).toContain('text/csv');
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("frame-ancestors 'self'");
    // the hall reaches the server over plain HTTP by its LAN address
    expect(csp).not.toContain('upgrade-insecure-requests');
    expect(res.headers['strict-transport-security']).toBeUndefined();
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(res.headers['cross-origin-opener-policy']).toBe('same-origin');
    expect(res.headers['x-powered-by']).toBeUndefined();
  });

  it('sends JSON answers, errors included, the headers that matter for data', async () => {
    h = await startHarness();
    const expectApiHeaders = (res: { headers: Record<string, unknown> }) => {
      expect(res.headers['content-type']).toContain('application/json');
      expect(res.headers['content-security-policy']).toBe("default-src 'none'; frame-ancestors 'none'");
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['x-frame-options']).toBe('DENY');
      expect(res.headers['cross-origin-resource-policy']).toBe('same-origin');
      expect(res.headers['x-powered-by']).toBeUndefined();
      expect(res.headers['strict-transport-security']).toBeUndefined();
    };
    expectApiHeaders(await h.app.inject({ method: 'GET', url: '/api/health' }));
    expectApiHeaders(await h.app.inject({ method: 'GET', url: '/api/nowhere' }));
    const malformed = await h.app.inject({
      method: 'POST',
      url: '/api/shows',
      headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' },
      payload: '{"title":',
    });
    expect(malformed.statusCode).toBe(400);
    expectApiHeaders(malformed);
  });

  it('limits each address on the show and admin routes, answering RATE_LIMITED; another address is not affected', async () => {
    h = await startHarness({ httpRateLimit: { max: 5, timeWindowMs: 60_000 } });
    const show = await h.createShow({ title: 'Giới hạn', seatCount: 2, questions: [single('q1', 0)] });
    const call = (remoteAddress: string) =>
      h!.app.inject({ method: 'GET', url: `/api/shows/${show.showId}/public`, remoteAddress });
    const codes: number[] = [];
    for (let i = 0; i < 8; i++) codes.push((await call('10.0.0.7')).statusCode);
    expect(codes.slice(0, 4)).toEqual([200, 200, 200, 200]);
    const limited = await call('10.0.0.7');
    expect(limited.statusCode).toBe(429);
    expect(limited.json()).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED' } });
    expect(limited.headers['retry-after']).toBeDefined();
    expect(limited.headers['x-frame-options']).toBe('DENY');
    expect((await call('10.0.0.8')).statusCode).toBe(200);
    // the admin API answers in its own context with the same shape
    const admin = await h.app.inject({ method: 'GET', url: '/api/admin/session', remoteAddress: '10.0.0.7' });
    expect(admin.statusCode).toBe(429);
    expect(admin.json()).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED' } });
  });

  it("limits each address on the front ends' files too, with a limit of their own", async () => {
    h = await startHarness({
      serveStatic: true,
      staticRateLimit: { max: 6, timeWindowMs: 60_000 },
      httpRateLimit: { max: 3, timeWindowMs: 60_000 },
    });
    // the three front ends (200 when built, 503 "not built" otherwise: the same route context) and media
    const files = ['/host/', '/board/', '/screen/', '/media/the-can-cuoc.svg', '/host/', '/screen/'];
    const get = (url: string, remoteAddress = '10.0.0.9') =>
      h!.app.inject({ method: 'GET', url, remoteAddress });
    for (const url of files) expect([200, 503], url).toContain((await get(url)).statusCode);
    const limited = await get('/board/');
    expect(limited.statusCode).toBe(429);
    expect(limited.json()).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED' } });
    expect((await get('/media/the-can-cuoc.svg')).statusCode).toBe(429);
    expect((await get('/media/the-can-cuoc.svg', '10.0.0.10')).statusCode).toBe(200);
    // separate counters: the files did not eat this address's API allowance (3 here, lower than 6)
    expect((await get('/api/health')).statusCode).toBe(200);
  });

  it('refuses a body over the limit with a clear error and keeps serving', async () => {
    h = await startHarness();
    const res = await h.app.inject({
      method: 'POST',
      url: '/api/shows',
      headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' },
      payload: JSON.stringify({ title: 'x'.repeat(5 * 1024 * 1024) }),
    });
    expect(res.statusCode).toBe(413);
    expect(res.json()).toMatchObject({ ok: false, error: { code: 'TOO_LARGE' } });
    expect((await h.app.inject({ method: 'GET', url: '/api/health' })).statusCode).toBe(200);
  });
});
