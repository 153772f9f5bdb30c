/**
 * The dress rehearsal's findings, replayed in Chromium as the hall runs them (issue 12): a graceful
 * restart mid-question after which every device reconnects by itself, Space on a tab other than the live
 * one doing nothing, and the pre-show check. Each step is one of the mistakes people make on show day.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launch, openDevice, screenshot, SIZES, type Device } from './browser.ts';
import { blur, hostLogin, showBody, startApp, step, type Running, type ShowSecrets } from './fixture.ts';

let run: Running;
let browser: Browser;
let showId: string;
let secrets: ShowSecrets;
const devices: Device[] = [];

const tid = (page: Page, id: string) => page.locator(`[data-testid="${id}"]`);
const banner = (page: Page) => tid(page, 'connection-banner');

async function open(url: string, size: { width: number; height: number }) {
  const d = await openDevice(browser, `${run.url}${url}`, size);
  devices.push(d);
  return d.page;
}

beforeAll(async () => {
  run = await startApp();
  ({ showId, secrets } = await run.createShow(showBody('Tổng duyệt — Đề án 06')));
  browser = await launch();
});

afterAll(async () => {
  for (const d of devices) await d.context.close().catch(() => undefined);
  await browser?.close();
  await run?.close();
});

describe('dress rehearsal', () => {
  let host: Page;
  let screen: Page;
  let tablet: Page;
  let phone: Page;

  test('everyone joins; Space on a tab other than the live one does nothing', async () => {
    screen = await open(`/screen/?show=${showId}&token=${secrets.displayToken}`, SIZES.screen);
    await tid(screen, 'intro-scene').waitFor();
    host = await open(`/host/?show=${showId}`, SIZES.laptop);
    await hostLogin(host, secrets.hostPin);
    tablet = await open(`/board/?show=${showId}&t=${secrets.seats['1'].joinToken}`, SIZES.tabletPortrait);
    await expect.poll(() => tid(tablet, 'seat-label').innerText()).toBe('Ghế 1');
    phone = await open(`/board/?show=${showId}&mode=audience`, { width: 390, height: 844 });
    await tid(phone, 'audience-name').fill('Khán giả Hòa');
    await tid(phone, 'audience-submit').click();
    await tid(phone, 'audience-join').waitFor({ state: 'detached' });

    // the console was opened at 127.0.0.1 and no PUBLIC_URL is set: the MC is warned before printing
    await host.locator('[data-test=tab-seats]').click();
    await expect.poll(() => host.locator('[data-test=join-warning]').innerText()).toContain('127.0.0.1');
    await host.locator('[data-test=cards-load]').click();
    await expect
      .poll(() => host.locator('[data-test=card-short]').first().innerText())
      .toBe(`hoặc mở ${run.url.replace('http://', '')}/s/${showId}`);
    await screenshot(host, 'rehearsal-host-seat-cards-1366x768');
    // the big screen prints the short audience link under its QR
    await expect
      .poll(() => tid(screen, 'audience-short-url').innerText())
      .toBe(`${run.url.replace('http://', '')}/a/${showId}`);
    await screenshot(screen, 'rehearsal-screen-intro-1920x1080');
    await host.locator('[data-test=tab-live]').click();

    const button = host.locator('[data-test=next-step]');
    await expect.poll(() => button.getAttribute('data-step')).toBe('start');
    // a person scrolling the question list presses Space: the show must not start
    for (const tab of ['questions', 'seats', 'results', 'audit']) {
      await host.locator(`[data-test=tab-${tab}]`).click();
      await blur(host);
      await host.keyboard.press('Space');
      await host.keyboard.press('Enter');
    }
    await host.locator('[data-test=tab-live]').click();
    await new Promise((r) => setTimeout(r, 500));
    expect(await button.getAttribute('data-step')).toBe('start');
    // on the live tab Space still drives the show
    await step(host, 'start', 'show-question', 'key');
  });

  test('a graceful restart mid-question: every device reconnects by itself', async () => {
    await step(host, 'show-question', 'open');
    await step(host, 'open', 'lock');
    await tid(tablet, 'choice-2').click();
    await tid(tablet, 'answer-received').waitFor();

    // what Ctrl+C / SIGTERM does, then a start on the same data and port
    await run.restart(async () => {
      for (const page of [host, screen, tablet, phone]) await banner(page).waitFor();
      await screenshot(tablet, 'rehearsal-tablet-server-down-800x1280');
    });
    // without a reload each page comes back (the SDK retries within a few seconds)
    for (const page of [host, screen, tablet, phone]) {
      await expect.poll(() => banner(page).count(), { timeout: 20_000, interval: 250 }).toBe(0);
    }
    await expect
      .poll(() => host.locator('[data-test=connection]').getAttribute('class'))
      .toContain('conn--on');
    // the answer given before the restart is still there; the show waits, paused, for the MC
    await expect.poll(() => tid(tablet, 'answer-received').innerText()).toContain('C.');
    await screenshot(host, 'rehearsal-host-after-restart-1366x768');
  });
});
