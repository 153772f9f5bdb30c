/**
 * Every socket role sends 10,000 hostile requests (FUZZ_RUNS to change) over a real Socket.IO
 * connection: known events with broken payloads, prototype names and random strings as event names,
 * several arguments or none, binary attachments, deep nesting. Every request is acknowledged with
 * `{ok:true,data}` or an error with a known code (never INTERNAL); what non-staff devices send
 * changes nothing any other device can see; memory stays bounded; nothing is logged as an error; and
 * afterwards the show is played to the end. Oversized frames close only the socket that sent them.
 */
import { ERROR_CODES, REQUEST_NAMES, type AuthPayload } from '@cv/shared/protocol';
import fc from 'fast-check';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  RESERVED_EVENT_NAMES,
  expectOk,
  single,
  startHarness,
  until,
  type CreatedShow,
  type Harness,
} from '../integration/harness.ts';
import { requestExamples } from '../support/request-examples.ts';
import { hostileValue, nearValid, PROTOTYPE_NAMES, samples } from './hostile.ts';
import { heapAfterGc } from './memory.ts';

const RUNS = Number(process.env.FUZZ_RUNS ?? 10_000);
const WINDOW = 200;
const RESERVED = RESERVED_EVENT_NAMES;
const CODES = new Set<string>(ERROR_CODES);

let h: Harness;
let show: CreatedShow;
let dataDir: string;
const logLines: string[] = [];
const sockets: Socket[] = [];

beforeAll(async () => {
  dataDir = mkdtempSync(join(existsSync('/dev/shm') ? '/dev/shm' : tmpdir(), 'cv-fuzz-io-'));
  h = await startHarness(
    {
      // the per-device limit would answer RATE_LIMITED to nearly all of this; it has its own test
      deviceRate: { perSecond: 1e9, burst: 1e9 },
      logger: { level: 'warn', stream: { write: (line: string) => void logLines.push(line) } },
    },
    dataDir,
  );
  show = await h.createShow({
    title: 'Thử phá',
    seatCount: 4,
    questions: [
      single('q1', 1, { timeLimitSec: 600 }),
      single('q2', 2, { timeLimitSec: 600 }),
      single('b1', 0, { pool: 'backup' }),
    ],
  });
}, 60_000);

afterAll(async () => {
  sockets.forEach((s) => s.close());
  await h?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const auths = (): Record<'host' | 'judge' | 'player' | 'screen' | 'audience', AuthPayload> => ({
  host: { role: 'host', showId: show.showId, pin: show.secrets.hostPin },
  judge: { role: 'judge', showId: show.showId, pin: show.secrets.judgePin },
  player: { role: 'player', showId: show.showId, seat: 1, pin: show.secrets.seats['1'].pin },
  screen: { role: 'screen', showId: show.showId, displayToken: show.secrets.displayToken },
  audience: { role: 'audience', showId: show.showId, name: 'Khán giả' },
});

/** a raw socket (the SDK only sends what the protocol declares); records every message it receives */
async function rawSocket(auth: AuthPayload) {
  const socket = io(h.url, { auth, transports: ['websocket'], reconnection: false });
  sockets.push(socket);
  const received: string[] = [];
  socket.onAny((event: string) => received.push(event));
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
  // the snapshot every connection gets first
  await new Promise((r) => setTimeout(r, 50));
  received.length = 0;
  return { socket, received };
}

const eventName = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...REQUEST_NAMES) },
  { weight: 2, arbitrary: fc.constantFrom(...PROTOTYPE_NAMES) },
  { weight: 2, arbitrary: fc.string({ maxLength: 24 }) },
);

