/**
 * Many nodes in one process: three apps on port 0 sharing one Redis (their own key prefix), each with
 * its own Socket.IO server. MC on A, tablets split over B and C, big screen on B, a phone on C. The show
 * runs whichever node holds its lease; the others follow and forward. The real-process version with
 * SIGKILL and SIGSTOP is tests/cluster (npm run test:cluster).
 */
import { deleteRedisKeys, redisTestMode, testRedisUrl } from '@cv/server/storage/redis/availability.ts';
import type { ShowClient } from '@cv/shared/client';
import type { HealthResponse, HostView } from '@cv/shared/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectOk, single, startHarness, until, type CreatedShow, type Harness } from './harness.ts';

const redisMode = await redisTestMode(testRedisUrl());
const DB = 13;
const prefix = `cv-cluster-${process.pid}-${Date.now()}`;

async function node(id: string): Promise<Harness> {
  return startHarness({
    store: { kind: 'redis', url: testRedisUrl(), db: DB, prefix },
    nodeId: id,
    cluster: { leaseMs: 800, tickMs: 100, requestTimeoutMs: 4000, presenceMs: 150 },
  });
}

async function health(h: Harness): Promise<HealthResponse> {
  return (await h.app.inject({ method: 'GET', url: '/api/health' })).json() as HealthResponse;
}

