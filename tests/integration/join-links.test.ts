/** Where the QR codes point: PUBLIC_URL, else the server's LAN address when the MC opened 127.0.0.1; a
 *  warning when neither exists; the short links printed under every QR. Real app, real sockets. */
import { afterEach, describe, expect, it } from 'vitest';
import { expectOk, single, startHarness, type Harness } from './harness.ts';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

async function showOn(options: Parameters<typeof startHarness>[0]) {
  h = await startHarness(options);
  const show = await h.createShow({ title: 'QR', seatCount: 2, questions: [single('q1', 0)] });
  const host = await h.connect({ role: 'host', showId: show.showId, pin: show.secrets.hostPin });
  return { h, show, host };
}

describe('join links', () => {
  it('PUBLIC_URL: seat cards, the screen and the MC all carry it; tablets are not told', async () => {
    const { h, show, host } = await showOn({ publicUrl: 'http://192.168.1.20:3000' });
    expect(host.state.links).toMatchObject({
      base: 'http://192.168.1.20:3000',
      source: 'public-url',
      audience: `http://192.168.1.20:3000/board/?show=${show.showId}&mode=audience`,
      shortAudience: `192.168.1.20:3000/a/${show.showId}`,
      warning: 'not-public-url', // the MC opened 127.0.0.1
    });
    const screen = await h.connect({
      role: 'screen',
      showId: show.showId,
      displayToken: show.secrets.displayToken,
    });
    expect(screen.state.links?.audience).toBe(host.state.links?.audience);
    const seat = await h.connect({
      role: 'player',
      showId: show.showId,
      seat: 1,
      pin: show.secrets.seats['1'].pin,
    });
    expect(seat.state.links).toBeNull();

    const cards = expectOk(await host.request('seat:cards'));
    expect(cards[0].joinUrl.startsWith(`http://192.168.1.20:3000/board/?show=${show.showId}#t=`)).toBe(true);
    expect(cards[0].shortUrl).toBe(`192.168.1.20:3000/s/${show.showId}`);
    // a resync carries the links too
    expect(expectOk(await host.request('show:resync')).links?.base).toBe('http://192.168.1.20:3000');
  });

  it('opened at 127.0.0.1 without PUBLIC_URL: the LAN address; without one, a loopback warning', async () => {
    const { h: first, host } = await showOn({ lanAddress: '10.1.2.3' });
    const port = new URL(first.url).port;
    expect(host.state.links).toMatchObject({ base: `http://10.1.2.3:${port}`, source: 'lan', warning: null });
    expect(expectOk(await host.request('seat:cards'))[1].joinUrl).toContain(`http://10.1.2.3:${port}/board/`);
    await first.close();

    const { host: alone } = await showOn({});
    expect(alone.state.links).toMatchObject({ source: 'page', warning: 'loopback' });
  });

  it('the short links lead to the tablet sign-in and the audience page', async () => {
    const { h } = await showOn({});
    const board = await h.app.inject({ method: 'GET', url: '/s/demo-1' });
    expect(board.statusCode).toBe(302);
    expect(board.headers.location).toBe('/board/?show=demo-1');
    const audience = await h.app.inject({ method: 'GET', url: '/a/demo-1' });
    expect(audience.headers.location).toBe('/board/?show=demo-1&mode=audience');
  });
});
