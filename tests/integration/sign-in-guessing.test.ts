/**
 * Guessing PINs the way an outsider on the hall's network would: plain Socket.IO handshakes with
 * nothing but the show id, many in flight, from one address and from many. The server's clock is a
 * parameter, so a whole contest day of guessing runs in seconds and nothing here depends on timing.
 */
import type { AuthPayload } from '@cv/shared/protocol';
import { io } from 'socket.io-client';
import { afterEach, describe, expect, it } from 'vitest';
import { ADMIN, expectOk, single, startHarness, until, type CreatedShow, type Harness } from './harness.ts';

const DAY = 24 * 60 * 60_000;
/** docs/protocol.md, "Guessing a PIN": judged guesses one PIN can get in a day, whoever guesses */
const PER_TARGET_PER_DAY = 70;

let h: Harness;
let now = Date.UTC(2026, 10, 30, 7, 0, 0);
afterEach(async () => h?.close());

async function start(trustProxy = false): Promise<CreatedShow> {
  now = Date.UTC(2026, 10, 30, 7, 0, 0);
  h = await startHarness({ clock: () => now, trustProxy });
  return h.createShow({ title: 'Đoán PIN', seatCount: 40, questions: [single('q1', 0)] });
}

interface Outcome {
  code: string;
  retryAfterMs?: number;
}

/** one bare handshake: 'connected' or the connect_error code (with the wait the server asked for) */
function attempt(auth: AuthPayload, forwardedFor?: string): Promise<Outcome> {
  return new Promise((resolve) => {
    const s = io(h.url, {
      auth: auth as Record<string, unknown>,
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
      ...(forwardedFor ? { extraHeaders: { 'x-forwarded-for': forwardedFor } } : {}),
    });
    s.on('connect_error', (err) => {
      s.close();
      const data = (err as { data?: { retryAfterMs?: number } }).data;
      resolve({ code: err.message, ...(data?.retryAfterMs ? { retryAfterMs: data.retryAfterMs } : {}) });
    });
    s.on('connect', () => {
      s.close();
      resolve({ code: 'connected' });
    });
  });
}

/** wrong PINs of `digits` digits in order, with the right one at position `rightAt` (0-based) */
function guesses(right: string, rightAt: number): string[] {
  const wrong: string[] = [];
  for (let n = 0; wrong.length < rightAt; n++) {
    const pin = String(n).padStart(right.length, '0');
    if (pin !== right) wrong.push(pin);
  }
  return [...wrong, right];
}

/**
 * Guesses (for a simulated day at most): whenever the server says wait, the clock moves on by exactly that
 * long (the most a patient attacker could get). Returns the judged guesses and whether one got in.
 */
async function guessForADay(
  authOf: (pin: string) => AuthPayload,
  list: string[],
  addressOf?: (i: number) => string,
) {
  const end = now + DAY;
  let judged = 0;
  let found = false;
  let i = 0;
  let tries = 0;
  while (now < end && i < list.length) {
    const outcome = await attempt(authOf(list[i]!), addressOf?.(tries++));
    if (outcome.code === 'connected') {
      found = true;
      break;
    }
    if (outcome.code === 'UNAUTHORIZED') {
      judged++;
      i++;
    } else {
      expect(['RATE_LIMITED', 'LOCKED']).toContain(outcome.code);
      expect(outcome.retryAfterMs).toBeGreaterThan(0);
      now += outcome.retryAfterMs!;
    }
  }
  return { judged, found };
}

async function auditLines(
  showId: string,
): Promise<{ type: string; outcome: string; actor: string; payload: Record<string, unknown> }[]> {
  const res = await h.app.inject({
    method: 'GET',
    url: `/api/shows/${showId}/audit`,
    headers: { authorization: `Bearer ${ADMIN}` },
  });
  expect(res.statusCode).toBe(200);
  return res.body
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l));
}

