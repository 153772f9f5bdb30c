/** The same show on both stores, switched by configuration only, rebuilt exactly after a restart. */
import { redisTestMode, testRedisUrl } from '@cv/server/storage/redis/availability.ts';
import type { HostView } from '@cv/shared/protocol';
import { describe, expect, it } from 'vitest';
import { expectOk, single, startHarness, until } from './harness.ts';
import { playQuestion, removeStore, storeCases } from './store-cases.ts';

const redisMode = await redisTestMode(testRedisUrl());

const configs = storeCases('store', redisMode);

describe.each(configs)('show on the $name store', ({ make, skip }) => {
  it.skipIf(skip)('plays, restarts and comes back identical', async () => {
    const store = make();
    let h = await startHarness({ store, snapshotEvery: 5 });
    const show = await h.createShow({
      title: 'Hai kho lưu trữ',
      seatCount: 6,
      questions: [single('q1', 1), single('q2', 2), single('q3', 0)],
    });
    const host = await h.connect({ role: 'host', showId: show.showId, pin: show.secrets.hostPin });
    const players = await Promise.all(
      [1, 2, 3, 4, 5, 6].map((seat) =>
        h.connect({ role: 'player', showId: show.showId, seat, pin: show.secrets.seats[String(seat)].pin }),
      ),
    );
    expectOk(await host.command('show:start'));
    for (const correct of [1, 2]) await playQuestion(host, players, correct, (correct + 1) % 4);
    const before = await until(
      host,
      (c) =>
        c.state.view?.round?.phase === 'revealed' &&
        c.state.view.round.index === 1 &&
        (c.state.view as HostView),
    );
    expect(before.standingCount).toBe(4);
    await h.close();

    h = await startHarness(
      { store: store.kind === 'sqlite' ? store : { ...store } },
      store.kind === 'sqlite' ? store.dataDir : undefined,
    );
    const again = await h.connect({ role: 'host', showId: show.showId, pin: show.secrets.hostPin });
    const after = again.state.view as HostView;
    expect(after.version).toBe(before.version);
    expect(after.seats.map((s) => [s.seat, s.status, s.eliminatedAt])).toEqual(
      before.seats.map((s) => [s.seat, s.status, s.eliminatedAt]),
    );
    expect(after.standings).toEqual(before.standings);
    expectOk(await again.command('question:show', {}));
    await h.close();
    await removeStore(store);
  });
});
