/**
 * What the MC sees when someone guesses PINs or a second device asks for a seat, in real Chromium against
 * the real server: the alert on the console, the tablet waiting for approval, and the one-click approval.
 * The guesses are plain Socket.IO handshakes, as an outsider on the hall's network would send them.
 */
import type { Browser, Page } from 'playwright-core';
import { io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launch, openDevice, screenshot, SIZES, type Device } from './browser.ts';
import { hostLogin, showBody, startApp, type Running, type ShowSecrets } from './fixture.ts';

let run: Running;
let browser: Browser;
let showId: string;
let secrets: ShowSecrets;
const devices: Device[] = [];

const tid = (page: Page, id: string) => page.locator(`[data-testid="${id}"]`);

async function open(url: string, size: { width: number; height: number }) {
  const d = await openDevice(browser, `${run.url}${url}`, size);
  devices.push(d);
  return d.page;
}

/** one wrong-PIN handshake; the server's answer and how long it asked to wait */
function guess(seat: number, pin: string): Promise<{ code: string; retryAfterMs?: number }> {
  return new Promise((resolve) => {
    const s = io(run.url, {
      auth: { role: 'player', showId, seat, pin },
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
    });
    s.on('connect_error', (err) => {
      s.close();
      resolve({
        code: err.message,
        retryAfterMs: (err as { data?: { retryAfterMs?: number } }).data?.retryAfterMs,
      });
    });
    s.on('connect', () => {
      s.close();
      resolve({ code: 'connected' });
    });
  });
}

async function loginSeat(page: Page, seat: number): Promise<void> {
  await tid(page, 'login-seat').fill(String(seat));
  await tid(page, 'login-pin').fill(secrets.seats[String(seat)].pin);
  await tid(page, 'login-submit').click();
}

beforeAll(async () => {
  run = await startApp();
  ({ showId, secrets } = await run.createShow(showBody('Rung chuông vàng — an toàn đăng nhập')));
  browser = await launch();
});

afterAll(async () => {
  for (const d of devices) await d.context.close().catch(() => undefined);
  await browser?.close();
  await run?.close();
});

describe('sign-in alerts and takeover approval on the MC console', () => {
  test('five wrong PINs on seat 3 and a second tablet on seat 2: the MC is told, approves, the seat moves', async () => {
    const host = await open(`/host/?show=${showId}`, SIZES.laptop);
    await hostLogin(host, secrets.hostPin);

    const first = await open(`/board/?show=${showId}`, SIZES.tabletPortrait);
    await loginSeat(first, 2);
    await tid(first, 'seat-label').waitFor();

    // an outsider guesses seat 3's PIN, waiting out each delay the server asks for
    const right = secrets.seats['3'].pin;
    const wrong = ['0000', '1111', '2222', '3333', '4444', '5555'].filter((p) => p !== right).slice(0, 5);
    for (let i = 0; i < wrong.length;) {
      const o = await guess(3, wrong[i]!);
      if (o.code === 'UNAUTHORIZED') i++;
      else if (o.code === 'RATE_LIMITED') await new Promise((r) => setTimeout(r, o.retryAfterMs ?? 1000));
      else throw new Error(`unexpected ${o.code}`);
    }
    const notice = host.locator('[data-test=sign-in-notice]');
    await notice.waitFor();
    expect(await notice.textContent()).toContain('Ghế 3: 5 lần nhập sai PIN');

    // a second tablet signs in on seat 2 with the PIN: it waits, the console asks the MC
    const second = await open(`/board/?show=${showId}`, SIZES.tabletLandscape);
    await loginSeat(second, 2);
    await tid(second, 'takeover-pending').waitFor();
    const request = host.locator('[data-test=takeover-request]');
    await request.waitFor();
    expect(await request.textContent()).toContain('Ghế 2');
    expect(await request.textContent()).toContain('127.0.0.1');
    await screenshot(host, 'console-sign-in-alerts-1366x768');
    await screenshot(second, 'board-takeover-pending-1280x800');

    await host.locator('[data-test=takeover-approve]').click();
    await tid(first, 'takeover-notice').waitFor();
    await tid(second, 'takeover-pending').waitFor({ state: 'detached' });
    await expect.poll(() => request.count()).toBe(0);
  });
});