describe('guessing a seat PIN through the handshake', () => {
  it('from one client, 50 guesses in flight: 4 are judged, the rest told to wait, the right PIN refused too', async () => {
    const show = await start();
    const right = show.secrets.seats['7'].pin;
    const seat7 = (pin: string): AuthPayload => ({ role: 'player', showId: show.showId, seat: 7, pin });
    const burst = await Promise.all(
      guesses(right, 50)
        .slice(0, 50)
        .map((pin) => attempt(seat7(pin))),
    );
    const codes = burst.map((o) => o.code);
    expect(codes.filter((c) => c === 'UNAUTHORIZED')).toHaveLength(4);
    expect(codes.filter((c) => c === 'RATE_LIMITED')).toHaveLength(46);
    // the right PIN, now: not judged, so not found
    expect((await attempt(seat7(right))).code).toBe('RATE_LIMITED');

    // every judged failure is in the audit trail, with where it came from
    const failed = (await auditLines(show.showId)).filter((l) => l.type === 'session:sign-in');
    expect(failed).toHaveLength(4);
    expect(failed.every((l) => l.outcome === 'UNAUTHORIZED' && l.actor === 'address:127.0.0.1')).toBe(true);
    expect(failed.at(-1)!.payload).toMatchObject({
      method: 'pin',
      address: '127.0.0.1',
      targets: [{ target: 'seat 7', failures: 4 }],
    });
  });

  it('from one client for a whole day: at most the documented 70 judged, the right PIN (75th) never reached', async () => {
    const show = await start();
    const right = show.secrets.seats['3'].pin;
    const { judged, found } = await guessForADay(
      (pin) => ({ role: 'player', showId: show.showId, seat: 3, pin }),
      guesses(right, 75),
    );
    expect(found).toBe(false);
    expect(judged).toBeLessThanOrEqual(PER_TARGET_PER_DAY);
    expect(judged).toBeGreaterThan(0);
    const lines = await auditLines(show.showId);
    expect(lines.filter((l) => l.type === 'session:sign-in')).toHaveLength(judged);
    const locks = lines.filter((l) => l.type === 'session:locked');
    expect(locks.length).toBeGreaterThan(0);
    expect(locks[0]).toMatchObject({ outcome: expect.stringMatching(/LOCKED|RATE_LIMITED/) });
  });

  it('from a new X-Forwarded-For address per guess (trusted by configuration): the PIN’s own limit holds', async () => {
    const show = await start(true);
    const right = show.secrets.seats['5'].pin;
    const { judged, found } = await guessForADay(
      (pin) => ({ role: 'player', showId: show.showId, seat: 5, pin }),
      guesses(right, 75),
      (i) => `10.0.${Math.floor(i / 250)}.${i % 250}`,
    );
    expect(found).toBe(false);
    expect(judged).toBe(PER_TARGET_PER_DAY); // every address fresh: only the target's limit applies, exactly
    const addresses = new Set(
      (await auditLines(show.showId))
        .filter((l) => l.type === 'session:sign-in')
        .map((l) => l.payload.address),
    );
    expect(addresses.size).toBe(judged);
  });

  it('X-Forwarded-For is ignored unless trusted: one client naming fresh addresses across 40 seats is still one source', async () => {
    const show = await start(false);
    let judged = 0;
    let limited = 0;
    for (let seat = 1; seat <= 40; seat++) {
      const wrong = show.secrets.seats[String(seat)].pin === '0000' ? '0001' : '0000';
      const o = await attempt({ role: 'player', showId: show.showId, seat, pin: wrong }, `10.9.9.${seat}`);
      if (o.code === 'UNAUTHORIZED') judged++;
      else if (o.code === 'RATE_LIMITED') limited++;
    }
    // the source's free failures (10) and the one that starts its first delay; then it must wait
    expect(judged).toBe(11);
    expect(limited).toBe(29);
    const lines = await auditLines(show.showId);
    expect(lines.every((l) => l.type !== 'session:sign-in' || l.payload.address === '127.0.0.1')).toBe(true);
  });
});

describe('guessing the MC and judge PINs', () => {
  it('from many addresses for a day: at most 70 judged of 10^10, the right PIN never reached', async () => {
    const show = await start(true);
    expect(show.secrets.hostPin).toMatch(/^\d{10}$/);
    expect(show.secrets.judgePin).toMatch(/^\d{10}$/);
    const { judged, found } = await guessForADay(
      (pin) => ({ role: 'host', showId: show.showId, pin }),
      guesses(show.secrets.hostPin, 75),
      (i) => `172.16.${Math.floor(i / 250)}.${i % 250}`,
    );
    expect(found).toBe(false);
    expect(judged).toBeLessThanOrEqual(PER_TARGET_PER_DAY);
    // the judges' PIN is a target of its own: the MC's lock does not lock the judges out
    expect((await attempt({ role: 'judge', showId: show.showId, pin: show.secrets.judgePin })).code).toBe(
      'connected',
    );
  });

  it('from one client, 50 in flight: 4 judged', async () => {
    const show = await start();
    const burst = await Promise.all(
      guesses(show.secrets.judgePin, 50)
        .slice(0, 50)
        .map((pin) => attempt({ role: 'judge', showId: show.showId, pin })),
    );
    expect(burst.filter((o) => o.code === 'UNAUTHORIZED')).toHaveLength(4);
    expect(burst.filter((o) => o.code === 'connected')).toHaveLength(0);
  });
});

