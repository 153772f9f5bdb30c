/**
 * What the screenshots showed, checked in the browser:
 * - one typeface in all three apps (Be Vietnam Pro, Vietnamese glyphs included), served by our own server —
 *   no request leaves the server's origin;
 * - the ✓/✗ badges on the big screen's seat tiles stay inside their own tile (they used to hang over the
 *   neighbour's corner), with 100 seats, where tiles are smallest.
 */
import { ShowClient } from '@cv/shared/client';
import { APP_FONT } from '@cv/shared/ui/fonts.ts';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launch, networkQuiet, openDevice, screenshot, SIZES, type Device } from './browser.ts';
import { QUESTIONS, startApp, type Running } from './fixture.ts';

let run: Running;
let browser: Browser;
const devices: Device[] = [];
const clients: ShowClient[] = [];

beforeAll(async () => {
  run = await startApp();
  browser = await launch();
});

afterAll(async () => {
  for (const c of clients) c.close();
  for (const d of devices) await d.context.close().catch(() => undefined);
  await browser?.close();
  await run?.close();
});

/** every request the page makes, and whether the app's typeface drew a Vietnamese text */
async function fontReport(page: Page) {
  return page.evaluate(async (family) => {
    await document.fonts.ready;
    const loaded = [...document.fonts].filter(
      (f) => f.family.replace(/["']/g, '') === family && f.status === 'loaded',
    );
    return {
      loaded: loaded.length,
      // the faces that draw this text (loaded now if the page had not needed them yet): all ours, all loaded
      drawsVietnamese: await document.fonts
        .load(`24px "${family}"`, 'Rung chuông vàng — Đắk Lắk, Thí sinh ưu tú')
        .then((faces) => faces.length >= 2 && faces.every((f) => f.status === 'loaded')),
      bodyFont: getComputedStyle(document.body).fontFamily,
    };
  }, APP_FONT);
}

async function connect(auth: ConstructorParameters<typeof ShowClient>[0]['auth']): Promise<ShowClient> {
  const c = new ShowClient({ url: run.url, auth, clockResyncMs: 0 });
  clients.push(c);
  c.connect();
  await c.ready();
  return c;
}

describe('looks', () => {
  test('the console, the tablet and the big screen draw Vietnamese in the one self-hosted typeface', async () => {
    const show = await run.createShow({ title: 'Kiểm tra phông chữ', seatCount: 3, questions: QUESTIONS });
    const urls = {
      console: [`${run.url}/host/?show=${show.showId}`, SIZES.laptop],
      tablet: [`${run.url}/board/?show=${show.showId}`, SIZES.tabletPortrait],
      screen: [`${run.url}/screen/?show=${show.showId}#token=${show.secrets.displayToken}`, SIZES.screen],
    } as const;
    for (const [app, [url, size]] of Object.entries(urls)) {
      const requests: string[] = [];
      const device = await openDevice(browser, url, size, async (page) => {
        page.on('request', (r) => requests.push(r.url()));
      });
      devices.push(device);
      await networkQuiet(device.page);
      await device.page.evaluate(() => document.fonts.ready.then(() => undefined));
      const report = await fontReport(device.page);
      expect(report.bodyFont, app).toMatch(/^"?Be Vietnam Pro"?,/);
      expect(report.loaded, `${app}: faces loaded`).toBeGreaterThan(0);
      expect(report.drawsVietnamese, `${app}: Vietnamese glyphs from the app's font`).toBe(true);
      const fonts = requests.filter((u) => /\.woff2?(\?|$)/.test(u));
      expect(fonts.length, `${app}: font files fetched`).toBeGreaterThan(0);
      // no CDN, nothing external at all: the hall's network may have no Internet
      expect(
        requests.filter((u) => !u.startsWith(run.url)),
        `${app}: requests elsewhere`,
      ).toEqual([]);
      await screenshot(device.page, `font-${app}`);
    }
  });

  test.each([20, 100])(
    'the big screen shows every verdict inside its own seat tile, over no neighbour and no number (%i seats)',
    async (seatCount) => {
      const show = await run.createShow({ title: 'Kiểm tra huy hiệu', seatCount, questions: QUESTIONS });
      const screenDevice = await openDevice(
        browser,
        `${run.url}/screen/?show=${show.showId}#token=${show.secrets.displayToken}`,
        SIZES.screen,
      );
      devices.push(screenDevice);
      const screen = screenDevice.page;
      const mc = await connect({ role: 'host', showId: show.showId, pin: show.secrets.hostPin });
      const command = async (name: Parameters<ShowClient['command']>[0]) => {
        const res = await mc.command(name);
        if (!res.ok) throw new Error(`${name}: ${res.error.code}`);
      };
      await command('show:start');
      await command('question:show');
      await command('question:open');
      // a handful of seats answer (q1's key is option 2): right, wrong; the rest are judged for no answer
      for (const [seat, value] of [
        [1, 2],
        [2, 0],
        [11, 2],
        [12, 1],
      ] as const) {
        const player = await connect({
          role: 'player',
          showId: show.showId,
          seat,
          pin: show.secrets.seats[seat].pin,
        });
        const res = await player.answer(mc.state.view!.round!.index, value);
        if (!res.ok) throw new Error(`seat ${seat}: ${res.error.code}`);
      }
      await command('question:lock');
      await command('question:reveal');
      await screen.locator('[data-testid=reveal-line]').waitFor();
      await expect.poll(() => screen.locator('.cv-seat__verdict-bar').count()).toBe(seatCount);
      const report = await screen.evaluate(() => {
        const out: string[] = [];
        const meet = (a: DOMRect, b: DOMRect) =>
          Math.min(a.right, b.right) - Math.max(a.left, b.left) > 0.5 &&
          Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 0.5;
        const within = (a: DOMRect, b: DOMRect) =>
          a.left >= b.left - 0.5 &&
          a.right <= b.right + 0.5 &&
          a.top >= b.top - 0.5 &&
          a.bottom <= b.bottom + 0.5;
        /** where a text's glyphs are drawn (the ink, not the font's line box) */
        const inkOf = (el: HTMLElement): DOMRect => {
          const range = document.createRange();
          range.selectNodeContents(el);
          const box = range.getBoundingClientRect();
          const ctx = document.createElement('canvas').getContext('2d')!;
          const style = getComputedStyle(el);
          ctx.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
          const m = ctx.measureText(el.textContent ?? '');
          const baseline = box.bottom - m.fontBoundingBoxDescent;
          return new DOMRect(
            box.left - m.actualBoundingBoxLeft,
            baseline - m.actualBoundingBoxAscent,
            m.actualBoundingBoxLeft + m.actualBoundingBoxRight,
            m.actualBoundingBoxAscent + m.actualBoundingBoxDescent,
          );
        };
        const tiles = [...document.querySelectorAll<HTMLElement>('.cv-seat')];
        const rects = tiles.map((t) => t.getBoundingClientRect());
        let badges = 0;
        tiles.forEach((tile, i) => {
          const id = tile.dataset.testid;
          const marks = [
            ...tile.querySelectorAll<HTMLElement>('.cv-seat__verdict, .cv-seat__verdict-bar'),
          ].filter((m) => getComputedStyle(m).display !== 'none');
          for (const mark of marks) {
            const r = mark.getBoundingClientRect();
            if (mark.classList.contains('cv-seat__verdict')) badges++;
            if (!within(r, rects[i])) out.push(`${id}: ${mark.className} outside its tile`);
            rects.forEach(
              (other, j) => j !== i && meet(r, other) && out.push(`${id}: over ${tiles[j].dataset.testid}`),
            );
            for (const text of tile.querySelectorAll<HTMLElement>('.cv-seat__no, .cv-seat__name'))
              if (meet(r, inkOf(text))) out.push(`${id}: ${mark.className} over ${text.className}`);
          }
        });
        return { problems: out, badges };
      });
      await screenshot(screen, `screen-verdicts-${seatCount}-seats-1920x1080`);
      expect(report.problems).toEqual([]);
      // big tiles carry the ✓/✗ badge as well; the smallest ones only the bar (no room beside the number)
      if (seatCount === 20) expect(report.badges).toBe(20);
      expect(screenDevice.errors).toEqual([]);
    },
  );
});
