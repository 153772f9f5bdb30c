/** Debian's Chromium driven by playwright-core (never a downloaded browser), against the real server. */
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { existsSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const SCREENSHOTS = fileURLToPath(new URL('./screenshots/', import.meta.url));

export function chromiumPath(): string {
  const path =
    process.env.CHROMIUM_PATH || ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find(existsSync);
  if (!path) throw new Error('Chromium not found: apt-get install chromium');
  return path;
}

export async function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-quic',
      '--no-first-run',
    ],
  });
}

export interface Device {
  context: BrowserContext;
  page: Page;
  /** uncaught errors thrown in the page */
  errors: string[];
}

/** a fresh context (own storage, own network) with one page; `before` runs before the first navigation (e.g. routes) */
export async function openDevice(
  browser: Browser,
  url: string,
  size: { width: number; height: number },
  before?: (page: Page, context: BrowserContext) => Promise<void>,
): Promise<Device> {
  const context = await browser.newContext({ viewport: size, locale: 'vi-VN' });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (err) => {
    errors.push(err.message);
    console.error(`[page error] ${url}: ${err.message}`);
  });
  if (before) await before(page, context);
  await page.goto(url);
  return { context, page, errors };
}

/**
 * Waits for 500 ms of network quiet, but at most 10 s: lazy chunks and fonts load after 'load', and a
 * page whose Socket.IO is still long-polling (a loaded machine) may never get that quiet, which is
 * no failure of the page. Callers wait for what they check themselves.
 */
export async function networkQuiet(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle', { timeout: 10_000 }).catch(() => undefined);
}

/** the settled picture: finite CSS animations and transitions are finished first, infinite ones reset */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: `${SCREENSHOTS}${name}.png`, animations: 'disabled' });
}

export const SIZES = {
  tabletPortrait: { width: 800, height: 1280 },
  tabletLandscape: { width: 1280, height: 800 },
  screen: { width: 1920, height: 1080 },
  laptop: { width: 1366, height: 768 },
} as const;