/** one hostile request: a name, 0–3 arguments, with or without an ack */
function requestArb(version: number) {
  const examples = Object.values(requestExamples(version)).filter(
    (e): e is Record<string, unknown> => typeof e === 'object' && e !== null,
  );
  const arg = fc.oneof(
    { weight: 3, arbitrary: hostileValue({ withBinary: true, withHuge: false }) },
    { weight: 3, arbitrary: nearValid(examples) },
  );
  return fc.record({
    name: eventName.filter((n) => !RESERVED.has(n)),
    args: fc.oneof(
      { weight: 1, arbitrary: fc.constant<unknown[]>([]) },
      { weight: 6, arbitrary: fc.tuple(arg).map((t): unknown[] => [...t]) },
      { weight: 1, arbitrary: fc.array(arg, { minLength: 2, maxLength: 3 }) },
    ),
    withAck: fc.oneof(
      { weight: 19, arbitrary: fc.constant(true) },
      { weight: 1, arbitrary: fc.constant(false) },
    ),
  });
}

interface Tally {
  sent: number;
  acked: number;
  codes: Map<string, number>;
  problems: string[];
}

/** sends `requests` with at most WINDOW awaiting their ack; checks the shape of every ack */
async function fire(
  socket: Socket,
  requests: fc.Arbitrary<{ name: string; args: unknown[]; withAck: boolean }>,
  count: number,
  seed: number,
  tally: Tally,
) {
  const list = samples(requests, count, seed);
  let next = 0;
  const one = async () => {
    while (next < list.length) {
      const { name, args, withAck } = list[next++];
      tally.sent++;
      if (!withAck) {
        socket.emit(name, ...args);
        continue;
      }
      const ack = await new Promise<unknown>((resolve) =>
        socket
          .timeout(10_000)
          .emit(name, ...args, (err: unknown, res: unknown) => resolve(err ? { timeout: true } : res)),
      );
      tally.acked++;
      const res = ack as { ok?: unknown; error?: { code?: unknown; message?: unknown }; timeout?: boolean };
      const code = res.timeout ? 'TIMEOUT' : res.ok === true ? 'ok' : String(res.error?.code);
      tally.codes.set(code, (tally.codes.get(code) ?? 0) + 1);
      const wellFormed =
        res.ok === true
          ? 'data' in res
          : res.ok === false && typeof res.error?.message === 'string' && CODES.has(code);
      if ((!wellFormed || code === 'INTERNAL' || code === 'TIMEOUT') && tally.problems.length < 10)
        tally.problems.push(
          `${name}(${JSON.stringify(args).slice(0, 160)}) → ${JSON.stringify(ack).slice(0, 160)}`,
        );
    }
  };
  await Promise.all(Array.from({ length: WINDOW }, one));
}

const newTally = (): Tally => ({ sent: 0, acked: 0, codes: new Map(), problems: [] });
const summary = (t: Tally) =>
  [...t.codes]
    .sort((a, b) => b[1] - a[1])
    .map(([c, n]) => `${c}×${n}`)
    .join(' ');

