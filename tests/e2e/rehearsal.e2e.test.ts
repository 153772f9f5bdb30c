/**
 * The dress rehearsal's findings, replayed in Chromium as the hall runs them (issue 12): a graceful
 * restart mid-question after which every device reconnects by itself, Space on a tab other than the live
 * one doing nothing, and the pre-show check. Each step is one of the mistakes people make on show day.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launch, openDevice, screenshot, SCREENSHOTS, SIZES, type Device } from './browser.ts';
import type { Question } from '@cv/shared/protocol';
import {
  acceptConfirm,
  blur,
  hostLogin,
  QUESTIONS,
  SEATS,
  startApp,
  step,
  type Running,
  type ShowSecrets,
} from './fixture.ts';

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

const main = (q: Partial<Question> & Pick<Question, 'id' | 'prompt' | 'kind' | 'key'>): Question => ({
  pool: 'main',
  timeLimitSec: 60,
  topic: 'Đề án 06',
  ...q,
});
/** the questions that broke the dress rehearsal: hidden options, five-option multiple select, an image */
const REHEARSAL: Question[] = [
  { ...QUESTIONS[0], timeLimitSec: 60 },
  main({
    id: 'hidden',
    kind: 'single',
    prompt: 'Ứng dụng định danh điện tử quốc gia có tên là gì?',
    options: ['VNeID', 'VssID', 'eTax Mobile', 'Zalo'],
    key: { kind: 'single', answer: 0 },
  }),
  main({
    id: 'multi5',
    kind: 'multi',
    prompt: 'Những giấy tờ nào có thể tích hợp vào ứng dụng VNeID? (chọn tất cả phương án đúng)',
    options: [
      'Giấy phép lái xe',
      'Thẻ bảo hiểm y tế',
      'Thẻ ngân hàng',
      'Giấy đăng ký xe',
      'Thông tin người phụ thuộc, quan hệ gia đình',
    ],
    key: { kind: 'multi', answer: [0, 1, 3, 4] },
  }),
  main({
    id: 'image',
    kind: 'single',
    prompt: 'Màn hình trong hình là của ứng dụng nào, dùng để xác thực tài khoản định danh điện tử mức 2?',
    options: ['VNeID', 'Cổng Dịch vụ công quốc gia', 'VssID', 'Ví điện tử'],
    media: { type: 'image', url: '/media/vneid-app.svg' },
    explanation: 'VNeID là ứng dụng định danh điện tử quốc gia do Bộ Công an phát triển.',
    key: { kind: 'single', answer: 0 },
  }),
  ...QUESTIONS.slice(1, 3),
];

const TITLE =
  'Tổng duyệt — Hội thi tìm hiểu Đề án 06 “Chung tay chuyển đổi số vì lợi ích cộng đồng” tỉnh Đắk Lắk năm 2026';

beforeAll(async () => {
  run = await startApp();
  ({ showId, secrets } = await run.createShow({
    title: TITLE,
    seats: [
      ...SEATS.slice(0, 2),
      // the names and units that broke printed cards and console tables
      {
        seat: 3,
        name: 'Nguyễn Hoàng Phương Thảo Tôn Nữ Minh Châu',
        unit: 'Trung tâm Phục vụ hành chính công tỉnh Đắk Lắk – Văn phòng Ủy ban nhân dân tỉnh',
      },
    ],
    questions: REHEARSAL,
    rules: { goldenBell: { whenStandingAtMost: 0 } },
  }));
  browser = await launch();
});

afterAll(async () => {
  for (const d of devices) await d.context.close().catch(() => undefined);
  await browser?.close();
  await run?.close();
});

/** the whole element inside the viewport, without scrolling */
async function inView(page: Page, selector: string): Promise<boolean> {
  return page
    .locator(selector)
    .first()
    .evaluate((el) => {
      const r = el.getBoundingClientRect();
      return (
        r.height > 0 &&
        r.top >= 0 &&
        r.bottom <= window.innerHeight &&
        r.left >= 0 &&
        r.right <= window.innerWidth
      );
    });
}

/** an element entirely inside another (not cut off by its overflow) */
async function within(page: Page, inner: string, outer: string): Promise<boolean> {
  const [a, b] = await Promise.all([
    page.locator(inner).first().boundingBox(),
    page.locator(outer).first().boundingBox(),
  ]);
  return (
    !!a && !!b && a.y >= b.y - 1 && a.y + a.height <= b.y + b.height + 1 && a.x + a.width <= b.x + b.width + 1
  );
}

