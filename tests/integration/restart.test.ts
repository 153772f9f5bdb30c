/**
 * A normal restart (Ctrl+C / SIGTERM, then start again on the same data) mid-question: every device —
 * MC, judge, tablet, big screen, phone — reconnects by itself and the show carries on. Socket.IO clients
 * give up after a server-side "io server disconnect", so the server must close transports instead, and
 * the SDK must not give up either. A real child process on a real SQLite file.
 */
import { httpRequestOrThrow, ShowClient } from '@cv/shared/client';
import type { AuthPayload, HostView } from '@cv/shared/protocol';
import { io } from 'socket.io-client';
import { afterAll, describe, expect, it } from 'vitest';
import { startServerProcess, type ServerProcess } from '../support/server-process.ts';
import { expectOk, single, startHarness, until, type Harness } from './harness.ts';

const ADMIN = 'restart-admin';
let server: ServerProcess | undefined;
let harness: Harness | undefined;
const clients: ShowClient[] = [];

afterAll(async () => {
  clients.forEach((c) => c.close());
  await server?.dispose();
  await harness?.close();
});

/** SDK defaults for reconnection: what a browser gets */
const connect = async (url: string, auth: AuthPayload) => {
  const c = new ShowClient({ url, auth, clockResyncMs: 0 });
  clients.push(c);
  c.connect();
  await c.ready();
  return c;
};

describe('graceful restart', () => {
  it('every device reconnects by itself after SIGTERM and a restart on the same data', async () => {
    server = await startServerProcess({ adminToken: ADMIN });
    const { url } = server;
    const show = await httpRequestOrThrow('POST /api/shows', {
      base: url,
      token: ADMIN,
      body: { title: 'Khởi động lại', seatCount: 3, questions: [single('q1', 1, { timeLimitSec: 60 })] },
    });
    const showId = show.showId;
    const host = await connect(url, { role: 'host', showId, pin: show.secrets.hostPin });
    const judge = await connect(url, { role: 'judge', showId, pin: show.secrets.judgePin });
    const screen = await connect(url, { role: 'screen', showId, displayToken: show.secrets.displayToken });
    const phone = await connect(url, { role: 'audience', showId, name: 'Khán giả' });
    const seat1 = await connect(url, { role: 'player', showId, seat: 1, pin: show.secrets.seats['1'].pin });
    expectOk(await host.command('show:start'));
    expectOk(await host.command('question:show', {}));
    expectOk(await host.command('question:open'));
    const round = (await until(seat1, (c) => c.state.self?.canAnswer && c.state.view?.round)).index;
    expectOk(await seat1.answer(round, 1));

    // a bare Socket.IO client sees why it was dropped: a closed transport, not a final server disconnect
    const raw = io(url, {
      transports: ['websocket'],
      auth: { role: 'screen', showId, displayToken: show.secrets.displayToken },
      reconnection: false,
    });
    await new Promise<void>((resolve) => raw.once('connect', () => resolve()));
    const reason = new Promise<string>((resolve) => raw.once('disconnect', (r) => resolve(r)));

    await server.restart('term');
    expect(await reason).toBe('transport close');
    raw.close();

    const everyone = [host, judge, screen, phone, seat1];
    for (const c of everyone) await until(c, (x) => x.state.connected && x.state.synced, 20_000);
    const view = host.state.view as HostView;
    expect(view.round?.answers[1]?.value).toBe(1);
    expect(view.paused).toBe(true); // caught answering: back paused, the MC resumes
    expectOk(await host.command('show:resume'));
    expectOk(await host.command('question:lock'));
    expectOk(await host.command('question:reveal'));
    await until(seat1, (c) => c.state.view?.round?.phase === 'revealed');
  });

  it('the SDK reconnects after a server-side disconnect, but not after another device took the seat', async () => {
    harness = await startHarness();
    const show = await harness.createShow({ title: 'Ngắt', seatCount: 2, questions: [single('q1', 0)] });
    const seat1 = await harness.connect({
      role: 'player',
      showId: show.showId,
      seat: 1,
      pin: show.secrets.seats['1'].pin,
    });
    const screen = await harness.connect({
      role: 'screen',
      showId: show.showId,
      displayToken: show.secrets.displayToken,
    });
    const drops = { screen: 0 };
    screen.socket.on('disconnect', () => drops.screen++);
    harness.app.io.disconnectSockets(true);
    await until(screen, (c) => drops.screen > 0 && c.state.connected && c.state.synced);
    await until(seat1, (c) => c.state.connected && c.state.synced);

    // a second tablet on seat 1 with the seat card's QR (a PIN would wait for the MC): the first is told and stays off
    const second = await harness.connect({
      role: 'player',
      showId: show.showId,
      joinToken: show.secrets.seats['1'].joinToken,
    });
    await until(seat1, (c) => c.state.takenOver);
    await new Promise((r) => setTimeout(r, 800));
    expect(seat1.state.connected).toBe(false);
    expect(second.state.connected).toBe(true);
  });
});
