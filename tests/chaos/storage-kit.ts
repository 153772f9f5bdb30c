/** What the storage-fault tests share: a two-seat show whose first question stands open for seat 1. */
import { expectOk, single, until, type Harness } from '../integration/harness.ts';

export async function seatAnswering(h: Harness, title: string) {
  const show = await h.createShow({ title, seatCount: 2, questions: [single('q1', 1), single('q2', 0)] });
  const host = await h.connect({ role: 'host', showId: show.showId, pin: show.secrets.hostPin });
  const seat = await h.connect({
    role: 'player',
    showId: show.showId,
    seat: 1,
    pin: show.secrets.seats['1'].pin,
  });
  expectOk(await host.command('show:start'));
  expectOk(await host.command('question:show', {}));
  expectOk(await host.command('question:open'));
  const round = (await until(seat, (c) => c.state.self?.canAnswer && c.state.view?.round)).index;
  return { show, host, seat, round };
}