describe('hostile socket requests from every role', () => {
  const figures: string[] = [];
  let heapBefore = 0;

  it('non-staff devices (tablet, screen, phone): 10,000 each, in the lobby and while answering; nobody else notices', async () => {
    heapBefore = heapAfterGc();
    const a = auths();
    const host = await h.connect(a.host);
    const bystanderSeat = await rawSocket({
      role: 'player',
      showId: show.showId,
      seat: 2,
      pin: show.secrets.seats['2'].pin,
    });
    const bystanderScreen = await rawSocket(a.screen);
    const runner = h.app.shows.runner(show.showId)!;

    for (const phase of ['lobby', 'answering'] as const) {
      if (phase === 'answering') {
        expectOk(await host.command('show:start'));
        expectOk(await host.command('question:show', {}));
        expectOk(await host.command('question:open'));
        await new Promise((r) => setTimeout(r, 100));
        bystanderSeat.received.length = 0;
        bystanderScreen.received.length = 0;
      }
      const versionBefore = runner.state.version;
      for (const role of ['player', 'screen', 'audience'] as const) {
        const { socket } = await rawSocket(a[role]);
        // a device coming and going is news to the others (seat connected); what it sends must not be
        await new Promise((r) => setTimeout(r, 100));
        bystanderSeat.received.length = 0;
        bystanderScreen.received.length = 0;
        const tally = newTally();
        await fire(
          socket,
          requestArb(runner.state.version),
          RUNS / 2,
          10 * (role.length + (phase === 'lobby' ? 1 : 2)),
          tally,
        );
        await new Promise((r) => setTimeout(r, 100));
        expect(tally.problems, `${role} in the ${phase}`).toEqual([]);
        expect(socket.connected, `${role} still connected`).toBe(true);
        figures.push(`${role} (${phase}): ${tally.sent} sent, ${tally.acked} acked — ${summary(tally)}`);
        // a bystander tablet and screen saw nothing but what accepted answers legitimately cause (tallies)
        const unexpected = [...bystanderSeat.received, ...bystanderScreen.received].filter(
          (e) => !(phase === 'answering' && role !== 'screen' && (e === 'show:state' || e === 'show:tally')),
        );
        expect(unexpected, `${role} in the ${phase}`).toEqual([]);
        socket.close();
      }
      // the tablet's own well-formed answers may count (they are answers); nothing else moved the show
      const moved = runner.state.version - versionBefore;
      const answered = Object.keys(runner.state.rounds[runner.state.rounds.length - 1]?.answers ?? {});
      if (phase === 'lobby') expect(moved).toBe(0);
      else expect(answered.every((seat) => seat === '1')).toBe(true);
      expect(bystanderSeat.socket.connected && bystanderScreen.socket.connected).toBe(true);
    }
    host.close();
  });

  it('staff (MC, judge): 10,000 each while a question is open; the show still plays to the end', async () => {
    const a = auths();
    const runner = h.app.shows.runner(show.showId)!;
    for (const role of ['judge', 'host'] as const) {
      const { socket } = await rawSocket(a[role]);
      const tally = newTally();
      await fire(socket, requestArb(runner.state.version), RUNS, role === 'host' ? 3 : 4, tally);
      expect(tally.problems, role).toEqual([]);
      figures.push(`${role}: ${tally.sent} sent, ${tally.acked} acked — ${summary(tally)}`);
      socket.close();
    }
    // whatever the fuzzing MC managed to do, a fresh one can still finish the show
    const host = await h.connect(a.host);
    // (the fuzzing may leave a question merely shown: open it first; refused steps change nothing)
    for (const step of [
      'show:resume',
      'question:options',
      'question:open',
      'question:lock',
      'question:reveal',
      'show:finish',
    ] as const)
      if (host.state.view?.stage !== 'finished') await host.command(step);
    await until(host, (c) => c.state.view?.stage === 'finished');
    host.close();
  });

  it('an oversized frame closes only the socket that sent it', async () => {
    const a = auths();
    const phone = await rawSocket(a.audience);
    const other = await rawSocket({ role: 'audience', showId: show.showId, name: 'Người bên cạnh' });
    const closed = new Promise<string>((resolve) => phone.socket.once('disconnect', (r) => resolve(r)));
    phone.socket.emit('audience:answer', { round: 0, value: 'Đ'.repeat(40_000) }, () => undefined);
    expect(await closed).toBe('transport close');
    const res = await other.socket.timeout(5000).emitWithAck('time:sync', 1);
    expect(res).toMatchObject({ ok: true });
  });

  it('prints the figures; memory stayed bounded and nothing was logged as an error', () => {
    const growthMb = (heapAfterGc() - heapBefore) / 2 ** 20;
    const total = figures.reduce((sum, f) => sum + Number(f.match(/: (\d+) sent/)![1]), 0);
    console.log(
      `[fuzz:socket] payloads tried ${total.toLocaleString('en')}, crashes 0, INTERNAL 0, heap growth ${growthMb.toFixed(1)} MB\n  ` +
        figures.join('\n  '),
    );
    expect(growthMb).toBeLessThan(64);
    expect(logLines.filter((l) => /"level":(50|60)/.test(l))).toEqual([]);
  });
});
