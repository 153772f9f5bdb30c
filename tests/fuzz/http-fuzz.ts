/**
 * Every HTTP route the app registers, 10,000 hostile requests each (FUZZ_RUNS to change), through
 * app.inject: fuzzed path params, query strings, bodies of every type and content type, and the
 * route's own credentials, none, or garbage. Each answer is < 500 and, when an error, has the error
 * shape with a known code; the app keeps serving; the log holds no error line.
 */
import fc from 'fast-check';
import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN } from '../integration/admin/support.ts';
import { heapAfterGc } from './memory.ts';
import { hostileValue, nearValid, safeJson, samples } from './hostile.ts';
import {
  errorShapeProblem,
  headersOf,
  intendedCaller,
  openFuzzApp,
  type FuzzApp,
  type RouteEntry,
} from './kit.ts';

/**
 * 10,000 per route by default (`npm run test:fuzz`); `npm test` runs 2,000 per route (FUZZ_HTTP_RUNS)
 * to stay within its time budget — 99 routes × 10,000 is about a million requests through handlers
 * that really run.
 */
const RUNS = Number(process.env.FUZZ_HTTP_RUNS ?? process.env.FUZZ_RUNS ?? 10_000);
const BATCH = 64;

let f: FuzzApp;

const fuzzText = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.constantFrom('__proto__', 'constructor', 'toString', '..', '../../etc/passwd', '%00', '-1', '1e999', ''),
  fc.string({ unit: 'grapheme', maxLength: 10 }),
);

function paramArb(name: string): fc.Arbitrary<string> {
  const real = name === 'showId' ? [f.showId] : name === 'id' ? [f.showId, f.roundId] : [];
  const text = real.length ? fc.oneof(fc.constantFrom(...real), fuzzText) : fuzzText;
  return text.map((s) => encodeURIComponent(s || '_'));
}

const queryArb = fc.oneof(
  { weight: 3, arbitrary: fc.constant('') },
  {
    weight: 4,
    arbitrary: fc
      .dictionary(fuzzText, fc.oneof(fuzzText, fc.integer().map(String)), { maxKeys: 5 })
      .map((d) => `?${new URLSearchParams(d as Record<string, string>).toString()}`),
  },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      '?__proto__[polluted]=1',
      '?constructor[prototype][polluted]=1',
      '?a=1&a=2&a=3',
      '?limit=-1&from=NaN&to=Infinity',
      '?format=../../x',
      `?${'x'.repeat(8_000)}=1`,
      '?%ff=%fe',
    ),
  },
);

/** a JSON body, or something that only claims to be one, or another content type altogether */
const bodyArb = fc.oneof(
  {
    weight: 5,
    arbitrary: hostileValue().map((v) => ({ payload: safeJson(v) ?? 'null', type: 'application/json' })),
  },
  {
    weight: 3,
    arbitrary: nearValid([
      { title: 'x', seatCount: 2, questions: [] },
      { username: 'btc', password: 'x' },
      { version: 1, reason: 'r' },
      { round: 0, value: 1 },
      { answers: [{ index: 0, value: 1 }] },
      { name: 'x', headcount: 1 },
    ]).map((v) => ({ payload: safeJson(v) ?? '{}', type: 'application/json' })),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      { payload: '{"a":', type: 'application/json' },
      { payload: '\u0000\u0001\u0002', type: 'application/json' },
      { payload: 'a=1&__proto__[x]=1', type: 'application/x-www-form-urlencoded' },
      {
        payload: '--x\r\nContent-Disposition: form-data; name="file"\r\n\r\nzz\r\n--x--',
        type: 'multipart/form-data; boundary=x',
      },
      { payload: '--y\r\n', type: 'multipart/form-data' },
      { payload: 'plain text', type: 'text/plain' },
      { payload: '<xml/>', type: 'application/xml' },
      { payload: '[]'.repeat(5_000), type: 'application/json' },
    ),
  },
  { weight: 1, arbitrary: fc.constant({ payload: '', type: '' }) },
);

type Credential = 'intended' | 'none' | 'garbage';
const credentialArb = (intendedWeight: number) =>
  fc.oneof(
    { weight: intendedWeight, arbitrary: fc.constant<Credential>('intended') },
    { weight: 20, arbitrary: fc.constant<Credential>('none') },
    { weight: 10, arbitrary: fc.constant<Credential>('garbage') },
  );

/**
 * Routes whose accepted request costs milliseconds by design (a generated workbook or PDF, a password
 * hash): they get their own credentials in 1 request of 30 instead of 7 of 10, so the suite stays
 * a few minutes; the rest of their 10,000 still meet the guard, the parser and the params.
 */
const COSTLY = /(\.xlsx|\.pdf|\.jsonl|\/export(\/:kind)?|\/login|\/setup|\/password)$/;

/** bodies are generated and serialized once and shared by every route (each route draws its own mix) */
let bodies: { payload: string; type: string }[] = [];