async function ownerOf(nodes: Harness[], showId: string, timeoutMs = 5000): Promise<Harness> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    for (const n of nodes) if ((await health(n)).node?.owns.includes(showId)) return n;
    if (Date.now() > until) throw new Error('no node took the show');
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** retry while the show is between owners (what the console does on OWNER_UNAVAILABLE) */
async function retrying<T>(
  send: () => Promise<{ ok: true; data: T } | { ok: false; error: { code: string; message: string } }>,
) {
  for (let i = 0; ; i++) {
    const res = await send();
    if (res.ok || res.error.code !== 'OWNER_UNAVAILABLE' || i > 40) return res;
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe.skipIf(redisMode === 'skip')('three nodes on one Redis', () => {
  const nodes: Harness[] = [];
  let show: CreatedShow;
  let host: ShowClient;
  let screen: ShowClient;
  let fan: ShowClient;
  const players: ShowClient[] = [];

  beforeAll(async () => {
    if (redisMode === 'fail') throw new Error('CI=true and Redis is unreachable');
    nodes.push(await node('a'), await node('b'), await node('c'));
  });
  afterAll(async () => {
    await Promise.all(nodes.map((n) => n.close().catch(() => undefined)));
    if (redisMode === 'run') await deleteRedisKeys(testRedisUrl(), DB, `${prefix}:*`);
  });

  it('serves every device from any node, one node deciding', async () => {
    const [a, b, c] = nodes;
    show = await a.createShow({
      title: 'Ba máy chủ',
      seatCount: 4,
      questions: [single('q1', 1), single('q2', 2), single('q3', 3)],
    });
    const owner = await ownerOf(nodes, show.showId);
    const owners = await Promise.all(nodes.map(async (n) => (await health(n)).node!.owns));
    expect(owners.filter((o) => o.includes(show.showId))).toHaveLength(1);
    expect(owner).toBeDefined();

    host = await a.connect({ role: 'host', showId: show.showId, pin: show.secrets.hostPin });
    screen = await b.connect({
      role: 'screen',
      showId: show.showId,
      displayToken: show.secrets.displayToken,
    });
    fan = await c.connect({ role: 'audience', showId: show.showId, name: 'Khán giả ở nhà' });
    for (const seat of [1, 2, 3, 4])
      players.push(
        await (seat % 2 ? b : c).connect({
          role: 'player',
          showId: show.showId,
          seat,
          pin: show.secrets.seats[String(seat)].pin,
        }),
      );

    expectOk(await host.command('show:start'));
    expectOk(await host.command('question:show', {}));
    expectOk(await host.command('question:open'));
    const round = await until(
      screen,
      (s) => s.state.view?.round?.phase === 'answering' && s.state.view.round,
    );
    // seat 4 answers wrong; the tablets' acks carry what the owner recorded
    const acks = await Promise.all(players.map((p, i) => p.answer(round.index, i === 3 ? 0 : 1)));
    expect(acks.map((r) => expectOk(r).value)).toEqual([1, 1, 1, 0]);
    expectOk(await fan.audienceAnswer(round.index, 1));
    await until(screen, (s) => s.state.tally?.answered === 4 && s.state.tally.audienceAnswered === 1);
    expectOk(await host.command('question:lock'));
    expectOk(await host.command('question:reveal'));

    // every node replayed the same committed state and told its own devices
    const revealed = await until(host, (h) => h.state.view?.round?.phase === 'revealed' && h.state.view);
    await until(screen, (s) => s.state.view?.version === revealed.version);
    const out = await until(players[3], (p) => p.state.self?.status === 'eliminated' && p.state.self);
    expect(out.seat).toBe(4);
    expect((await until(fan, (f) => f.state.audience?.score === 1 && f.state.audience)).score).toBe(1);
    const versions = nodes.map((n) => n.app.shows.runner(show.showId)!.version);
    expect(new Set(versions)).toEqual(new Set([revealed.version]));
  });

  it('shows seats connected on any node; a PIN sign-in on a third node waits for the MC on the first', async () => {
    const [, , c] = nodes;
    // the screen on B sees tablets that sit on B and on C
    const connected = await until(screen, (s) => {
      const seats = s.state.view && 'seats' in s.state.view ? s.state.view.seats : [];
      return seats.length === 4 && seats.every((x) => x.connected) && seats;
    });
    expect(connected.map((x) => x.seat)).toEqual([1, 2, 3, 4]);
    // the nodes' roll calls (every 150 ms here) keep them so
    await new Promise((r) => setTimeout(r, 700));
    const seats = screen.state.view && 'seats' in screen.state.view ? screen.state.view.seats : [];
    expect(seats.filter((x) => x.connected).map((x) => x.seat)).toEqual([1, 2, 3, 4]);
    for (const n of nodes)
      expect(n.app.shows.runner(show.showId)!.seatsHere().sort()).toEqual(
        n === nodes[1] ? [1, 3] : n === nodes[2] ? [2, 4] : [],
      );
    // seat 1's tablet is on B; the same seat signs in with its PIN on C, the MC's console is on A
    const again = await c.connect(
      { role: 'player', showId: show.showId, seat: 1, pin: show.secrets.seats['1'].pin },
      { ready: false },
    );
    await until(again, (p) => p.state.takeoverPending);
    const [request] = await until(
      host,
      (h) => h.state.takeoverRequests.length > 0 && h.state.takeoverRequests,
    );
    expect(request!.seat).toBe(1);
    expect(players[0].state.connected).toBe(true);
    expect(players[0].state.takenOver).toBeNull();
    expectOk(await host.decideTakeover(request!.requestId, true));
    await until(again, (p) => p.state.synced && p.state.self?.seat === 1);
    await until(players[0], (p) => p.state.takenOver !== null);
    players[0].close();
    players[0] = again;
  });

  it('a tablet comes back through another node with its own resume token, without PIN or approval', async () => {
    const [a] = nodes;
    const token = players[2].state.session?.resumeToken;
    expect(token).toBeTypeOf('string');
    const back = await a.connect({ role: 'player', showId: show.showId, seat: 3, resumeToken: token! });
    expect(back.state.self?.seat).toBe(3);
    await until(players[2], (p) => p.state.takenOver !== null);
    // the token it had is spent: the device holds a new one, and the old one opens nothing
    expect(back.state.session?.resumeToken).not.toBe(token);
    const stale = await a.connect(
      { role: 'player', showId: show.showId, seat: 3, resumeToken: token! },
      { ready: false },
    );
    expect(await until(stale, (p) => p.state.authError)).toBeTruthy();
    stale.close();
    players[2].close();
    players[2] = back;
  });

  it('a follower cut from Redis pub/sub catches up from the store once it is back', async () => {
    const owner = await ownerOf(nodes, show.showId);
    // not the MC's node: its forwarded commands' acks would be lost with the cut
    const follower = nodes.slice(1).find((n) => n !== owner)!;
    const followed = () => follower.app.shows.runner(show.showId)!;
    const before = followed().version;
    follower.app.cluster!.cutSubscriber();
    expectOk(await host.command('show:pause'));
    expectOk(await host.command('show:resume'));
    const latest = owner.app.shows.runner(show.showId)!.version;
    expect(latest).toBeGreaterThan(before);
    await new Promise((r) => setTimeout(r, 200));
    expect(followed().version).toBe(before); // nothing reached it, and nothing more will be published
    await follower.app.cluster!.healSubscriber();
    const giveUp = Date.now() + 5000;
    while (followed().version < latest && Date.now() < giveUp) await new Promise((r) => setTimeout(r, 20));
    expect(followed().version).toBe(latest);
  });

  it('takes over within a lease when the owner stops, and a stale owner cannot write', async () => {
    const owner = await ownerOf(nodes, show.showId);
    expectOk(await host.command('question:show', {}));
    expectOk(await host.command('question:open'));
    const round = await until(host, (h) => h.state.view?.round?.phase === 'answering' && h.state.view.round);
    const acked = await Promise.all(players.slice(0, 3).map((p) => p.answer(round.index, 2)));
    acked.forEach(expectOk);

    // the owner is frozen as a paused process would be: no renewals; its runner still thinks it decides
    owner.app.cluster!.freezeLeases();
    const others = nodes.filter((n) => n !== owner);
    const successor = await ownerOf(others, show.showId, 5000);
    expect(successor).not.toBe(owner);
    expect(owner.app.shows.runner(show.showId)!.isOwner).toBe(true); // it has not noticed yet

    // the successor's takeover is written first (the show paused with its time left): nothing else may follow
    const deadline0 = Date.now() + 5000;
    while (!successor.app.shows.runner(show.showId)!.state.paused && Date.now() < deadline0)
      await new Promise((r) => setTimeout(r, 20));
    expect(successor.app.shows.runner(show.showId)!.state.paused).toBe(true);
    // the stale owner applies a command itself: the store refuses the write, nothing is appended
    const before = (await owner.app.store.auditTrail(show.showId)).length;
    const staleRunner = owner.app.shows.runner(show.showId)!;
    const stale = await staleRunner.submit(
      { type: 'show:pause', version: staleRunner.state.controlVersion },
      { role: 'host', id: 'host' },
    );
    expect(stale.ok).toBe(false);
    if (!stale.ok) expect(stale.error.code).toBe('OWNER_UNAVAILABLE');
    expect((await owner.app.store.auditTrail(show.showId)).length).toBe(before);
    expect(owner.app.shows.runner(show.showId)!.isOwner).toBe(false); // fenced: it follows now
    owner.app.cluster!.thawLeases();

    // the show was caught answering: it comes back paused with the time it had left, acked answers kept
    const hostView = await until(host, (h) => h.state.view?.paused && (h.state.view as HostView));
    expect(hostView.round?.phase).toBe('answering');
    for (const seat of [1, 2, 3]) expect(hostView.round?.answers?.[seat]?.value).toBe(2);
    expectOk(await retrying(() => host.command('show:resume')));
    expectOk(await retrying(() => host.command('question:lock')));
    expectOk(await retrying(() => host.command('question:reveal')));
    await until(
      screen,
      (s) => s.state.view?.round?.phase === 'revealed' && s.state.view.round.index === round.index,
    );
    // every node, the unfrozen one included, holds the same state again
    const target = (await until(host, (h) => h.state.view?.round?.phase === 'revealed' && h.state.view))
      .version;
    const deadline = Date.now() + 3000;
    while (nodes.some((n) => n.app.shows.runner(show.showId)!.version !== target) && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 50));
    expect(nodes.map((n) => n.app.shows.runner(show.showId)!.version)).toEqual([target, target, target]);
  });
});

describe.skipIf(redisMode === 'skip')(
  'one node on Redis whose own lease lapsed (a stalled event loop)',
  () => {
    let h: Harness | null = null;
    const ownPrefix = `${prefix}-alone`;
    afterAll(async () => {
      await h?.close().catch(() => undefined);
      if (redisMode === 'run') await deleteRedisKeys(testRedisUrl(), DB, `${ownPrefix}:*`);
    });

    it('takes the show back without pausing it when nobody else ran it meanwhile', async () => {
      h = await startHarness({
        store: { kind: 'redis', url: testRedisUrl(), db: DB, prefix: ownPrefix },
        nodeId: 'alone',
        cluster: { leaseMs: 400, tickMs: 100, requestTimeoutMs: 4000 },
      });
      const created = await h.createShow({ title: 'Một máy', seatCount: 2, questions: [single('q1', 1)] });
      await ownerOf([h], created.showId);
      const host = await h.connect({ role: 'host', showId: created.showId, pin: created.secrets.hostPin });
      expectOk(await host.command('show:start'));
      expectOk(await host.command('question:show', {}));
      expectOk(await host.command('question:open'));
      const runner = h.app.shows.runner(created.showId)!;
      const version = runner.version;
      h.app.cluster!.freezeLeases();
      await new Promise((r) => setTimeout(r, 700)); // the lease expires unrenewed
      h.app.cluster!.thawLeases();
      await ownerOf([h], created.showId);
      await new Promise((r) => setTimeout(r, 300));
      expect(runner.isOwner).toBe(true);
      expect(runner.state.paused).toBe(false);
      expect(runner.version).toBe(version);
      expectOk(await host.command('question:lock'));
    });
  },
);
