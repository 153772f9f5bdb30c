/**
 * Faults short of a crash. A tablet cut off at the network level for 30 s mid-question (its packets
 * go nowhere; nothing is closed) keeps its answer and resyncs to what happened meanwhile. A store
 * write that fails refuses its command with STORAGE_FAILED — never an ack — while the server keeps
 * serving and the show carries on once the MC presses again.
 */
import type { ShowClient } from '@cv/shared/client';
import type { HostView } from '@cv/shared/protocol';
import type { SqliteStore } from '@cv/server/storage/sqlite/sqlite-store.ts';
import { afterEach, describe, expect, it } from 'vitest';
import { expectOk, single, startHarness, until, type Harness } from '../integration/harness.ts';
import { seatAnswering } from './storage-kit.ts';
import { startBlackholeProxy, type BlackholeProxy } from '../support/blackhole-proxy.ts';

/** the 30 s; longer than the server's ping interval + timeout (18 s), so both ends notice */
const CUT_MS = Number(process.env.CHAOS_CUT_MS ?? 30_000);

let h: Harness | undefined;
let proxy: BlackholeProxy | undefined;
const logLines: string[] = [];
afterEach(async () => {
  await proxy?.close();
  await h?.close();
  h = proxy = undefined;
  logLines.length = 0;
});

describe('chaos: faults short of a crash', () => {
  it(`a tablet black-holed for ${CUT_MS / 1000} s mid-question keeps its answer and resyncs`, async () => {
    h = await startHarness();
    const show = await h.createShow({
      title: 'Mất sóng',
      seatCount: 3,
      questions: [single('q1', 1, { timeLimitSec: 120 }), single('q2', 2)],
    });
    const port = Number(new URL(h.url).port);
    proxy = await startBlackholeProxy({ host: '127.0.0.1', port });
    const host = await h.connect({ role: 'host', showId: show.showId, pin: show.secrets.hostPin });
    const others = await Promise.all(
      [2, 3].map((seat) =>
        h!.connect({ role: 'player', showId: show.showId, seat, pin: show.secrets.seats[String(seat)].pin }),
      ),
    );
    // the tablet of seat 1 reaches the server only through the proxy
    const { ShowClient } = await import('@cv/shared/client');
    const tablet: ShowClient = new ShowClient({
      url: proxy.url,
      auth: { role: 'player', showId: show.showId, seat: 1, pin: show.secrets.seats['1'].pin },
      clockResyncMs: 0,
      ackTimeoutMs: 5_000,
      socketOptions: { reconnectionDelay: 200, reconnectionDelayMax: 1_000, timeout: 3_000 },
    });
    h.clients.push(tablet);
    tablet.connect();
    await tablet.ready();

    expectOk(await host.command('show:start'));
    expectOk(await host.command('question:show', {}));
    expectOk(await host.command('question:open'));
    const round = (await until(tablet, (c) => c.state.self?.canAnswer && c.state.view?.round)).index;
    expect(await tablet.answer(round, 1)).toMatchObject({ ok: true });

    proxy.cut();
    const cutAt = Date.now();
    // while seat 1 hears nothing, the question is played out and the next one shown
    for (const p of others) expectOk(await p.answer(round, p === others[0] ? 1 : 0));
    expectOk(await host.command('question:lock'));
    expectOk(await host.command('question:reveal'));
    expectOk(await host.command('question:show', {}));
    // the server noticed the silent tablet by itself (no FIN ever came)
    await until(
      host,
      (c) => (c.state.view as HostView | null)?.seats.find((s) => s.seat === 1)?.connected === false,
      CUT_MS + 10_000,
    );
    expect(tablet.state.view?.round?.phase).toBe('answering'); // still what it saw last
    await new Promise((r) => setTimeout(r, Math.max(0, CUT_MS - (Date.now() - cutAt))));
    proxy.restore();

    // back: the same device resyncs to the present, its answer judged with the others
    const self = await until(
      tablet,
      (c) => c.state.connected && c.state.view?.round?.index === round + 1 && c.state.self,
      20_000,
    );
    expect(self.status).toBe('standing');
    const view = host.state.view as HostView;
    expect(view.standings.find((s) => s.seat === 1)).toMatchObject({ status: 'standing', correct: 1 });
    expect(view.standings.find((s) => s.seat === 3)).toMatchObject({ status: 'eliminated' });
    await until(
      host,
      (c) => (c.state.view as HostView | null)?.seats.find((s) => s.seat === 1)?.connected === true,
      10_000,
    );
    console.log(
      `[chaos:network] tablet black-holed ${Math.round((Date.now() - cutAt) / 1000)} s, answer kept 1/1, resynced`,
    );
  });

  it('a failed store write refuses its command without an ack; the server keeps serving and the show goes on', async () => {
    h = await startHarness({
      logger: { level: 'warn', stream: { write: (line: string) => void logLines.push(line) } },
    });
    const { show, host, seat, round } = await seatAnswering(h, 'Đĩa đầy');
    const other = await h.createShow({
      title: 'Chương trình khác',
      seatCount: 1,
      questions: [single('q1', 0)],
    });

    const store = h.app.store as SqliteStore;
    store.failNextBatch(new Error('SQLITE_FULL: database or disk is full'));
    const refused = await seat.answer(round, 1);
    expect(refused).toMatchObject({ ok: false, error: { code: 'STORAGE_FAILED' } });
    // nothing of it was stored, shown or kept
    const runner = h.app.shows.runner(show.showId)!;
    expect(runner.state.rounds[round].answers[1]).toBeUndefined();
    expect((await store.auditTrail(show.showId)).some((r) => r.type === 'answer:submit')).toBe(false);

    // the server keeps serving: health, another show, this show's MC
    expect((await h.app.inject({ method: 'GET', url: '/api/health' })).json()).toMatchObject({
      status: 'ok',
    });
    const otherHost = await h.connect({ role: 'host', showId: other.showId, pin: other.secrets.hostPin });
    expectOk(await otherHost.command('show:start'));
    // the tablet sends again (as the SDK does when an answer was refused for storage) and the show goes on
    expect(await seat.answer(round, 1)).toMatchObject({ ok: true });
    expectOk(await host.command('question:lock'));
    expectOk(await host.command('question:reveal'));
    await until(seat, (c) => c.state.self?.outcome?.result.kind === 'stays');
    expect(logLines.join('\n')).toContain('commit failed');
    console.log(
      '[chaos:storage] failed writes 1, acked 0 of them, server kept serving, show finished the question',
    );
  });
});
