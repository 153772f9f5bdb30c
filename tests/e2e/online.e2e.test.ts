/**
 * The online round in a real browser (Debian Chromium), on a 390×844 phone: a candidate registers
 * (typing the phone the way people do), starts an attempt, answers, reloads mid-way and resumes the
 * same attempt with the same time left, submits and sees the score the server computed. Then the
 * BTC closes, confirms and publishes, and the public results page and the admin dashboard are
 * shown. Along the way: keyboard use, WCAG AA contrast, touch targets, no layout shift; screenshots.
 */
import type { RoundAdmin } from '@cv/shared/protocol/online.ts';
import { buildApp } from '@cv/server/app.ts';
import { contestFromFixture } from '@cv/server/contest/fixture.ts';
import type { FastifyInstance } from 'fastify';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { contestFixture, person, roundBody } from '../support/online.ts';
import { auditText, boxes, formatIssues } from './a11y.ts';
import { launch, openDevice, screenshot, type Device } from './browser.ts';

const ADMIN = 'e2e-online-admin';
const PHONE = { width: 390, height: 844 };
let app: FastifyInstance;
let url: string;
let dataDir: string;
let browser: Browser;
let round: RoundAdmin;
const devices: Device[] = [];

const adminCall = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
  const res = await app.inject({
    method: method as 'GET',
    url: `/api/online/admin${path}`,
    headers: { authorization: `Bearer ${ADMIN}` },
    ...(body === undefined ? {} : { payload: body as Record<string, unknown> }),
  });
  if (res.statusCode >= 300) throw new Error(`${method} ${path}: ${res.statusCode} ${res.body}`);
  return res.json() as T;
};

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'cv-e2e-online-'));
  app = await buildApp({
    store: { kind: 'sqlite', dataDir },
    adminToken: ADMIN,
    serveStatic: true,
    contest: contestFromFixture(contestFixture(8)),
    online: { pow: { maxNumber: 5_000 }, tickMs: 500 },
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  const now = Date.now();
  round = await adminCall<RoundAdmin>(
    'POST',
    '/rounds',
    roundBody(now - 60_000, now + 86_400_000, {
      title: 'Kỳ thi thứ nhất — Tìm hiểu Đề án 06',
      description: 'Mỗi lượt 10 câu trong 10 phút.\n\nXếp hạng theo số câu đúng, rồi câu dự đoán.',
    }),
  );
  browser = await launch();
});