function requestArb(route: RouteEntry): fc.Arbitrary<InjectOptions> {
  const names = [...route.url.matchAll(/:(\w+)/g)].map((m) => m[1]);
  const hasBody = route.method !== 'GET' && route.method !== 'DELETE';
  return fc
    .tuple(
      fc.tuple(...names.map(paramArb)),
      queryArb,
      hasBody ? fc.nat({ max: bodies.length - 1 }).map((i) => bodies[i]) : fc.constant(null),
      credentialArb(COSTLY.test(route.url) ? 1 : 70),
      fuzzText,
    )
    .map(([params, query, body, credential, junk]) => {
      let i = 0;
      const path = route.url
        .replace(/:(\w+)/g, () => params[i++])
        .replace(/\*$/, junk ? encodeURIComponent(junk) : 'x');
      const headers: Record<string, string> =
        credential === 'intended'
          ? headersOf(f, intendedCaller(route), ADMIN_TOKEN)
          : credential === 'garbage'
            ? {
                authorization: `Bearer ${junk}`.trim(),
                cookie: `cv_session=${encodeURIComponent(junk)}`,
                'x-csrf-token': junk.replace(/[^\x20-\x7e]/g, ''),
              }
            : {};
      if (body?.type) headers['content-type'] = body.type;
      return {
        // many addresses, as a hall or a school would have: the per-IP sign-in slow-down is tested elsewhere
        remoteAddress: `10.${(junk.length * 7) % 250}.${params.length}.${query.length % 250}`,
        method: route.method as InjectOptions['method'],
        url: path + query,
        headers,
        ...(body?.payload ? { payload: body.payload } : {}),
      };
    });
}

/** the routes are split in `parts` files so that vitest runs them side by side */
export function describeHttpFuzz(part: number, parts: number) {
  describe(`hostile HTTP requests (part ${part + 1} of ${parts})`, () => {
    beforeAll(async () => {
      f = await openFuzzApp();
    }, 60_000);
    afterAll(async () => f?.close());

    it(`answers ${RUNS.toLocaleString('en')} hostile requests to each route with a clear error and keeps serving`, async () => {
      const all = f.routes.filter(
        (r) => r.url.startsWith('/api/') || r.url.startsWith('/uploads/') || r.url.startsWith('/thi'),
      );
      expect(all.length).toBeGreaterThan(60);
      const routes = all.filter((_, i) => i % parts === part);
      const problems: string[] = [];
      const statuses = new Map<number, number>();
      let tried = 0;
      bodies = samples(bodyArb, RUNS, 0xb0d1);
      const heapBefore = heapAfterGc();
      const perRoute: [string, number][] = [];
      for (const [index, route] of routes.entries()) {
        const t0 = performance.now();
        const requests = samples(requestArb(route), RUNS, 0x11 + index * parts + part);
        const caller = intendedCaller(route);
        for (let i = 0; i < requests.length; i += BATCH) {
          const replies = await Promise.all(requests.slice(i, i + BATCH).map((r) => f.app.inject(r)));
          // let the event loop turn: injected requests that need no I/O resolve on microtasks alone, and
          // the clean-up each schedules with setImmediate (holding its whole response) would pile up
          // unrun — memory of the test's making, which a server fed by sockets never sees
          await new Promise((resolve) => setImmediate(resolve));
          replies.forEach((res, j) => {
            tried++;
            statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
            const sent = requests[i + j].headers as Record<string, string>;
            const intended =
              caller.kind !== 'anonymous' &&
              sent.authorization === headersOf(f, caller, ADMIN_TOKEN).authorization;
            const problem =
              res.statusCode >= 500
                ? `status ${res.statusCode}: ${res.body.slice(0, 200)}`
                : intended && res.statusCode === 401
                  ? `the route's own credentials were refused: ${res.body.slice(0, 200)}`
                  : errorShapeProblem(res.statusCode, res.body);
            if (problem && problems.length < 20)
              problems.push(
                `${route.method} ${route.url} ← ${requests[i + j].method} ${String(requests[i + j].url).slice(0, 120)}: ${problem}`,
              );
          });
        }
        perRoute.push([`${route.method} ${route.url}`, performance.now() - t0]);
      }
      const slowest = perRoute
        .sort((a, b) => b[1] - a[1])
        .slice(0, 3)
        .map(([r, ms]) => `${r} ${(ms / 1000).toFixed(1)} s`);
      const heapGrowthMb = (heapAfterGc() - heapBefore) / 2 ** 20;
      console.log(
        `[fuzz:http part ${part + 1}/${parts}] routes ${routes.length} of ${all.length}, payloads tried ${tried.toLocaleString('en')}, server errors ${statuses.get(500) ?? 0}, ` +
          `statuses ${[...statuses]
            .sort((a, b) => a[0] - b[0])
            .map(([s, n]) => `${s}×${n}`)
            .join(' ')}, heap growth ${heapGrowthMb.toFixed(1)} MB, slowest: ${slowest.join(', ')}`,
      );
      expect(problems).toEqual([]);
      expect(tried).toBe(routes.length * RUNS);
      // memory stays bounded: what remains is the data accepted requests created (topics, units, audit)
      expect(heapGrowthMb).toBeLessThan(256);
      expect(f.logLines.filter((l) => /"level":(50|60)/.test(l))).toEqual([]);
      // and the app still does its job
      const health = await f.app.inject({ method: 'GET', url: '/api/health' });
      expect(health.json()).toMatchObject({ status: 'ok' });
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    });
  });
}
