/** Contestant devices: one live device per seat, reconnects keep answers, the deadline is the server's. */
import { afterEach, describe, expect, it } from 'vitest';
import { expectOk, single, startHarness, until, type CreatedShow, type Harness } from './harness.ts';

let h: Harness;
afterEach(async () => h?.close());

const seatAuth = (show: CreatedShow, seat: number) => ({
  role: 'player' as const,
  showId: show.showId,
  seat,
  pin: show.secrets.seats[String(seat)].pin,
});

async function openQuestion(clock?: () => number) {
  h = await startHarness(clock ? { clock } : {});
  const show = await h.createShow({
    title: 'Ghế',
    seatCount: 4,
    questions: [single('q1', 1), single('q2', 2)],
  });
  const host = await h.connect({ role: 'host', showId: show.showId, pin: show.secrets.hostPin });
  expectOk(await host.command('show:start'));
  expectOk(await host.command('question:show', {}));
  expectOk(await host.command('question:open'));
  const round = (await until(host, (c) => c.state.view?.round?.phase === 'answering' && c.state.view.round))
    .index;
  return { show, host, round };
}

describe('seat takeover', () => {
  it('a second login on a seat takes over and the first device is told why', async () => {
    const { show, round } = await openQuestion();
    const first = await h.connect(seatAuth(show, 2));
    expectOk(await first.answer(round, 0));
    const second = await h.connect({
      role: 'player',
      showId: show.showId,
      joinToken: show.secrets.seats['2'].joinToken,
    });
    const reason = await until(first, (c) => c.state.takenOver);
    expect(reason).toMatch(/Ghế 2/);
    await until(first, (c) => !c.state.connected);
    // the new device carries the seat, its answer included
    expect(second.state.self?.seat).toBe(2);
    expect(second.state.self?.answer).toBe(0);
    expectOk(await second.answer(round, 1));
    await new Promise((r) => setTimeout(r, 700));
    expect(first.state.connected).toBe(false); // no automatic comeback that would steal the seat back
  });
});

describe('reconnect', () => {
  it('a tablet that drops mid-question finds its answer on reconnect', async () => {
    const { show, host, round } = await openQuestion();
    const tablet = await h.connect(seatAuth(show, 3));
    const ack = expectOk(await tablet.answer(round, 1));
    expect(ack.value).toBe(1);
    tablet.socket.io.engine.close(); // a network drop, not a logout: the SDK reconnects by itself
    await until(tablet, (c) => !c.state.connected);
    await until(tablet, (c) => c.state.synced && c.state.self?.answer === 1, 8000);
    expect(tablet.state.view?.round?.phase).toBe('answering');
    const hostSees = await until(host, (c) => {
      const r = c.state.view?.round;
      return r && 'answers' in r && r.answers[3];
    });
    expect(hostSees.value).toBe(1);
  });
});

describe('the MC follows answers live', () => {
  it("sees each seat's answer and time within a tally tick, with no other command", async () => {
    const { show, host, round } = await openQuestion();
    const tablet = await h.connect(seatAuth(show, 4));
    const before = host.state.view!.version;
    expectOk(await tablet.answer(round, 2));
    const seen = await until(host, (c) => {
      const r = c.state.view?.round;
      return r && 'answers' in r && r.answers[4];
    });
    expect(seen).toMatchObject({ value: 2, correct: false });
    expect(seen.elapsedMs).toBeGreaterThanOrEqual(0);
    expect(host.state.view!.version).toBe(before + 1); // the answer itself, nothing else
  });
});

describe('deadline', () => {
  it('refuses an answer after the deadline plus grace with ANSWER_LATE', async () => {
    let skew = 0;
    const { show, round } = await openQuestion(() => Date.now() + skew);
    const tablet = await h.connect(seatAuth(show, 1));
    expectOk(await tablet.answer(round, 1));
    skew = 10_000 + 800 + 50; // the 10 s limit and the grace have passed on the server's clock
    const late = await tablet.answer(round, 2);
    expect(late.ok).toBe(false);
    if (!late.ok) expect(late.error.code).toBe('ANSWER_LATE');
    expect((await tablet.resync()).ok && tablet.state.self?.answer).toBe(1);
  });

  it('locks by itself when the server-owned time runs out', async () => {
    h = await startHarness();
    const show = await h.createShow({
      title: 'Khóa tự động',
      seatCount: 2,
      rules: { lateGraceMs: 100 },
      questions: [single('q1', 1, { timeLimitSec: 3 })],
    });
    const host = await h.connect({ role: 'host', showId: show.showId, pin: show.secrets.hostPin });
    const screen = await h.connect({
      role: 'screen',
      showId: show.showId,
      displayToken: show.secrets.displayToken,
    });
    expectOk(await host.command('show:start'));
    expectOk(await host.command('question:show', {}));
    expectOk(await host.command('question:open'));
    const deadline = (await until(screen, (c) => c.state.view?.round?.deadline)) as number;
    const locked = await until(screen, (c) => c.state.view?.round?.phase === 'locked', 6000);
    expect(locked).toBe(true);
    expect(Date.now()).toBeGreaterThanOrEqual(deadline + 100);
  });
});