afterAll(async () => {
  for (const d of devices) await d.context.close().catch(() => undefined);
  await browser?.close();
  await app?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

async function phone(path: string): Promise<Page> {
  const d = await openDevice(browser, `${url}${path}`, PHONE);
  devices.push(d);
  return d.page;
}

/** no message key shown instead of its text (a missing translation renders the key itself) */
async function noRawKeys(page: Page): Promise<void> {
  expect(await page.locator('body').innerText()).not.toMatch(/\b(thi|admin)\.[a-z]+\.[A-Za-z.]+/);
}

/** cumulative layout shift not caused by input, counted from every page load on (window.__cls) */
const CLS = `window.__cls = 0; new PerformanceObserver((l) => { for (const e of l.getEntries()) if (!e.hadRecentInput) window.__cls += e.value; }).observe({ type: 'layout-shift', buffered: true });`;
async function watchLayoutShift(page: Page): Promise<void> {
  await page.addInitScript(CLS);
  await page.evaluate(CLS);
}

/** "mm:ss" on the page → seconds */
async function timeLeft(page: Page): Promise<number> {
  const text = (await page.locator('[data-test=time-left]').textContent())!.trim();
  const [m, s] = text.split(':').map(Number);
  return m * 60 + s;
}

/** answers the current question whatever its kind (choices with the keyboard) */
async function answerCurrent(page: Page, i: number): Promise<void> {
  const input = page.locator('[data-test=answer-input]');
  if (await input.count()) {
    const numeric = (await input.getAttribute('inputmode')) === 'decimal';
    await input.fill(numeric ? String(40 + i) : 'không rõ');
    await input.press('Enter');
    return;
  }
  const order = page.locator('[data-testid=order-input]');
  if (await order.count()) {
    // an ordering: moving an item is the answer (saved on every move)
    await page.locator('[data-testid=order-down-0]').click();
    return;
  }
  const first = page.locator('[data-test=choice-0], [data-test=choice-true]').first();
  // the keyboard way: focus the first option and press Space, as a screen-reader user would
  await first.focus();
  await page.keyboard.press('Space');
  await expect.poll(() => first.isChecked()).toBe(true);
}

describe('online round in the browser', () => {
  let page: Page;
  let attemptId: string;

  test('register on a phone, typing the phone number with +84 and dots', async () => {
    page = await phone('/thi/');
    await page.locator('[data-test=round-open]').click();
    await page.locator('[data-test=participants]').waitFor();
    await noRawKeys(page);
    const landing = await auditText(page, { minPx: 14 });
    expect(formatIssues('landing', landing.issues)).toEqual([]);
    await screenshot(page, 'online-landing-390x844');
    await page.locator('[data-test=go-register]').click();
    const p = person(11);
    await page.locator('[data-test=f-fullName]').fill(p.fullName.normalize('NFD'));
    await page.locator('[data-test=f-idNumber]').fill(p.idNumber.replace(/(\d{3})(?=\d)/g, '$1 '));
    await page
      .locator('[data-test=f-phone]')
      .fill(`+84 ${p.phone.slice(1, 4)}.${p.phone.slice(4, 7)}.${p.phone.slice(7)}`);
    await page.locator('[data-test=f-birth]').fill(p.birth);
    await page.locator('[data-test=f-unitId]').selectOption(p.unitId);
    await noRawKeys(page);
    const form = await auditText(page, { minPx: 14 });
    expect(formatIssues('register', form.issues)).toEqual([]);
    await page.locator('[data-test=register-submit]').click();
    await page.locator('[data-test=start]').waitFor({ timeout: 30_000 });
    const stored = await app.online.ctx.store.findCandidate({ phone: p.phone });
    expect(stored?.fullName).toBe(p.fullName);
  });

  test('start, answer, reload mid-way: the same attempt resumes with the same time left', async () => {
    await watchLayoutShift(page);
    await page.locator('[data-test=start]').click();
    await page.locator('[data-test=question]').waitFor({ timeout: 30_000 });
    attemptId = page.url().split('/').pop()!;
    for (let i = 0; i < 3; i++) {
      await answerCurrent(page, i);
      // saved means in the store, not only "Đã lưu" on the page
      await expect
        .poll(
          async () =>
            (await app.online.ctx.store.getAttempt(attemptId))!.answers.filter((a) => a !== null).length,
          {
            timeout: 10_000,
          },
        )
        .toBe(i + 1);
      // the page learns of the save from the server's answer, a moment after the store has it
      await expect
        .poll(async () => (await page.locator('[data-test=save-state]').textContent()) ?? '', {
          timeout: 10_000,
        })
        .toContain('Đã lưu');
      await page.locator('[data-test=next]').click();
    }
    await screenshot(page, 'online-quiz-390x844');
    await noRawKeys(page);
    const quizAudit = await auditText(page, { minPx: 14 });
    expect(formatIssues('quiz', quizAudit.issues)).toEqual([]);
    const small = (await boxes(page, '[data-test=question] label.choice, .nav .btn, .jump__btn')).filter(
      (b) => b.height < 44 || b.width < 44,
    );
    expect(small).toEqual([]);

    // nothing on the page moved by itself while it ran (CLS well under the 0.1 "good" line)
    expect((await page.evaluate('window.__cls')) as number).toBeLessThan(0.1);

    const before = await timeLeft(page);
    const wallBefore = Date.now();
    const serverDeadline = (await app.online.ctx.store.getAttempt(attemptId))!.deadline;
    await page.reload();
    await page.locator('[data-test=question]').waitFor();
    // the store's deadline did not move, the page shows the time that really remains
    expect((await app.online.ctx.store.getAttempt(attemptId))!.deadline).toBe(serverDeadline);
    const after = await timeLeft(page);
    const elapsed = (Date.now() - wallBefore) / 1000;
    expect(after).toBeLessThanOrEqual(before);
    expect(Math.abs(before - elapsed - after)).toBeLessThanOrEqual(2);
    expect(page.url()).toContain(attemptId);
    // the three answers came back: three questions are marked answered
    await expect.poll(() => page.locator('.jump__btn.is-done').count(), { timeout: 10_000 }).toBe(3);
    // the resumed page does not jump as the saved answers and the clock arrive
    await page.locator('[data-test=next]').click();
    expect((await page.evaluate('window.__cls')) as number).toBeLessThan(0.1);
  });

  test('submit: the score shown is the server’s', async () => {
    await page.locator('[data-test=jump-9]').click();
    await answerCurrent(page, 9);
    await page.locator('[data-test=next]').click();
    await page.locator('[data-test=prediction-input]').fill('1234');
    await page.locator('[data-test=prediction-input]').press('Enter');
    await page.locator('[data-test=next]').click();
    await page.locator('[data-test=submit]').click();
    await page.locator('[data-test=confirm-submit]').click();
    await page.locator('[data-test=result]').waitFor();
    const stored = (await app.online.ctx.store.getAttempt(attemptId))!;
    expect(stored.status).toBe('submitted');
    expect(stored.answers.filter((a) => a !== null)).toHaveLength(4);
    expect(stored.prediction).toBe(1234);
    await expect
      .poll(() => page.locator('[data-test=score]').textContent())
      .toContain(`${stored.score!.correct}/10`);
    await noRawKeys(page);
    await screenshot(page, 'online-result-390x844');
  });

  test('public results on a phone after the BTC closes, confirms and publishes', async () => {
    const fresh = await adminCall<RoundAdmin>('GET', `/rounds/${round.roundId}`);
    await adminCall('PUT', `/rounds/${round.roundId}`, {
      version: fresh.version,
      closesAt: Date.now() + 3000,
    });
    await expect
      .poll(async () => (await adminCall<RoundAdmin>('GET', `/rounds/${round.roundId}`)).results.status, {
        timeout: 20_000,
        interval: 500,
      })
      .toBe('proposed');
    await adminCall('POST', `/rounds/${round.roundId}/results/confirm`, { note: 'Biên bản số 01' });
    await adminCall('POST', `/rounds/${round.roundId}/results/publish`);
    const results = await phone(`/thi/r/${round.roundId}/ket-qua`);
    await results.locator('[data-test=winners] li').first().waitFor();
    expect(await results.locator('[data-test=winners]').textContent()).toContain(person(11).fullName);
    await noRawKeys(results);
    const audit = await auditText(results, { minPx: 14 });
    expect(formatIssues('results', audit.issues)).toEqual([]);
    await screenshot(results, 'online-results-390x844');
  });

  test('the admin dashboard on a phone: counters, correct rate per question, units', async () => {
    const admin = await phone('/host/online.html');
    await admin.locator('[data-test=admin-token]').fill(ADMIN);
    await admin.locator('[data-test=admin-login]').click();
    await admin.locator(`[data-test=round-${round.roundId}]`).click();
    await admin.locator('[data-test=dash-cards]').waitFor();
    await expect.poll(() => admin.locator('[data-test=correct-rate-chart] li').count()).toBeGreaterThan(0);
    expect(await admin.locator('[data-test=dash-cards]').textContent()).toMatch(/1/);
    await noRawKeys(admin);
    const audit = await auditText(admin, { minPx: 12 });
    expect(formatIssues('admin dashboard', audit.issues)).toEqual([]);
    await screenshot(admin, 'online-admin-dashboard-390x844');
    await admin.locator('[data-test=tab-results]').click();
    await admin.locator('[data-test=ranking]').waitFor();
    await noRawKeys(admin);
    await screenshot(admin, 'online-admin-results-390x844');
  });
});
