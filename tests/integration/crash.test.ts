/** SIGKILL during answering: every acknowledged answer survives, the show comes back paused with its
 *  remaining time, and finishes. A real child process on a real SQLite file. */
import { httpRequestOrThrow, ShowClient } from '@cv/shared/client';
import type { HostView } from '@cv/shared/protocol';
import { afterAll, describe, expect, it } from 'vitest';
import { startServerProcess, type ServerProcess } from '../support/server-process.ts';
import { expectOk, single, until } from './harness.ts';

const ADMIN = 'crash-admin';
let server: ServerProcess | undefined;
const clients: ShowClient[] = [];

afterAll(async () => {
  clients.forEach((c) => c.close());
  await server?.dispose();
});

const connect = async (url: string, auth: ConstructorParameters<typeof ShowClient>[0]['auth']) => {
  const c = new ShowClient({
    url,
    auth,
    clockResyncMs: 0,
    socketOptions: { reconnectionDelay: 100, reconnectionDelayMax: 300 },
  });
  clients.push(c);
  c.connect();
  await c.ready();
  return c;
};

describe('crash during answering', () => {
  it('loses no acknowledged answer and finishes the show after a restart', async () => {
    server = await startServerProcess({ adminToken: ADMIN });
    const { url } = server;
    const show = await httpRequestOrThrow('POST /api/shows', {
      base: url,
      token: ADMIN,
      body: {
        title: 'Thử sập nguồn',
        seatCount: 30,
        questions: [single('q1', 1, { timeLimitSec: 60 }), single('q2', 2)],
      },
    });
    const host = await connect(url, { role: 'host', showId: show.showId, pin: show.secrets.hostPin });
    const players = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        connect(url, {
          role: 'player',
          showId: show.showId,
          seat: i + 1,
          pin: show.secrets.seats[String(i + 1)].pin,
        }),
      ),
    );
    expectOk(await host.command('show:start'));
    expectOk(await host.command('question:show', {}));
    expectOk(await host.command('question:open'));
    const round = (await until(host, (c) => c.state.view?.round?.phase === 'answering' && c.state.view.round))
      .index;

    // half the seats answer and are acknowledged; the rest burst in as the kill lands
    const acked = new Map<number, number>();
    const send = (i: number) =>
      players[i].answer(round, i % 3 === 0 ? 0 : 1).then((r) => {
        if (r.ok) acked.set(i + 1, r.data.value as number);
      });
    await Promise.all(players.slice(0, 15).map((_, i) => send(i)));
    expect(acked.size).toBe(15);
    const inFlight = players.slice(15).map((_, i) => send(15 + i));
    await new Promise((r) => setTimeout(r, 2));
    await server.kill9();
    await Promise.all(inFlight);

    await server.restart(); // same port and data dir: the SDK reconnects by itself
    const view = await until(
      host,
      (c) => c.state.synced && c.state.connected && (c.state.view as HostView),
      15_000,
    );
    expect(view.paused).toBe(true); // caught answering: back paused, the MC resumes
    expect(view.round?.phase).toBe('answering');
    expect(view.round?.remainingMs).toBeGreaterThan(50_000);
    for (const [seat, value] of acked) expect(view.round?.answers[seat]?.value, `seat ${seat}`).toBe(value);

    expectOk(await host.command('show:resume'));
    const unanswered = players.filter((_, i) => !acked.has(i + 1));
    for (const p of unanswered) await until(p, (c) => c.state.connected && c.state.self?.canAnswer, 10_000);
    for (const p of unanswered) expectOk(await p.answer(round, 1));
    expectOk(await host.command('question:lock'));
    expectOk(await host.command('question:reveal'));
    const revealed = await until(
      host,
      (c) => c.state.view?.round?.phase === 'revealed' && (c.state.view as HostView),
    );
    expect(Object.keys(revealed.round!.answers)).toHaveLength(30);
    const wrongBeforeCrash = [...acked.values()].filter((v) => v === 0).length;
    expect(revealed.standingCount).toBe(30 - wrongBeforeCrash);
    expectOk(await host.command('show:finish'));
    await until(host, (c) => c.state.view?.stage === 'finished');
  });
});
