/** No silent hijack: a PIN sign-in on a seat whose tablet is connected waits for the MC; the QR token and the device's own resume token do not. */
import { afterEach, describe, expect, it } from 'vitest';
import { ADMIN, expectOk, single, startHarness, until, type CreatedShow, type Harness } from './harness.ts';

let h: Harness;
afterEach(async () => h?.close());

async function setUp() {
  h = await startHarness();
  const show = await h.createShow({ title: 'Thay máy', seatCount: 4, questions: [single('q1', 1)] });
  const host = await h.connect({ role: 'host', showId: show.showId, pin: show.secrets.hostPin });
  const tablet = await h.connect(seatAuth(show, 2));
  return { show, host, tablet };
}

const seatAuth = (show: CreatedShow, seat: number) => ({
  role: 'player' as const,
  showId: show.showId,
  seat,
  pin: show.secrets.seats[String(seat)].pin,
});

async function auditTypes(showId: string) {
  const res = await h.app.inject({
    method: 'GET',
    url: `/api/shows/${showId}/audit`,
    headers: { authorization: `Bearer ${ADMIN}` },
  });
  return res.body
    .trim()
    .split('\n')
    .map(
      (l) =>
        JSON.parse(l) as { type: string; actor: string; payload: Record<string, unknown>; outcome: string },
    );
}

describe('PIN sign-in on a seat with a connected tablet', () => {
  it('waits for the MC, who sees where it came from and approves with one click', async () => {
    const { show, host, tablet } = await setUp();
    const newcomer = await h.connect(seatAuth(show, 2), { ready: false });
    await until(newcomer, (c) => c.state.takeoverPending);
    const [request] = await until(
      host,
      (c) => c.state.takeoverRequests.length > 0 && c.state.takeoverRequests,
    );
    expect(request).toMatchObject({ seat: 2, address: '127.0.0.1' });
    expect(request!.userAgent).toBeTypeOf('string');
    // meanwhile the seat's tablet carries on, and the newcomer holds nothing
    expect(tablet.state.connected).toBe(true);
    expect(newcomer.state.connected).toBe(false);

    const settled = expectOk(await host.decideTakeover(request!.requestId, true));
    expect(settled).toEqual({ requestId: request!.requestId, seat: 2, outcome: 'approved' });
    await until(newcomer, (c) => c.state.synced && c.state.self?.seat === 2);
    expect(await until(tablet, (c) => c.state.takenOver)).toMatch(/Ghế 2/);
    await until(host, (c) => c.state.takeoverRequests.length === 0);

    const audit = await auditTypes(show.showId);
    expect(audit.find((l) => l.type === 'seat:takeover-request')).toMatchObject({
      outcome: 'TAKEOVER_PENDING',
      payload: { seat: 2, address: '127.0.0.1' },
    });
    expect(audit.find((l) => l.type === 'seat:takeover-decide')).toMatchObject({
      outcome: 'ok',
      payload: { seat: 2, approve: true },
    });
  });

  it('a refused device is told so and the tablet keeps its seat; a decided request cannot be decided again', async () => {
    const { show, host, tablet } = await setUp();
    const newcomer = await h.connect(seatAuth(show, 2), { ready: false });
    const [request] = await until(
      host,
      (c) => c.state.takeoverRequests.length > 0 && c.state.takeoverRequests,
    );
    expectOk(await host.decideTakeover(request!.requestId, false));
    expect(await until(newcomer, (c) => c.state.authError)).toBe('TAKEOVER_DENIED');
    expect(tablet.state.connected).toBe(true);
    expect(tablet.state.takenOver).toBeNull();
    const again = await host.decideTakeover(request!.requestId, true);
    expect(again.ok ? 'ok' : again.error.code).toBe('NOT_FOUND');
  });

  it('only the MC decides: a judge may not', async () => {
    const { show } = await setUp();
    const judge = await h.connect({ role: 'judge', showId: show.showId, pin: show.secrets.judgePin });
    h.connect(seatAuth(show, 2), { ready: false });
    const [request] = await until(
      judge,
      (c) => c.state.takeoverRequests.length > 0 && c.state.takeoverRequests,
    );
    const res = await judge.decideTakeover(request!.requestId, true);
    expect(res.ok ? 'ok' : res.error.code).toBe('FORBIDDEN');
  });

  it("the tablet leaves while the device waits: the device gets in, and the MC's list lets go of the request", async () => {
    const { show, host, tablet } = await setUp();
    const newcomer = await h.connect(seatAuth(show, 2), { ready: false });
    await until(host, (c) => c.state.takeoverRequests.length > 0);
    tablet.close();
    await until(newcomer, (c) => c.state.synced && c.state.self?.seat === 2);
    // withdrawn at once, not left for the MC until it expires (2 minutes)
    await until(host, (c) => c.state.takeoverRequests.length === 0, 3000);
  });

  it('a console that connects later sees the pending request', async () => {
    const { show, host } = await setUp();
    h.connect(seatAuth(show, 2), { ready: false });
    await until(host, (c) => c.state.takeoverRequests.length > 0);
    const second = await h.connect({ role: 'host', showId: show.showId, pin: show.secrets.hostPin });
    const [request] = await until(
      second,
      (c) => c.state.takeoverRequests.length > 0 && c.state.takeoverRequests,
    );
    expect(request!.seat).toBe(2);
  });
});

describe('what replaces a tablet at once', () => {
  it('the seat card QR token', async () => {
    const { show, host, tablet } = await setUp();
    const byQr = await h.connect({
      role: 'player',
      showId: show.showId,
      joinToken: show.secrets.seats['2'].joinToken,
    });
    expect(byQr.state.self?.seat).toBe(2);
    await until(tablet, (c) => c.state.takenOver);
    expect(host.state.takeoverRequests).toEqual([]);
  });

  it('the same device coming back with its resume token (a Wi-Fi drop the server has not noticed yet)', async () => {
    const { show, host, tablet } = await setUp();
    const resumeToken = tablet.state.session?.resumeToken;
    expect(resumeToken).toMatch(/^[\w-]{20,}$/);
    // the old socket is still connected on the server: only the device's own token skips the MC
    const back = await h.connect({ ...seatAuth(show, 2), resumeToken });
    expect(back.state.self?.seat).toBe(2);
    expect(host.state.takeoverRequests).toEqual([]);
    // the token rotates: the old one is worth nothing now, and a stranger with the PIN waits again
    const stale = await h.connect({ ...seatAuth(show, 2), resumeToken }, { ready: false });
    await until(stale, (c) => c.state.takeoverPending);
  });

  it('a seat with no connected tablet: the PIN gets straight in (a broken tablet is replaced in seconds)', async () => {
    const { show, host, tablet } = await setUp();
    tablet.close();
    await until(host, (c) => c.state.view?.seats.find((s) => s.seat === 2)?.connected === false);
    const replacement = await h.connect(seatAuth(show, 2));
    expect(replacement.state.self?.seat).toBe(2);
  });
});
