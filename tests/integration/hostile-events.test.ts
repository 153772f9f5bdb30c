/**
 * Whatever a device sends, the server answers or ignores it and keeps serving the show. Event names are
 * data from the client: `constructor` or `__proto__` must find no handler, an exception in a handler
 * becomes an INTERNAL ack and a log line, and floods are throttled before anything is looked up.
 */
import type { ShowClient } from '@cv/shared/client';
import { httpRequestOrThrow } from '@cv/shared/client';
import type { Ack, AuthPayload, ErrorCode } from '@cv/shared/protocol';
import { io } from 'socket.io-client';
import { afterEach, describe, expect, it } from 'vitest';
import { startServerProcess, type ServerProcess } from '../support/server-process.ts';
import {
  expectOk,
  rawRequest,
  single,
  startHarness,
  until,
  type CreatedShow,
  type Harness,
  RESERVED_EVENT_NAMES as RESERVED,
} from './harness.ts';

const PROTOTYPE_NAMES = [
  ...Object.getOwnPropertyNames(Object.prototype),
  ...Object.getOwnPropertyNames(Function.prototype),
  '__proto__',
  'prototype',
].filter((n) => !RESERVED.has(n));

/** deterministic names: separators, unicode, prototype-ish fragments, the empty string */
function randomNames(count: number, seed: number): string[] {
  let a = seed >>> 0;
  const rnd = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const alphabet = 'abcdefghijklmnopqrstuvwxyz:_-.$ 0123456789ĐđưƯ🔔\u0000/\\';
  const fragments = [
    'show',
    'answer',
    'submit',
    'seat',
    'proto',
    'constructor',
    '__',
    'toString',
    ':',
    'admin',
  ];
  const out: string[] = [];
  while (out.length < count) {
    let name = '';
    const parts = Math.floor(rnd() * 4);
    for (let i = 0; i < parts; i++) name += fragments[Math.floor(rnd() * fragments.length)];
    const len = Math.floor(rnd() * 24);
    for (let i = 0; i < len; i++) name += alphabet[Math.floor(rnd() * alphabet.length)];
    if (!RESERVED.has(name)) out.push(name);
  }
  return out;
}

const randomPayloads: unknown[] = [
  undefined,
  null,
  0,
  'x',
  { __proto__: { polluted: true } },
  JSON.parse('{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}}'),
  [1, 2, 3],
  { round: -1, value: { evil: true } },
];

const codeOf = (res: Ack<unknown>): ErrorCode | 'ok' => (res.ok ? 'ok' : res.error.code);

describe('one phone cannot stop the show (real server process)', () => {
  let server: ServerProcess | undefined;
  afterEach(async () => server?.dispose());

  it('an audience socket emitting `constructor` with an ack gets UNKNOWN_EVENT, and the process keeps serving', async () => {
    server = await startServerProcess({ adminToken: 'hostile-admin' });
    const show = await httpRequestOrThrow('POST /api/shows', {
      base: server.url,
      token: 'hostile-admin',
      body: { title: 'Khán giả tinh nghịch', seatCount: 2, questions: [single('q1', 0)] },
    });
    const pid = server.pid;
    // a phone needs no PIN: anyone in the hall can do this
    const phone = io(server.url, {
      auth: { role: 'audience', showId: show.showId, name: 'Tinh nghịch' },
      transports: ['websocket'],
      reconnection: false,
    });
    try {
      await new Promise<void>((resolve, reject) => {
        phone.once('connect', () => resolve());
        phone.once('connect_error', reject);
      });
      const answers: unknown[] = [];
      for (const name of ['constructor', 'toString', '__proto__', 'hasOwnProperty', 'valueOf']) {
        answers.push(
          await new Promise((resolve) =>
            phone
              .timeout(5000)
              .emit(name, (err: unknown, res: unknown) => resolve(err ? `no ack: ${String(err)}` : res)),
          ),
        );
      }
      expect(answers).toEqual(
        ['constructor', 'toString', '__proto__', 'hasOwnProperty', 'valueOf'].map((name) => ({
          ok: false,
          error: { code: 'UNKNOWN_EVENT', message: `unknown event "${name}"` },
        })),
      );
    } finally {
      phone.close();
    }
    // the same process still answers HTTP and admits devices
    expect(server.pid).toBe(pid);
    expect(server.tail()).not.toContain('[server exited');
    const health = await httpRequestOrThrow('GET /api/health', { base: server.url });
    expect(health.shows).toBe(1);
    const info = await httpRequestOrThrow('GET /api/shows/:id/public', {
      base: server.url,
      params: { id: show.showId },
    });
    expect(info.title).toBe('Khán giả tinh nghịch');
  });
});

