/** The same show on both stores, switched by configuration only, rebuilt exactly after a restart. */
import { deleteRedisKeys, redisTestMode, testRedisUrl } from '@cv/server/storage/redis/availability.ts';
import type { StoreConfig } from '@cv/server/storage/index.ts';
import type { HostView } from '@cv/shared/protocol';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectOk, single, startHarness, until } from './harness.ts';

const redisMode = await redisTestMode(testRedisUrl());

const configs: { name: string; make: () => StoreConfig; skip: boolean }[] = [
  {
    name: 'sqlite',
    make: () => ({ kind: 'sqlite', dataDir: mkdtempSync(join(tmpdir(), 'cv-store-')) }),
    skip: false,
  },
  {
    name: 'redis',
    make: () => ({
      kind: 'redis',
      url: testRedisUrl(),
      db: 12,
      prefix: `cv-it-${process.pid}-${Date.now()}`,
    }),
    skip: redisMode === 'skip',
  },
];

describe.each(configs)('show on the $name store', ({ make, skip }) => {
  it.skipIf(skip)('plays, restarts and comes back identical', async () => {
    if (redisMode === 'fail' && make().kind === 'redis') throw new Error('CI=true and Redis is unreachable');
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
    for (const correct of [1, 2]) {
      expectOk(await host.command('question:show', {}));
      expectOk(await host.command('question:open'));
      const { index: round, eligibleSeats } = await until(
        host,
        (c) => c.state.view?.round?.phase === 'answering' && c.state.view.round,
      );
      const answering = players.filter((_, i) => eligibleSeats.includes(i + 1));
      await Promise.all(
        answering.map((p, i) => p.answer(round, i === 0 ? (correct + 1) % 4 : correct).then(expectOk)),
      );
      expectOk(await host.command('question:lock'));
      expectOk(await host.command('question:reveal'));
    }
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
    if (store.kind === 'sqlite') rmSync(store.dataDir, { recursive: true, force: true });
    else await deleteRedisKeys(store.url, store.db ?? 0, `${store.prefix}:*`);
  });
});