describe('what stays open and who is told', () => {
  it('a locked seat PIN: the QR token still signs in, the MC is told at 5 failures and at the lock, and a new PIN opens it', async () => {
    const show = await start(true);
    const host = await h.connect({ role: 'host', showId: show.showId, pin: show.secrets.hostPin });
    const right = show.secrets.seats['7'].pin;
    // ten wrong PINs from fresh addresses (waiting out each delay): the tenth locks seat 7's PIN
    const seat7 = (pin: string): AuthPayload => ({ role: 'player', showId: show.showId, seat: 7, pin });
    await guessForADay(seat7, guesses(right, 10).slice(0, 10), (i) => `10.1.1.${i + 1}`);
    const notices = await until(host, (c) => (c.state.notices[0]?.lockedUntil ? c.state.notices : null));
    expect(notices[0]).toMatchObject({
      target: { kind: 'seat', seat: 7 },
      failures: 10,
      address: expect.stringMatching(/^10\.1\.1\.\d+$/),
    });
    expect(notices[0]!.lockedUntil).toBe(now + 15 * 60_000);

    expect((await attempt({ role: 'player', showId: show.showId, seat: 7, pin: right })).code).toBe('LOCKED');
    const byToken = await attempt({
      role: 'player',
      showId: show.showId,
      joinToken: show.secrets.seats['7'].joinToken,
    });
    expect(byToken.code).toBe('connected');

    const fresh = expectOk(await host.resetPin(7));
    expect((await attempt({ role: 'player', showId: show.showId, seat: 7, pin: fresh.pin })).code).toBe(
      'connected',
    );
  });

  it('a locked MC PIN does not lock out the console already running: it comes back with its resume token', async () => {
    const show = await start(true);
    const host = await h.connect({ role: 'host', showId: show.showId, pin: show.secrets.hostPin });
    expect(host.state.session?.resumeToken).toMatch(/^[\w-]{20,}$/);
    const wrong = guesses(show.secrets.hostPin, 10).slice(0, 10);
    await guessForADay(
      (pin) => ({ role: 'host', showId: show.showId, pin }),
      wrong,
      (i) => `10.3.3.${i + 1}`,
    );
    expect((await attempt({ role: 'host', showId: show.showId, pin: show.secrets.hostPin })).code).toBe(
      'LOCKED',
    );
    // the console's Wi-Fi drops: the SDK reconnects with the resume token, the PIN is not judged
    host.socket.io.engine.close();
    await until(host, (c) => !c.state.connected);
    await until(host, (c) => c.state.synced);
    expect(host.state.authError).toBeNull();
    // a token is good for one comeback and only for its role
    const judgeWithIt = await attempt({
      role: 'judge',
      showId: show.showId,
      pin: '0',
      resumeToken: host.state.session!.resumeToken!,
    });
    expect(judgeWithIt.code).toBe('UNAUTHORIZED');
  });

  it('a reset seat PIN also retires the resume token of the device that held the seat', async () => {
    const show = await start();
    const host = await h.connect({ role: 'host', showId: show.showId, pin: show.secrets.hostPin });
    const tablet = await h.connect({
      role: 'player',
      showId: show.showId,
      seat: 4,
      pin: show.secrets.seats['4'].pin,
    });
    const resumeToken = tablet.state.session!.resumeToken!;
    expectOk(await host.resetPin(4));
    const back = await attempt({ role: 'player', showId: show.showId, seat: 4, pin: 'old', resumeToken });
    expect(back.code).toBe('UNAUTHORIZED');
  });

  it('a whole hall behind one address signing in at once with the right PINs: nobody is told to wait', async () => {
    const show = await start();
    const all = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        attempt({
          role: 'player',
          showId: show.showId,
          seat: i + 1,
          pin: show.secrets.seats[String(i + 1)].pin,
        }),
      ),
    );
    expect(all.map((o) => o.code)).toEqual(Array(40).fill('connected'));
  });

  it('the 5th failure reaches the console as a notice', async () => {
    const show = await start(true);
    const host = await h.connect({ role: 'host', showId: show.showId, pin: show.secrets.hostPin });
    await guessForADay(
      (pin) => ({ role: 'player', showId: show.showId, seat: 2, pin }),
      guesses(show.secrets.seats['2'].pin, 5).slice(0, 5),
      (i) => `10.2.2.${i + 1}`,
    );
    const [notice] = await until(host, (c) => c.state.notices.length > 0 && c.state.notices);
    expect(notice).toMatchObject({ target: { kind: 'seat', seat: 2 }, failures: 5, lockedUntil: null });
  });
});

describe('the HTTP route that takes a PIN (audit export)', () => {
  it('refuses a PIN in the query string, and throttles X-Show-Pin guesses like the handshake', async () => {
    const show = await start();
    const get = (headers: Record<string, string>, query = '') =>
      h.app.inject({ method: 'GET', url: `/api/shows/${show.showId}/audit${query}`, headers });
    const inQuery = await get({}, `?pin=${show.secrets.hostPin}`);
    expect(inQuery.statusCode).toBe(400);
    expect(inQuery.json().error.code).toBe('BAD_REQUEST');

    const codes: number[] = [];
    for (let i = 0; i < 12; i++)
      codes.push((await get({ 'x-show-pin': String(i).padStart(10, '0') })).statusCode);
    expect(codes.slice(0, 4)).toEqual([401, 401, 401, 401]);
    expect(codes.slice(4).every((c) => c === 429)).toBe(true);
    const right = await get({ 'x-show-pin': show.secrets.hostPin });
    expect(right.statusCode).toBe(429);
    expect(Number(right.headers['retry-after'])).toBeGreaterThan(0);
    // the admin token is no PIN: unaffected
    expect((await get({ authorization: `Bearer ${ADMIN}` })).statusCode).toBe(200);
    now += 60_000;
    expect((await get({ 'x-show-pin': show.secrets.judgePin })).statusCode).toBe(200);
  });
});
