/** The pre-show check and the projector's scene: real app, real sockets. */
import type { ShowClient } from '@cv/shared/client';
import { afterEach, describe, expect, it } from 'vitest';
import { expectOk, single, startHarness, until, type Harness } from './harness.ts';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const syncClock = (c: ShowClient) => c.request('time:sync', Date.now());

describe('pre-show check', () => {
  it('lists every connected device with its clock offset, the store and where the QR codes point', async () => {
    h = await startHarness();
    const show = await h.createShow({ title: 'Kiểm tra', seatCount: 3, questions: [single('q1', 0)] });
    const host = await h.connect({ role: 'host', showId: show.showId, pin: show.secrets.hostPin });
    const screen = await h.connect({
      role: 'screen',
      showId: show.showId,
      displayToken: show.secrets.displayToken,
    });
    const seat2 = await h.connect({
      role: 'player',
      showId: show.showId,
      seat: 2,
      pin: show.secrets.seats['2'].pin,
    });
    await h.connect({ role: 'audience', showId: show.showId, name: 'Lan' });
    // the SDK syncs its clock on connect; then a tablet whose clock runs 5 s behind the server's
    for (const c of [host, screen, seat2]) await until(c, (x) => x.state.rttMs !== null);
    expectOk(await seat2.request('time:sync', Date.now() - 5000));
    expectOk(await syncClock(screen));

    const check = expectOk(await host.request('preshow:check'));
    expect(check.store).toEqual({ kind: 'sqlite', durable: true });
    expect(check.audience).toBe(1);
    expect(check.devices.map((d) => `${d.role}${d.seat ?? ''}`)).toEqual(['host', 'screen', 'player2']);
    const tablet = check.devices.find((d) => d.role === 'player')!;
    expect(tablet.clockOffsetMs).toBeGreaterThanOrEqual(5000);
    expect(tablet.clockOffsetMs).toBeLessThan(6000);
    expect(Math.abs(check.devices.find((d) => d.role === 'host')!.clockOffsetMs!)).toBeLessThan(1000);
    expect(check.links.warning).toBe('loopback');
    expect(check.scene).toBe('live');
    // a tablet may not ask
    expect(await seat2.request('preshow:check')).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('the MC puts the projector on a scene and back; a screen that reconnects gets it; a sound test reaches screens', async () => {
    h = await startHarness();
    const show = await h.createShow({ title: 'Màn hình', seatCount: 2, questions: [single('q1', 0)] });
    const host = await h.connect({ role: 'host', showId: show.showId, pin: show.secrets.hostPin });
    const screen = await h.connect({
      role: 'screen',
      showId: show.showId,
      displayToken: show.secrets.displayToken,
    });
    expect(expectOk(await host.request('screen:control', { action: 'scene', scene: 'logo' }))).toEqual({
      scene: 'logo',
      screens: 1,
    });
    await until(screen, (c) => c.state.scene === 'logo');
    await until(host, (c) => c.state.scene === 'logo');
    const late = await h.connect({
      role: 'screen',
      showId: show.showId,
      displayToken: show.secrets.displayToken,
    });
    expect(late.state.scene).toBe('logo');

    expectOk(await host.request('screen:control', { action: 'sound-test' }));
    await until(screen, (c) => c.state.soundTests === 1);
    expect(screen.state.scene).toBe('logo'); // a sound test changes no scene
    expectOk(await host.request('screen:control', { action: 'scene', scene: 'live' }));
    await until(late, (c) => c.state.scene === 'live');

    const judge = await h.connect({ role: 'judge', showId: show.showId, pin: show.secrets.judgePin });
    expect(await judge.request('screen:control', { action: 'scene', scene: 'black' })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(await host.request('screen:control', { action: 'scene', scene: 'disco' } as never)).toMatchObject({
      ok: false,
      error: { code: 'BAD_REQUEST' },
    });
  });
});

describe('show:minutes', () => {
  it('the MC and judges get the biên bản of the show so far; a tablet does not', async () => {
    h = await startHarness();
    const show = await h.createShow({
      title: 'Biên bản',
      seatCount: 2,
      questions: [single('q1', 0), single('q2', 1)],
    });
    const host = await h.connect({ role: 'host', showId: show.showId, pin: show.secrets.hostPin });
    const judge = await h.connect({ role: 'judge', showId: show.showId, pin: show.secrets.judgePin });
    const seat1 = await h.connect({
      role: 'player',
      showId: show.showId,
      seat: 1,
      pin: show.secrets.seats['1'].pin,
    });
    expectOk(await host.command('show:start'));
    expectOk(await host.command('question:show', {}));
    expectOk(await host.command('question:open'));
    const round = (await until(seat1, (c) => c.state.self?.canAnswer && c.state.view?.round)).index;
    expectOk(await seat1.answer(round, 1)); // wrong; seat 2 does not answer
    expectOk(await host.command('question:lock'));
    expectOk(await host.command('question:reveal'));
    await until(judge, (c) => c.state.view?.round?.phase === 'revealed');
    expectOk(
      await judge.command('verdict:revise', { round, seat: 1, correct: true, reason: 'Đáp án B cũng đúng' }),
    );
    const m = expectOk(await judge.request('show:minutes'));
    expect(m.title).toBe('Biên bản');
    expect(m.entries).toMatchObject([
      {
        kind: 'question',
        number: 1,
        correct: [1],
        eliminated: [2],
        revisions: [{ seat: 1, reason: 'Đáp án B cũng đúng' }],
      },
    ]);
    expect(await seat1.request('show:minutes')).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });
});

describe('two MC consoles', () => {
  it('every console hears how many MC consoles are open, and again when one closes', async () => {
    h = await startHarness();
    const show = await h.createShow({ title: 'Hai MC', seatCount: 2, questions: [single('q1', 0)] });
    const first = await h.connect({ role: 'host', showId: show.showId, pin: show.secrets.hostPin });
    await until(first, (c) => c.state.consoles?.hosts === 1);
    const second = await h.connect({ role: 'host', showId: show.showId, pin: show.secrets.hostPin });
    const judge = await h.connect({ role: 'judge', showId: show.showId, pin: show.secrets.judgePin });
    for (const c of [first, second, judge])
      await until(c, (x) => x.state.consoles?.hosts === 2 && x.state.consoles.judges === 1);
    second.close();
    await until(first, (c) => c.state.consoles?.hosts === 1);
  });
});
