/**
 * The ordering kind (sắp xếp thứ tự) in real browsers: contestants put four steps in order on their tablets
 * with the ▲ ▼ buttons, the MC's console and the big screen show the items and, after the reveal, the order
 * that counts; only the exact whole order keeps a seat standing.
 */
import type { Question } from '@cv/shared/protocol';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launch, openDevice, screenshot, SIZES, type Device } from './browser.ts';
import { hostLogin, SEATS, startApp, step, type Running, type ShowSecrets } from './fixture.ts';

const STEPS = [
  'Cài VNeID và kích hoạt bằng mã',
  'Mang thẻ căn cước đến Công an',
  'Nhận tin nhắn có mã kích hoạt',
  'Thu nhận ảnh chân dung và vân tay',
];
const ordering: Question = {
  id: 'o1',
  kind: 'ordering',
  pool: 'main',
  prompt: 'Sắp xếp các bước để có tài khoản định danh điện tử mức độ 2',
  options: STEPS,
  timeLimitSec: 60,
  key: { kind: 'ordering', order: [1, 3, 2, 0] },
};
const next: Question = {
  id: 'q2',
  kind: 'truefalse',
  pool: 'main',
  prompt: 'VNeID là ứng dụng định danh điện tử quốc gia.',
  timeLimitSec: 20,
  key: { kind: 'truefalse', answer: true },
};

let run: Running;
let browser: Browser;
let showId: string;
let secrets: ShowSecrets;
const devices: Device[] = [];
const tid = (page: Page, id: string) => page.locator(`[data-testid="${id}"]`);
const shownOrder = (page: Page) =>
  page
    .locator('[data-testid^=order-item-]')
    .evaluateAll((items) => items.map((li) => Number(li.getAttribute('data-option'))));

async function open(url: string, size: { width: number; height: number }): Promise<Page> {
  const d = await openDevice(browser, `${run.url}${url}`, size);
  devices.push(d);
  return d.page;
}

async function tablet(seat: number): Promise<Page> {
  const page = await open(`/board/?show=${showId}`, SIZES.tabletPortrait);
  await tid(page, 'login-seat').fill(String(seat));
  await tid(page, 'login-pin').fill(secrets.seats[String(seat)].pin);
  await tid(page, 'login-submit').click();
  await expect.poll(() => tid(page, 'seat-label').innerText()).toBe(`Ghế ${seat}`);
  return page;
}

/** taps ▲/▼ until the tablet shows `target`, then sends it and waits for the server's ack */
async function arrange(page: Page, moves: [at: number, dir: 'up' | 'down'][], target: number[]) {
  for (const [at, dir] of moves) await tid(page, `order-${dir}-${at}`).click();
  await expect.poll(() => shownOrder(page)).toEqual(target);
  await tid(page, 'send-order').click();
  await tid(page, 'answer-received').waitFor();
}

beforeAll(async () => {
  run = await startApp();
  ({ showId, secrets } = await run.createShow({
    title: 'Sắp xếp thứ tự',
    seats: SEATS,
    questions: [ordering, next],
    rules: { goldenBell: { whenStandingAtMost: 0 } },
  }));
  browser = await launch();
});

afterAll(async () => {
  for (const d of devices) await d.context.close().catch(() => undefined);
  await browser?.close();
  await run?.close();
});

describe('an ordering question on tablets, console and big screen', () => {
  test('reorder with ▲ ▼, send, reveal: only the exact order stands', async () => {
    const screen = await open(`/screen/?show=${showId}&token=${secrets.displayToken}`, SIZES.screen);
    await tid(screen, 'intro-scene').waitFor();
    const host = await open(`/host/?show=${showId}`, SIZES.laptop);
    await hostLogin(host, secrets.hostPin);
    const [t1, t2, t3] = [await tablet(1), await tablet(2), await tablet(3)];

    await step(host, 'start', 'show-question');
    await step(host, 'show-question', 'open');
    // the big screen lists the items with their letters; the MC's card shows the order that counts
    await expect.poll(() => tid(screen, 'question-prompt').innerText()).toBe(ordering.prompt);
    await expect.poll(() => tid(screen, 'option-3').innerText()).toContain(STEPS[3]);
    await expect.poll(() => tid(host, 'question-key').innerText()).toContain('B → D → C → A');
    expect(await tid(screen, 'question-key').count()).toBe(0);
    // before the clock runs nothing moves on the tablet
    await expect.poll(() => tid(t1, 'order-down-0').isDisabled()).toBe(true);

    await step(host, 'open', 'lock');
    await expect.poll(() => tid(t1, 'order-down-0').isDisabled()).toBe(false);
    // touch targets: every ▲ ▼ button at least 48 px each way
    for (const id of ['order-up-1', 'order-down-1']) {
      const box = (await tid(t1, id).boundingBox())!;
      expect(box.width).toBeGreaterThanOrEqual(48);
      expect(box.height).toBeGreaterThanOrEqual(48);
    }
    const toKey: [number, 'up' | 'down'][] = [
      [0, 'down'],
      [1, 'down'],
      [2, 'down'],
      [2, 'up'],
    ];
    await arrange(t1, toKey, [1, 3, 2, 0]);
    await expect.poll(() => tid(t1, 'answer-received').innerText()).toContain('B → D → C → A');
    await screenshot(t1, 'tablet-ordering-800x1280');
    await screenshot(host, 'host-ordering-1366x768');
    await arrange(t3, toKey, [1, 3, 2, 0]);
    // seat 2 gets two places right and sends: still a wrong order
    await arrange(
      t2,
      [
        [0, 'down'],
        [2, 'down'],
      ],
      [1, 0, 3, 2],
    );
    // the console lists each seat's order as sent
    await expect.poll(() => host.locator('[data-test=tally] .tally__count').innerText()).toBe('3/3');
    const seatTable = () => host.locator('[data-test=seat-table]').innerText();
    await expect.poll(seatTable).toContain('B → D → C → A');
    await expect.poll(seatTable).toContain('B → A → D → C');

    await step(host, 'lock', 'reveal');
    await step(host, 'reveal', 'show-question');
    await expect.poll(() => tid(screen, 'question-key').innerText()).toContain('B → D → C → A');
    await screenshot(screen, 'screen-ordering-revealed-1920x1080');
    await expect
      .poll(() => tid(screen, 'dist-correct').locator('.cv-dist__count').innerText())
      .toMatch(/^2\b/);
    await expect.poll(() => tid(screen, 'dist-wrong').locator('.cv-dist__count').innerText()).toMatch(/^1\b/);
    await expect
      .poll(() => screen.locator('[data-testid=seat-grid] [data-testid="seat-2"]').getAttribute('data-state'))
      .toBe('eliminated');
    await expect.poll(() => tid(t1, 'status-chip').getAttribute('data-status')).toBe('standing');
    await expect.poll(() => tid(t2, 'status-chip').getAttribute('data-status')).toBe('eliminated');
    await expect.poll(() => tid(t2, 'round-result').innerText()).toContain('B → D → C → A');
    await expect.poll(() => tid(t2, 'round-result').innerText()).toContain('B → A → D → C');
  });
});
