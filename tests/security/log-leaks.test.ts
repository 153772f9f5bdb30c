/**
 * Secrets never reach the log. The server runs at debug level while people do what leaks secrets in
 * other products: open the big screen and a seat card's link (tokens in the query), export the
 * audit with the MC's PIN in the query, sign in with a password (right and wrong), register and
 * sign in as a candidate, connect every device with its PIN. Every captured line is scanned for every
 * PIN, token, password, session cookie and CSRF token; a positive control proves the scan finds one.
 */
import { solvePow } from '@cv/server/online/service/pow.ts';
import type { RegistrationFormView, SessionGrant } from '@cv/shared/protocol/online.ts';
import { io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, openWorkspace, PASSWORD, type Workspace } from '../integration/admin/support.ts';
import { person } from '../support/online.ts';

const lines: string[] = [];
let w: Workspace;
beforeAll(async () => {
  w = await openWorkspace({
    seedDemo: true,
    httpRateLimit: { max: 1e9 },
    logger: { level: 'debug', stream: { write: (line: string) => void lines.push(line) } },
  });
}, 60_000);
afterAll(async () => w?.close());

interface Secret {
  name: string;
  found(line: string): boolean;
}

const plain = (name: string, value: string): Secret => ({ name, found: (l) => l.includes(value) });
/** a short numeric PIN: only as a whole number (a timestamp or port may hold the same digits) */
const pin = (name: string, value: string): Secret => ({
  name,
  found: (l) =>
    value.length >= 6
      ? new RegExp(`(?<![0-9])${value}(?![0-9])`).test(l)
      : new RegExp(`pin[^0-9a-z]{0,6}${value}(?![0-9])`, 'i').test(l),
});

function scan(secrets: Secret[], text: string[]): string[] {
  const hits: string[] = [];
  for (const line of text)
    for (const s of secrets) if (s.found(line)) hits.push(`${s.name}: ${line.slice(0, 200)}`);
  return hits;
}

describe('no secrets in logs', () => {
  it('logs requests, sign-ins and connections without a single PIN, token, password or cookie', async () => {
    const { app } = w;
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address();
    const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    const show = app.shows.record(app.shows.list()[0].showId)!;
    const s = show.secrets;

    // links people open: the big screen's address, a seat card's QR link, the audit with the MC's PIN
    await app.inject({ method: 'GET', url: `/screen/?show=${show.showId}&token=${s.displayToken}` });
    await app.inject({ method: 'GET', url: `/board/?show=${show.showId}&t=${s.seats['1'].joinToken}` });
    const audit = await app.inject({
      method: 'GET',
      url: `/api/shows/${show.showId}/audit`,
      headers: { 'x-show-pin': s.hostPin },
    });
    expect(audit.statusCode).toBe(200);
    // a PIN put in the query anyway is refused, and the logged URL must not carry it either
    const inQuery = await app.inject({
      method: 'GET',
      url: `/api/shows/${show.showId}/audit?pin=${s.hostPin}`,
    });
    expect(inQuery.statusCode).toBe(400);
    await app.inject({ method: 'GET', url: `/api/shows/${show.showId}/audit?format=csv&pin=0000` });
    // sign-ins, right and wrong
    await app.inject({
      method: 'POST',
      url: '/api/admin/login',
      payload: { username: 'btc', password: PASSWORD },
    });
    await app.inject({
      method: 'POST',
      url: '/api/admin/login',
      payload: { username: 'btc', password: `${PASSWORD}x` },
    });
    await app.inject({
      method: 'GET',
      url: '/api/shows',
      headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
    });
    // a candidate registers and signs in
    const form = (
      await app.inject({ method: 'GET', url: '/api/online/form' })
    ).json() as RegistrationFormView;
    const challenge = (await app.inject({ method: 'GET', url: '/api/online/challenge' })).json();
    const p = person(31, { unitId: form.units[0].units[0].unitId });
    const reg = await app.inject({
      method: 'POST',
      url: '/api/online/register',
      payload: { ...p, pow: solvePow(challenge) },
    });
    expect(reg.statusCode, reg.body).toBe(201);
    const candidate = reg.json() as SessionGrant;
    await app.inject({
      method: 'GET',
      url: '/api/online/me',
      headers: { authorization: `Bearer ${candidate.token}` },
    });
    // every device connects with its credential, one with a wrong one
    const auths = [
      { role: 'host', showId: show.showId, pin: s.hostPin },
      { role: 'judge', showId: show.showId, pin: s.judgePin },
      { role: 'screen', showId: show.showId, displayToken: s.displayToken },
      { role: 'player', showId: show.showId, seat: 1, pin: s.seats['1'].pin },
      { role: 'player', showId: show.showId, seat: 2, pin: '0000' },
    ];
    for (const auth of auths) {
      const socket = io(url, { auth, transports: ['websocket'], reconnection: false });
      await new Promise<void>((resolve) => {
        socket.once('connect', () => resolve());
        socket.once('connect_error', () => resolve());
      });
      socket.close();
    }

    const secrets: Secret[] = [
      plain('admin token', ADMIN_TOKEN),
      plain('staff password', PASSWORD),
      plain('display token', s.displayToken),
      plain('candidate session', candidate.token),
      plain('session cookie', w.admin.cookie.split('=')[1]),
      plain('CSRF token', w.admin.csrfToken),
      pin('MC PIN', s.hostPin),
      pin('judge PIN', s.judgePin),
      plain('CCCD', p.idNumber),
      ...Object.entries(s.seats).flatMap(([seat, { pin: seatPin, joinToken }]) => [
        pin(`seat ${seat} PIN`, seatPin),
        plain(`seat ${seat} join token`, joinToken),
      ]),
    ];
    expect(lines.length).toBeGreaterThan(20);
    // positive control: the scan finds a secret where there is one
    expect(
      scan(secrets, [`{"url":"/api/shows/x/audit?pin=${s.hostPin}"}`, `"t":"${s.seats['2'].joinToken}"`]),
    ).toHaveLength(2);
    const hits = scan(secrets, lines);
    console.log(
      `[leaks:logs] log lines scanned ${lines.length}, secrets looked for ${secrets.length}, leaks ${hits.length}`,
    );
    expect(hits).toEqual([]);
  });
});
