/**
 * The broadcast overlay (`/screen/?show=…&token=…&overlay=1`) for a stream mixer: 1920×1080, a transparent
 * page with the question, the countdown and the standing count as lower thirds. Checked on a screenshot
 * taken without a page background: a corner is fully transparent, the lower third is opaque.
 */
import { ShowClient } from '@cv/shared/client';
import type { Browser } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launch, openDevice, SCREENSHOTS, SIZES, type Device } from './browser.ts';
import { QUESTIONS, startApp, type Running } from './fixture.ts';

let run: Running;
let browser: Browser;
let device: Device | null = null;
let host: ShowClient | null = null;

beforeAll(async () => {
  run = await startApp();
  browser = await launch();
});

afterAll(async () => {
  host?.close();
  await device?.context.close().catch(() => undefined);
  await browser?.close();
  await run?.close();
});

describe('broadcast overlay', () => {
  test('draws the question, countdown and standing count as lower thirds over a transparent page', async () => {
    const show = await run.createShow({
      title: 'Chung kết truyền hình',
      seatCount: 12,
      questions: QUESTIONS,
    });
    host = new ShowClient({
      url: run.url,
      auth: { role: 'host', showId: show.showId, pin: show.secrets.hostPin },
      clockResyncMs: 0,
    });
    host.connect();
    await host.ready();
    for (const step of ['show:start', 'question:show', 'question:open'] as const) {
      const res = await host.command(step, step === 'question:show' ? {} : undefined);
      expect(res.ok, step).toBe(true);
    }
    const prompt = (host.state.view?.round?.question.prompt ?? '').trim();
    expect(prompt).not.toBe('');

    device = await openDevice(
      browser,
      `${run.url}/screen/?show=${show.showId}&token=${show.secrets.displayToken}&overlay=1`,
      SIZES.screen,
    );
    const { page } = device;
    await page.getByTestId('overlay-prompt').filter({ hasText: prompt }).waitFor();
    await expect(page.getByTestId('overlay-standing').textContent()).resolves.toContain('12');
    await page
      .locator('[data-testid="overlay-third"] [role="timer"], [data-testid="overlay-third"] svg')
      .first()
      .waitFor();

    mkdirSync(SCREENSHOTS, { recursive: true });
    const png = await page.screenshot({
      path: `${SCREENSHOTS}overlay-1920x1080.png`,
      omitBackground: true,
      animations: 'disabled',
    });
    // Chromium decodes its own screenshot: alpha at a corner (nothing drawn) and inside the lower third
    const alpha = await page.evaluate(
      async (dataUrl) => {
        const img = new Image();
        img.src = dataUrl;
        await img.decode();
        const canvas = document.createElement('canvas');
        canvas.width = img.width;
        canvas.height = img.height;
        const ctx = canvas.getContext('2d')!;
        ctx.drawImage(img, 0, 0);
        const at = (x: number, y: number) => ctx.getImageData(x, y, 1, 1).data[3];
        const third = document.querySelector('[data-testid="overlay-third"]')!.getBoundingClientRect();
        return {
          size: [img.width, img.height],
          corner: at(20, 20),
          middle: at(960, 300),
          third: at(Math.round(third.left + 30), Math.round(third.top + third.height / 2)),
        };
      },
      `data:image/png;base64,${png.toString('base64')}`,
    );
    expect(alpha.size).toEqual([1920, 1080]);
    expect(alpha.corner).toBe(0);
    expect(alpha.middle).toBe(0);
    expect(alpha.third).toBeGreaterThan(200);
    expect(device.errors).toEqual([]);
  });
});