describe('hostile events from every role (in process)', () => {
  let h: Harness;
  const logLines: string[] = [];
  afterEach(async () => {
    logLines.length = 0;
    await h?.close();
  });

  async function setup() {
    h = await startHarness({
      logger: { level: 'error', stream: { write: (line: string) => void logLines.push(line) } },
    });
    const show = await h.createShow({
      title: 'Thử tấn công',
      seatCount: 3,
      questions: [single('q1', 1), single('q2', 2)],
    });
    return show;
  }

  const authsOf = (show: CreatedShow): Record<string, AuthPayload> => ({
    host: { role: 'host', showId: show.showId, pin: show.secrets.hostPin },
    judge: { role: 'judge', showId: show.showId, pin: show.secrets.judgePin },
    player: { role: 'player', showId: show.showId, seat: 1, pin: show.secrets.seats['1'].pin },
    screen: { role: 'screen', showId: show.showId, displayToken: show.secrets.displayToken },
    audience: { role: 'audience', showId: show.showId, name: 'Khán giả' },
  });

  it('answers every Object.prototype name and thousands of random names from every role, and keeps serving', async () => {
    const show = await setup();
    const names = [...PROTOTYPE_NAMES, ...randomNames(2500, 7)];
    const seen = new Map<string, Map<string, number>>();
    for (const [role, auth] of Object.entries(authsOf(show))) {
      const client = await h.connect(auth);
      const codes = new Map<string, number>();
      seen.set(role, codes);
      const results = await Promise.all(
        names.map((name, i) => rawRequest(client, name, randomPayloads[i % randomPayloads.length])),
      );
      for (const res of results) codes.set(codeOf(res), (codes.get(codeOf(res)) ?? 0) + 1);
      // every request got an ack; nothing matched a handler
      expect([...codes.keys()].sort(), role).toEqual(
        role === 'host' || role === 'judge' ? ['UNKNOWN_EVENT'] : expect.arrayContaining(['RATE_LIMITED']),
      );
      expect(codes.get('TIMEOUT') ?? 0, role).toBe(0);
      expect(codes.get('ok') ?? 0, role).toBe(0);
      expect(codes.get('INTERNAL') ?? 0, role).toBe(0);
      client.close();
    }
    // the prototype names themselves were answered UNKNOWN_EVENT (the host is never throttled)
    expect(seen.get('host')?.get('UNKNOWN_EVENT')).toBe(names.length);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(logLines).toEqual([]);

    // and the show goes on: a question is played by fresh devices
    const auths = authsOf(show);
    const host = await h.connect(auths.host);
    const player = await h.connect({
      role: 'player',
      showId: show.showId,
      seat: 2,
      pin: show.secrets.seats['2'].pin,
    });
    expectOk(await host.command('show:start'));
    expectOk(await host.command('question:show', {}));
    expectOk(await host.command('question:open'));
    const round = (await until(player, (c) => c.state.self?.canAnswer && c.state.view?.round)).index;
    expectOk(await player.answer(round, 1));
    expectOk(await host.command('question:lock'));
    expectOk(await host.command('question:reveal'));
    await until(player, (c) => c.state.self?.outcome?.result.kind === 'stays');
    const health = await h.app.inject({ method: 'GET', url: '/api/health' });
    expect(health.json()).toMatchObject({ status: 'ok', shows: 1 });
  });

  it('throttles a flood of unknown and forbidden events before looking them up', async () => {
    const show = await setup();
    const phone: ShowClient = await h.connect(authsOf(show).audience);
    const started = performance.now();
    const results = await Promise.all(
      Array.from({ length: 300 }, (_, i) =>
        i % 2 ? rawRequest(phone, `no:such:${i}`) : rawRequest(phone, 'show:start', { version: 0 }),
      ),
    );
    const seconds = (performance.now() - started) / 1000;
    const codes = results.map(codeOf);
    const passed = codes.filter((c) => c !== 'RATE_LIMITED');
    // a bucket of 30 refilled at 10/s: whatever was not throttled fits in it, unknown and forbidden alike
    expect(passed.length).toBeLessThanOrEqual(30 + Math.ceil(10 * (seconds + 1)));
    expect(codes.filter((c) => c === 'RATE_LIMITED').length).toBeGreaterThan(0);
    expect(new Set(passed)).toEqual(new Set(['UNKNOWN_EVENT', 'FORBIDDEN']));
  });

  it('turns an exception in a handler into an INTERNAL ack and a log line', async () => {
    const show = await setup();
    const host = await h.connect(authsOf(show).host);
    const runner = h.app.shows.runner(show.showId)!;
    const original = runner.snapshotFor.bind(runner);
    runner.snapshotFor = () => {
      throw new Error('boom in a handler');
    };
    const res = await host.request('show:resync');
    runner.snapshotFor = original;
    expect(res).toEqual({ ok: false, error: { code: 'INTERNAL', message: 'unexpected server error' } });
    expect(logLines.join('\n')).toContain('handler show:resync failed');
    expect(logLines.join('\n')).toContain('boom in a handler');
    // the same socket goes on being served
    expectOk(await host.command('show:start'));
  });

  it('closes a socket that sends a frame over the size limit, and nothing else', async () => {
    const show = await setup();
    const phone = await h.connect(authsOf(show).audience);
    const host = await h.connect(authsOf(show).host);
    const reason = new Promise<string>((resolve) => phone.socket.once('disconnect', (r) => resolve(r)));
    phone.socket.io.reconnection(false);
    void rawRequest(phone, 'audience:answer', { round: 0, value: 'x'.repeat(70 * 1024) });
    expect(await reason).toBe('transport close');
    expectOk(await host.command('show:start'));
  });
});
