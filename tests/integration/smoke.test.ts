import { afterEach, describe, expect, it } from 'vitest';
import { expectOk, single, startHarness, until, type Harness } from './harness.ts';

let h: Harness;
afterEach(async () => h?.close());

describe('smoke', () => {
  it('plays one question end to end', async () => {
    h = await startHarness();
    const show = await h.createShow({
      title: 'Thử',
      seatCount: 3,
      questions: [single('q1', 1), single('q2', 2)],
    });
    const host = await h.connect({ role: 'host', showId: show.showId, pin: show.secrets.hostPin });
    const p1 = await h.connect({
      role: 'player',
      showId: show.showId,
      seat: 1,
      pin: show.secrets.seats['1'].pin,
    });
    const p2 = await h.connect({
      role: 'player',
      showId: show.showId,
      seat: 2,
      pin: show.secrets.seats['2'].pin,
    });
    expectOk(await host.command('show:start'));
    await until(host, (c) => c.state.view?.stage === 'running');
    expectOk(await host.command('question:show', {}));
    await until(host, (c) => c.state.view?.round);
    expectOk(await host.command('question:open'));
    const round = (await until(p1, (c) => c.state.view?.round?.phase === 'answering' && c.state.view.round))
      .index;
    expectOk(await p1.answer(round, 1));
    expectOk(await p2.answer(round, 0));
    await until(host, (c) => c.state.view?.version && host.state.view!.version >= 0);
    expectOk(await host.command('question:lock'));
    await until(host, (c) => c.state.view?.round?.phase === 'locked');
    expectOk(await host.command('question:reveal'));
    const view = await until(host, (c) => c.state.view?.round?.phase === 'revealed' && c.state.view);
    expect(view.seats.find((s) => s.seat === 1)?.status).toBe('standing');
    expect(view.seats.find((s) => s.seat === 2)?.status).toBe('eliminated');
    expect(view.seats.find((s) => s.seat === 3)?.status).toBe('eliminated');
    // a tablet gets no seat grid, only its own fate
    const self = await until(p2, (c) => c.state.self?.correct === false && c.state.self);
    expect(self).toMatchObject({ status: 'eliminated', eliminatedAt: 1 });
    expect(p2.state.view?.seats).toEqual([]);
    expect(p2.state.view?.standingCount).toBe(1);
  });
});