/** the first element ends before the second begins (no overlap) */
async function above(page: Page, upper: string, lower: string): Promise<boolean> {
  const [a, b] = await Promise.all([
    page.locator(upper).first().boundingBox(),
    page.locator(lower).first().boundingBox(),
  ]);
  return !!a && !!b && a.y + a.height <= b.y + 0.5;
}

/** the text inside the box, not cut off by it */
async function textFits(page: Page, selector: string): Promise<boolean> {
  return page
    .locator(selector)
    .first()
    .evaluate((el) => {
      const text = el.querySelector('.cv-question__text') ?? el;
      const box = el.getBoundingClientRect();
      const r = text.getBoundingClientRect();
      return r.bottom <= box.bottom + 1 && r.top >= box.top - 1;
    });
}

/** boxes of the elements never overlap side by side */
async function apart(page: Page, selector: string): Promise<boolean> {
  const boxes = await page.locator(selector).evaluateAll((els) =>
    els.map((e) => {
      const r = e.getBoundingClientRect();
      return { left: r.left, right: r.right };
    }),
  );
  return boxes.every((b, i) => i === 0 || b.left >= boxes[i - 1].right);
}

async function pick(page: Page, key: string): Promise<void> {
  await tid(page, `choice-${key}`).click();
  await expect.poll(() => tid(page, `choice-${key}`).getAttribute('aria-pressed')).toBe('true');
  await tid(page, 'answer-received').waitFor();
}

/**
 * The one-click rehearsal question from the pre-show page: every tablet, the screen and the phone go
 * through shown → answering → locked → revealed with the built-in sample question, then the lobby again.
 */
async function rehearsalQuestion(): Promise<void> {
  const [host, screen, tablet, tablet2, phone] = rehearsalPages;
  const ribbon = (page: Page) => tid(page, 'rehearsal-ribbon');
  await host.locator('[data-test=rehearsal-start]').click();
  await host.locator('[data-test=rehearsal-phase-shown]').waitFor();
  for (const page of [tablet, phone])
    await expect.poll(() => ribbon(page).innerText()).toMatch(/câu hỏi thử — không tính điểm/i);
  // the projector says it in its top bar, where the question number goes
  await expect.poll(() => tid(screen, 'mode-badge').innerText()).toMatch(/câu hỏi thử — không tính điểm/i);
  // the real show cannot start meanwhile: the live tab has nothing to press
  await expect.poll(() => tid(screen, 'question-prompt').innerText()).toContain('Thủ đô của Việt Nam');
  await screenshot(screen, 'rehearsal-question-screen-shown-1920x1080');
  await host.locator('[data-test=rehearsal-phase-answering]').waitFor();
  await pick(tablet, '0');
  await pick(tablet2, '2');
  await tid(phone, 'choice-0').click();
  await expect
    .poll(() => host.locator('[data-test=rehearsal-answered]').innerText())
    .toBe('2/3 ghế đã trả lời');
  // the MC sees which tablets' answers arrived (seat 3's tablet stayed silent)
  await expect.poll(() => host.locator('[data-test=preshow-answered-1]').innerText()).toBe('✓ Đã trả lời');
  expect(await host.locator('[data-test=preshow-answered-3]').innerText()).toBe('Chưa trả lời');
  await screenshot(host, 'rehearsal-question-host-answering-1366x768');
  await host.setViewportSize(SIZES.screen);
  await screenshot(host, 'rehearsal-question-host-answering-1920x1080');
  await host.setViewportSize(SIZES.laptop);
  await screenshot(tablet, 'rehearsal-question-tablet-answered-800x1280');
  await screenshot(phone, 'rehearsal-question-phone-answered-390x844');
  // nobody locks it: the server's clock does, then reveals it
  await host.locator('[data-test=rehearsal-phase-revealed]').waitFor({ timeout: 30_000 });
  await expect.poll(() => tid(tablet, 'round-verdict').innerText()).toBe('Chính xác!');
  await expect.poll(() => tid(tablet2, 'round-verdict').innerText()).toBe('Chưa chính xác');
  await expect.poll(() => tid(phone, 'round-verdict').innerText()).toBe('Chính xác!');
  await screenshot(screen, 'rehearsal-question-screen-revealed-1920x1080');
  await screenshot(tablet, 'rehearsal-question-tablet-revealed-800x1280');
  await screenshot(tablet2, 'rehearsal-question-tablet-revealed-1280x800');
  await screenshot(phone, 'rehearsal-question-phone-revealed-390x844');
  await screenshot(host, 'rehearsal-question-host-revealed-1366x768');
  // then the lobby again by itself, on every device, nobody moved
  await host.locator('[data-test=rehearsal-done]').waitFor({ timeout: 20_000 });
  expect(await host.locator('[data-test=rehearsal-done]').innerText()).toContain('2/3 ghế trả lời, 1 đúng');
  await tid(screen, 'intro-scene').waitFor();
  for (const page of [tablet, tablet2, phone]) await ribbon(page).waitFor({ state: 'detached' });
  await expect.poll(() => tid(tablet2, 'status-chip').getAttribute('data-status')).toBe('standing');
  await screenshot(host, 'rehearsal-question-host-done-1366x768');
  await host.setViewportSize(SIZES.screen);
  await screenshot(host, 'rehearsal-question-host-done-1920x1080');
  await host.setViewportSize(SIZES.laptop);
}
let rehearsalPages: Page[] = [];

