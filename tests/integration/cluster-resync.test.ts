/**
 * Connection-state recovery on many nodes is the app's own resync, not Socket.IO's
 * `connectionStateRecovery` (docs/architecture.md says why): a tablet and a phone that drop while the
 * show moves on get, on reconnecting — to the same node or to another one — a snapshot with everything
 * they missed (the reveal, their verdict, the phone's score and the round it scored on).
 */
import { deleteRedisKeys, redisTestMode, testRedisUrl } from '@cv/server/storage/redis/availability.ts';
import type { AuthPayload } from '@cv/shared/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectOk, single, startHarness, until, type Harness } from './harness.ts';

const redisMode = await redisTestMode(testRedisUrl());
const DB = 14;
const prefix = `cv-resync-${process.pid}-${Date.now()}`;

describe.skipIf(redisMode === 'skip')('a device that drops on one node catches up on any node', () => {
  const nodes: Harness[] = [];
  beforeAll(async () => {
    if (redisMode === 'fail') throw new Error('CI=true and Redis is unreachable');
    for (const id of ['a', 'b', 'c'])
      nodes.push(
        await startHarness({
          store: { kind: 'redis', url: testRedisUrl(), db: DB, prefix },
          nodeId: id,
          cluster: { leaseMs: 800, tickMs: 100, requestTimeoutMs: 4000 },
        }),
      );
  });
  afterAll(async () => {
    await Promise.all(nodes.map((n) => n.close().catch(() => undefined)));
    if (redisMode === 'run') await deleteRedisKeys(testRedisUrl(), DB, `${prefix}:*`);
  });

  it('gets the reveal, its verdict and the score it missed', async () => {
    const [a, b, c] = nodes;
    const show = await a.createShow({ title: 'Rớt mạng', seatCount: 2, questions: [single('q1', 1)] });
    const giveUp = Date.now() + 5000;
    while (!nodes.some((n) => n.app.cluster!.owned().includes(show.showId)) && Date.now() < giveUp)
      await new Promise((r) => setTimeout(r, 50));
    const host = await a.connect({ role: 'host', showId: show.showId, pin: show.secrets.hostPin });
    const tablet = await b.connect({
      role: 'player',
      showId: show.showId,
      seat: 1,
      pin: show.secrets.seats['1'].pin,
    });
    const phone = await b.connect({ role: 'audience', showId: show.showId, name: 'Ở nhà' });
    expectOk(await host.command('show:start'));
    expectOk(await host.command('question:show', {}));
    expectOk(await host.command('question:open'));
    const round = await until(
      tablet,
      (t) => t.state.view?.round?.phase === 'answering' && t.state.view.round,
    );
    expectOk(await tablet.answer(round.index, 1));
    expectOk(await phone.audienceAnswer(round.index, 1));
    await until(host, (h) => h.state.tally?.answered === 1 && h.state.tally.audienceAnswered === 1);

    // both drop; the show moves on without them
    tablet.socket.disconnect();
    phone.socket.disconnect();
    await until(tablet, (t) => !t.state.connected);
    expectOk(await host.command('question:lock'));
    const revealed = expectOk(await host.command('question:reveal'));
    await new Promise((r) => setTimeout(r, 200));
    expect(tablet.state.view?.round?.phase).toBe('answering'); // it really missed the reveal
    expect(phone.state.audience?.score ?? 0).toBe(0);

    // the tablet comes back on the same node, the phone through another (no sticky sessions)
    tablet.socket.connect();
    const back = await until(tablet, (t) => t.state.view?.round?.phase === 'revealed' && t.state);
    expect(back.view!.version).toBeGreaterThanOrEqual(revealed.version);
    expect(back.self).toMatchObject({ seat: 1, answer: 1, status: 'standing' });
    expect(back.self?.correct).toBe(true);
    expect(back.self?.outcome).not.toBeNull();
    const again = await c.connect(phone.socket.auth as AuthPayload);
    const scored = await until(again, (p) => p.state.audience?.score === 1 && p.state.audience);
    expect(scored).toMatchObject({ id: phone.state.audience?.id, answer: 1, correct: true });
    expect(again.state.view?.round?.phase).toBe('revealed');
  });
});
