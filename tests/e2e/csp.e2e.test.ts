/**
 * The Content-Security-Policy the server sends (server/src/http/security.ts) lets every front end
 * work: each page of the three apps and the candidate site is opened in Chromium, signed in where it
 * has a sign-in, driven through a question with its QR code and seat grid, and no page reports a
 * single policy violation. A positive control proves the listener would see one.
 */
import type { Page } from 'playwright-core';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launch, networkQuiet, SIZES } from './browser.ts';
import { hostLogin, showBody, startApp, type Running } from './fixture.ts';

let run: Running;
let browser: Browser;
beforeAll(async () => {
  run = await startApp();
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
  await run?.close();
});

/** every violation the page reports (the DOM event), plus console lines about the policy */
async function watch(page: Page): Promise<() => Promise<string[]>> {
  const consoleLines: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy|Refused to/i.test(m.text())) consoleLines.push(m.text());
  });
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __csp: string[] }).__csp = seen;
    document.addEventListener('securitypolicyviolation', (e) =>
      seen.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`),
    );
  });
  return async () => [
    ...(await page.evaluate(() => (window as unknown as { __csp?: string[] }).__csp ?? [])),
    ...consoleLines,
  ];
}

describe('Content-Security-Policy in Chromium', () => {
  test('no page of the three apps or the candidate site violates it', async () => {
    const { showId, secrets } = await run.createShow(showBody('Thử chính sách bảo mật nội dung'));
    const pages: [string, string, (page: Page) => Promise<void>][] = [
      [
        'big screen',
        `/screen/?show=${showId}&token=${secrets.displayToken}`,
        async (p) => {
          await p.locator('[data-testid="audience-qr"]').waitFor({ timeout: 10_000 });
        },
      ],
      ['MC console', `/host/?show=${showId}`, (p) => hostLogin(p, secrets.hostPin)],
      [
        'tablet',
        `/board/?show=${showId}&t=${secrets.seats['1'].joinToken}`,
        async (p) => {
          await p.locator('[data-testid="seat-label"]').waitFor({ timeout: 10_000 });
        },
      ],
      ['audience phone', `/board/?show=${showId}&mode=audience`, async () => undefined],
      ['organizers', '/host/admin', async () => undefined],
      ['online admin', '/host/online.html', async () => undefined],
      ['candidate site', '/thi/', async () => undefined],
    ];
    const found: Record<string, string[]> = {};
    for (const [name, path, settle] of pages) {
      const context = await browser.newContext({ viewport: SIZES.laptop, locale: 'vi-VN' });
      const page = await context.newPage();
      const violations = await watch(page);
      const response = await page.goto(run.url + path);
      expect(response?.headers()['content-security-policy'], name).toContain("script-src 'self'");
      // a violation can be why a page never gets there: report both
      const settled = await settle(page).then(
        () => null,
        (err: Error) => `did not settle: ${err.message.split('\n')[0]}`,
      );
      await networkQuiet(page);
      found[name] = [...(await violations()), ...(settled ? [settled] : [])];
      await context.close();
    }
    expect(found).toEqual(Object.fromEntries(pages.map(([name]) => [name, []])));
  });

  test('positive control: an inline script on a served page is reported', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const violations = await watch(page);
    await page.goto(`${run.url}/host/admin`);
    await page.evaluate(() => {
      const s = document.createElement('script');
      s.textContent = 'window.__ran = true';
      document.body.appendChild(s);
    });
    await expect.poll(async () => (await violations()).length).toBeGreaterThan(0);
    expect(await page.evaluate(() => (window as unknown as { __ran?: boolean }).__ran)).toBeUndefined();
    await context.close();
  });
});