/** the MC's laptop at both sizes the hall uses: 1366×768, then 1920×1080, then back */
async function bothSizes(page: Page, name: string): Promise<void> {
  await screenshot(page, `${name}-1366x768`);
  await page.setViewportSize(SIZES.screen);
  await screenshot(page, `${name}-1920x1080`);
  await page.setViewportSize(SIZES.laptop);
}

describe('dress rehearsal', () => {
  let host: Page;
  let judge: Page;
  let screen: Page;
  let tablet: Page;
  let tablet2: Page;
  let tablet3: Page;
  let phone: Page;
  const PHONE = { width: 390, height: 844 };

  test('everyone joins; Space on a tab other than the live one does nothing', async () => {
    screen = await open(`/screen/?show=${showId}&token=${secrets.displayToken}`, SIZES.screen);
    await tid(screen, 'intro-scene').waitFor();
    host = await open(`/host/?show=${showId}`, SIZES.laptop);
    await hostLogin(host, secrets.hostPin);
    tablet = await open(`/board/?show=${showId}&t=${secrets.seats['1'].joinToken}`, SIZES.tabletPortrait);
    tablet2 = await open(`/board/?show=${showId}&t=${secrets.seats['2'].joinToken}`, SIZES.tabletLandscape);
    tablet3 = await open(`/board/?show=${showId}&t=${secrets.seats['3'].joinToken}`, SIZES.tabletPortrait);
    for (const [n, page] of [tablet, tablet2, tablet3].entries())
      await expect.poll(() => tid(page, 'seat-label').innerText()).toBe(`Ghế ${n + 1}`);
    phone = await open(`/board/?show=${showId}&mode=audience`, PHONE);
    await tid(phone, 'audience-name').fill('Khán giả Hòa');
    await tid(phone, 'audience-submit').click();
    await tid(phone, 'audience-join').waitFor({ state: 'detached' });

    rehearsalPages = [host, screen, tablet, tablet2, phone];
    // Kiểm tra trước giờ diễn: every seat's tablet, the screen, the store, the clocks, the sound, the projector
    await host.locator('[data-test=tab-check]').click();
    await expect
      .poll(() => host.locator('[data-test=preshow-seat-count]').innerText())
      .toBe('3/3 ghế đã kết nối');
    await host.locator('[data-test=preshow-refresh]').click();
    await expect
      .poll(() => host.locator('[data-test=preshow-screens]').innerText())
      .toContain('1 màn hình đang kết nối');
    await expect.poll(() => host.locator('[data-test=preshow-store]').innerText()).toContain('SQLite');
    await expect.poll(() => host.locator('[data-test=preshow-seat-2]').innerText()).toMatch(/[+-]?\d+\.\d s/);
    await host.locator('[data-test=preshow-sound]').click();
    await expect.poll(() => tid(screen, 'sound-test').innerText()).toContain('Kiểm tra âm thanh');
    await host.locator('[data-test=scene-logo]').click();
    await expect.poll(() => tid(screen, 'scene-curtain').getAttribute('data-scene')).toBe('logo');
    await screenshot(host, 'rehearsal-host-preshow-1366x768');
    await host.setViewportSize(SIZES.screen);
    await screenshot(host, 'rehearsal-host-preshow-1920x1080');
    await host.setViewportSize(SIZES.laptop);
    await screenshot(screen, 'rehearsal-screen-logo-1920x1080');
    await host.locator('[data-test=scene-live]').click();
    await tid(screen, 'scene-curtain').waitFor({ state: 'detached' });

    await rehearsalQuestion();

    // the console was opened at 127.0.0.1 and no PUBLIC_URL is set: the MC is warned before printing
    await host.locator('[data-test=tab-seats]').click();
    await expect.poll(() => host.locator('[data-test=join-warning]').innerText()).toContain('127.0.0.1');
    await host.locator('[data-test=cards-load]').click();
    await expect
      .poll(() => host.locator('[data-test=card-short]').first().innerText())
      .toBe(`${run.url.replace('http://', '')}/s/${showId}`);
    // long names, units and titles stay on the printed card; the seat number and Cấp lại PIN stay in view
    for (const seat of ['1', '3']) {
      const card = `.preview .card[data-seat="${seat}"]`;
      for (const part of ['card-unit', 'card-title', 'card-name'])
        expect(await within(host, `${card} [data-test=${part}]`, card), `seat ${seat} ${part}`).toBe(true);
      for (const part of ['card-unit', 'card-short'])
        expect(await above(host, `${card} [data-test=${part}]`, `${card} [data-test=card-title]`), part).toBe(
          true,
        );
    }
    expect(await inView(host, '[data-test=seat-pin-3]')).toBe(true);
    await bothSizes(host, 'rehearsal-host-seat-cards');
    // the cards at twice the size, to read what the printer gets
    await host
      .locator('.preview')
      .evaluate((el: HTMLElement) => (el.style.cssText = 'zoom: 2; max-height: none; overflow: visible'));
    await host
      .locator('.preview .card[data-seat="3"]')
      .screenshot({ path: `${SCREENSHOTS}rehearsal-seat-card-3-zoom.png` });
    await host.locator('.preview').evaluate((el: HTMLElement) => (el.style.cssText = ''));
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
    // the rehearsal counted nowhere: the real show starts with everyone standing
    for (const page of [tablet, tablet2, tablet3])
      await expect.poll(() => tid(page, 'status-chip').getAttribute('data-status')).toBe('standing');
    await expect.poll(() => tid(screen, 'standing-count').innerText()).toMatch(/3\s*\/3/);
  });

  test('a graceful restart mid-question: every device reconnects by itself; the MC is told to resume', async () => {
    await step(host, 'show-question', 'open');
    await step(host, 'open', 'lock');
    await pick(tablet, '2');
    await pick(tablet2, '0'); // wrong
    await pick(tablet3, '2');

    // what Ctrl+C / SIGTERM does, then a start on the same data and port
    await run.restart(async () => {
      for (const page of [host, screen, tablet, phone]) await banner(page).waitFor();
      await screenshot(tablet, 'rehearsal-tablet-server-down-800x1280');
    });
    // without a reload each page comes back (the SDK retries within a few seconds)
    for (const page of [host, screen, tablet, tablet2, tablet3, phone]) {
      await expect.poll(() => banner(page).count(), { timeout: 20_000, interval: 250 }).toBe(0);
    }
    await expect
      .poll(() => host.locator('[data-test=connection]').getAttribute('class'))
      .toContain('conn--on');
    // the answers given before the restart are still there; the show waits, paused, for the MC
    await expect.poll(() => tid(tablet, 'answer-received').innerText()).toContain('C.');
    await expect
      .poll(() => host.locator('[data-test=paused-reason]').innerText())
      .toContain('Máy chủ vừa khởi động lại');
    expect(await host.locator('[data-test=next-step] .step__label').innerText()).toBe('Tiếp tục');
    await bothSizes(host, 'rehearsal-host-after-restart');
    await step(host, 'resume', 'lock');
    await step(host, 'lock', 'reveal');
    await step(host, 'reveal', 'show-question');
    await expect.poll(() => tid(tablet2, 'status-chip').getAttribute('data-status')).toBe('eliminated');
  });

  test('the projector goes black between segments and back, from the live tab', async () => {
    await host.locator('[data-test=projector] [data-test=scene-black]').click();
    await expect.poll(() => tid(screen, 'scene-curtain').getAttribute('data-scene')).toBe('black');
    await screenshot(screen, 'rehearsal-screen-black-1920x1080');
    await host.locator('[data-test=projector] [data-test=scene-live]').click();
    await tid(screen, 'scene-curtain').waitFor({ state: 'detached' });
  });

  test('a judge revision is seen as one on every device', async () => {
    judge = await open(`/host/?show=${showId}`, SIZES.laptop);
    await judge.locator('[data-test=login]').waitFor();
    await judge.locator('[data-test=role-judge]').check();
    await judge.locator('[data-test=pin]').fill(secrets.judgePin);
    await judge.locator('[data-test=login-submit]').click();
    await judge.locator('[data-test=action-revise]').click();
    await expect
      .poll(() => judge.locator('[data-test=revise-round] option').first().innerText())
      .toContain('Câu 1');
    await judge.locator('[data-test=revise-seat]').selectOption('2');
    await judge.locator('[data-test=revise-correct]').check();
    await judge.locator('[data-test=revise-reason]').fill('Đáp án A cũng đúng theo văn bản gốc');
    await judge.locator('[data-test=revise-submit]').click();
    await acceptConfirm(judge);

    await expect
      .poll(() => tid(tablet2, 'revised-toast').innerText())
      .toContain('Ban Giám khảo đã sửa kết quả');
    expect(await tid(tablet2, 'rescued-toast').count()).toBe(0);
    await expect.poll(() => tid(tablet2, 'status-chip').getAttribute('data-status')).not.toBe('eliminated');
    await expect
      .poll(() => tid(screen, 'stage-toast').innerText())
      .toContain('Ban Giám khảo sửa kết quả: ghế 2');
    await expect.poll(() => host.locator('[data-test=tally]').innerText()).toContain('3 đúng · 0 sai');
    await screenshot(tablet2, 'rehearsal-tablet-revised-1280x800');
    await screenshot(screen, 'rehearsal-screen-revised-1920x1080');
    await bothSizes(host, 'rehearsal-host-revised');
  });

  test('hidden options: every device says the options come next, never a text box', async () => {
    await host.locator('[data-test=hide-options]').check();
    await step(host, 'show-question', 'open');
    for (const page of [tablet, tablet2, phone]) {
      await expect.poll(() => tid(page, 'options-hidden').count()).toBe(1);
      expect(await page.locator('[data-testid=answer-pad] input').count()).toBe(0);
    }
    await tid(screen, 'options-hidden').waitFor();
    await screenshot(tablet, 'rehearsal-tablet-hidden-options-800x1280');
    await screenshot(phone, 'rehearsal-phone-hidden-options-390x844');
    await screenshot(screen, 'rehearsal-screen-hidden-options-1920x1080');
    await host.locator('[data-test=action-options]').click();
    await tid(tablet, 'choice-0').waitFor();
    await step(host, 'open', 'lock');
    for (const page of [tablet, tablet2, tablet3]) await pick(page, '0');
    await step(host, 'lock', 'reveal');
    await step(host, 'reveal', 'show-question');
  });

  test('a five-option multiple select: marks readable, choices kept after the reveal, all five on the big screen', async () => {
    await host.locator('[data-test=hide-options]').uncheck();
    await step(host, 'show-question', 'open');
    await step(host, 'open', 'lock');
    for (const page of [tablet, tablet3]) {
      for (const k of ['0', '1', '3', '4']) await tid(page, `choice-${k}`).click();
      await tid(page, 'send-multi').click();
      await tid(page, 'answer-received').waitFor();
    }
    for (const k of ['0', '2']) await tid(tablet2, `choice-${k}`).click();
    await tid(tablet2, 'send-multi').click();
    await tid(tablet2, 'answer-received').waitFor();
    await screenshot(tablet, 'rehearsal-tablet-multi-answered-800x1280');
    await step(host, 'lock', 'reveal');
    // all five options and their counts fit the projector
    for (const k of ['0', '1', '2', '3', '4']) {
      expect(await inView(screen, `[data-testid=option-${k}]`), `option ${k}`).toBe(true);
    }
    expect(await apart(screen, '[data-testid=distribution-chart] .cv-dist__count')).toBe(true);
    await screenshot(screen, 'rehearsal-screen-multi-locked-1920x1080');
    await step(host, 'reveal', 'show-question');
    await expect.poll(() => tid(screen, 'reveal-line').count()).toBe(1);
    for (const k of ['0', '1', '2', '3', '4']) {
      expect(await inView(screen, `[data-testid=option-${k}]`), `option ${k}`).toBe(true);
      expect(await textFits(screen, `[data-testid=option-${k}]`), `option ${k} text`).toBe(true);
    }
    expect(await apart(screen, '[data-testid=distribution-chart] .cv-dist__count')).toBe(true);
    expect(await apart(screen, '[data-testid=distribution-chart] .cv-dist__label')).toBe(true);
    await screenshot(screen, 'rehearsal-screen-multi-revealed-1920x1080');
    // after the reveal the contestant still sees what they picked
    await expect.poll(() => tid(tablet2, 'choice-2').getAttribute('class')).toContain('is-confirmed');
    await screenshot(tablet2, 'rehearsal-tablet-multi-revealed-1280x800');
  });

  test('an image question: everything needed on screen without scrolling', async () => {
    await step(host, 'show-question', 'open');
    await step(host, 'open', 'lock');
    await tid(tablet, 'choice-3').waitFor();
    // MC laptop 1366×768: all four options, the key and the explanation
    for (const sel of [
      '[data-test=current-question] [data-testid=option-3]',
      '[data-test=answer-key]',
      '[data-test=current-question] .cv-question__explanation',
    ])
      expect(await inView(host, sel), sel).toBe(true);
    await bothSizes(host, 'rehearsal-host-image');
    // tablet portrait and landscape: option D without scrolling
    for (const size of [SIZES.tabletPortrait, SIZES.tabletLandscape]) {
      await tablet.setViewportSize(size);
      expect(await inView(tablet, '[data-testid=choice-3]'), `${size.width}x${size.height}`).toBe(true);
      await screenshot(tablet, `rehearsal-tablet-image-${size.width}x${size.height}`);
    }
    await tablet.setViewportSize(SIZES.tabletPortrait);
    await pick(tablet, '0');
    await pick(tablet3, '3'); // wrong: one contestant is left
    await step(host, 'lock', 'reveal');
    await step(host, 'reveal', 'finish');
    // the right/wrong card comes before the image and the explanation, on the tablet and on the phone
    await expect.poll(() => tid(tablet3, 'round-result').count()).toBe(1);
    expect(await inView(tablet3, '[data-testid=round-result]')).toBe(true);
    await screenshot(tablet3, 'rehearsal-tablet-image-revealed-800x1280');
    await expect.poll(() => tid(phone, 'round-result').count()).toBe(1);
    expect(await inView(phone, '[data-testid=round-result]')).toBe(true);
    await screenshot(phone, 'rehearsal-phone-image-revealed-390x844');
  });

  test('the biên bản: every question, the judge correction with its reason, standings, prizes, signatures', async () => {
    await step(host, 'finish', 'confirm-prizes');
    await host.locator('[data-test=tab-results]').click();
    await host.locator('[data-test=minutes-load]').click();
    const sheet = host.locator('.minutes-preview [data-test=minutes]');
    await sheet.waitFor();
    const rows = await sheet.locator('[data-test=minutes-questions] tbody tr').allInnerTexts();
    expect(rows[0]).toContain('Câu 1');
    expect(rows.length).toBe(4);
    await expect
      .poll(() => sheet.locator('[data-test=minutes-revisions]').innerText())
      .toContain('Đáp án A cũng đúng theo văn bản gốc');
    expect(await sheet.innerText()).toContain('ĐẠI DIỆN BAN GIÁM KHẢO');
    // a long name or unit wraps in its cell: the total time stays in view
    expect(await inView(host, '[data-test=standings] tbody tr:last-child td:last-child')).toBe(true);
    await bothSizes(host, 'rehearsal-host-results-minutes');
    // what the printer gets: A4 portrait, the minutes alone
    await host.emulateMedia({ media: 'print' });
    await host.setViewportSize({ width: 794, height: 1123 });
    expect(await host.locator('#app').isVisible()).toBe(false);
    await screenshot(host, 'rehearsal-minutes-print-a4');
    await host.emulateMedia({ media: 'screen' });
    await host.setViewportSize(SIZES.laptop);
    // every main screen of the console at both laptop sizes, the finished show's data in them
    for (const tab of ['live', 'check', 'seats', 'questions', 'results', 'audit']) {
      await host.locator(`[data-test=tab-${tab}]`).click();
      await bothSizes(host, `rehearsal-host-tab-${tab}`);
    }
  });
});
