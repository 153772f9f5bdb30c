/** The real app in-process (SQLite, production builds served at /host/, /board/, /screen/) and helpers for its pages. */
import { buildApp, type AppOptions } from '@cv/server/app.ts';
import type { CreateShowRequest, Question, ShowDetail, ShowSecrets } from '@cv/shared/protocol';
import type { FastifyInstance } from 'fastify';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';

export const ADMIN = 'e2e-admin-token';

export type { ShowSecrets };

export interface Running {
  app: FastifyInstance;
  url: string;
  close(): Promise<void>;
  /** a graceful restart: close the server as SIGTERM does, run `whileDown`, start again on the same port and data */
  restart(whileDown?: () => Promise<void>): Promise<void>;
  createShow(body: CreateShowRequest): Promise<ShowDetail>;
}

export async function startApp(options: Partial<AppOptions> = {}): Promise<Running> {
  const dataDir = mkdtempSync(join(tmpdir(), 'cv-e2e-'));
  const build = () =>
    buildApp({
      store: { kind: 'sqlite', dataDir },
      adminToken: ADMIN,
      serveStatic: true,
      tallyEveryMs: 100,
      ...options,
    });
  let app = await build();
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const url = `http://127.0.0.1:${port}`;
  return {
    get app() {
      return app;
    },
    url,
    async restart(whileDown) {
      await app.close();
      await whileDown?.();
      app = await build();
      await app.listen({ port, host: '127.0.0.1' });
    },
    async createShow(body) {
      const res = await app.inject({
        method: 'POST',
        url: '/api/shows',
        headers: { authorization: `Bearer ${ADMIN}` },
        payload: body,
      });
      if (res.statusCode !== 201) throw new Error(`create show failed: ${res.statusCode} ${res.body}`);
      return res.json() as ShowDetail;
    },
    async close() {
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export const SEATS = [
  { seat: 1, name: 'Nguyễn Thị An', unit: 'Sở Tư pháp' },
  { seat: 2, name: 'Trần Văn Bình', unit: 'Công an tỉnh' },
  { seat: 3, name: 'Lê Hoàng Châu', unit: 'Trường THPT Chuyên' },
];

const single = (
  id: string,
  prompt: string,
  options: string[],
  correct: number,
  extra: Partial<Question> = {},
): Question => ({
  id,
  kind: 'single',
  pool: 'main',
  prompt,
  options,
  timeLimitSec: 20,
  topic: 'Đề án 06',
  key: { kind: 'single', answer: correct },
  ...extra,
});
const truefalse = (
  id: string,
  prompt: string,
  correct: boolean,
  extra: Partial<Question> = {},
): Question => ({
  id,
  kind: 'truefalse',
  pool: 'main',
  prompt,
  timeLimitSec: 20,
  topic: 'Đề án 06',
  key: { kind: 'truefalse', answer: correct },
  ...extra,
});

/** five main questions, one rescue question, one golden question (correct answers noted per question) */
export const QUESTIONS: Question[] = [
  single(
    'q1',
    'Đề án 06 về phát triển ứng dụng dữ liệu dân cư, định danh và xác thực điện tử được Thủ tướng Chính phủ phê duyệt năm nào?',
    ['Năm 2020', 'Năm 2021', 'Năm 2022', 'Năm 2023'],
    2,
    // the first question also takes the screenshots: a little more time on the clock
    { timeLimitSec: 30, explanation: 'Quyết định số 06/QĐ-TTg ngày 06/01/2022.' },
  ),
  truefalse('q2', 'Thẻ căn cước gắn chip có thể dùng thay thẻ bảo hiểm y tế khi đi khám, chữa bệnh.', true),
  single(
    'q3',
    'Ứng dụng định danh điện tử quốc gia có tên là gì?',
    ['VNeID', 'VssID', 'eTax Mobile', 'Zalo'],
    0,
  ),
  single(
    'q4',
    'Tài khoản định danh điện tử của công dân có mấy mức độ?',
    ['1 mức', '2 mức', '3 mức', '4 mức'],
    1,
  ),
  single(
    'q5',
    'Cổng Dịch vụ công quốc gia có địa chỉ nào?',
    ['dichvucong.gov.vn', 'congdichvu.vn', 'dvc.gov.com', 'egov.vn'],
    0,
  ),
  truefalse('r1', 'Công dân có thể đăng ký tài khoản định danh điện tử mức 2 tại Công an cấp xã.', true, {
    pool: 'rescue',
  }),
  single(
    'g1',
    'Thành phố Buôn Ma Thuột là trung tâm của tỉnh nào?',
    ['Gia Lai', 'Đắk Lắk', 'Đắk Nông', 'Kon Tum'],
    1,
    {
      pool: 'golden',
    },
  ),
];

export function showBody(title: string): CreateShowRequest {
  return {
    title,
    seats: SEATS,
    questions: QUESTIONS,
    rules: { goldenBell: { whenStandingAtMost: 1 } },
  };
}

/** MC console: log in with the host PIN */
export async function hostLogin(page: Page, pin: string): Promise<void> {
  await page.locator('[data-test=login]').waitFor();
  await page.locator('[data-test=role-host]').check();
  await page.locator('[data-test=pin]').fill(pin);
  await page.locator('[data-test=login-submit]').click();
  await page.locator('[data-test=next-step]').waitFor();
}

/** accepts the console's confirmation dialog (it ignores a click in its first 350 ms, so retry until it closes) */
export async function acceptConfirm(page: Page): Promise<void> {
  const ok = page.locator('[data-test=confirm-ok]');
  await ok.waitFor();
  await expect
    .poll(
      async () => {
        if (await ok.isVisible()) await ok.click({ timeout: 1000 }).catch(() => undefined);
        return ok.isVisible();
      },
      { timeout: 10_000, interval: 250 },
    )
    .toBe(false);
}

/**
 * The MC's big button (or its Space shortcut): from step `from` to step `to`. The console ignores a second
 * press within 400 ms of the last one (bounce guard), so press again only while the step has not moved on.
 */
export async function step(
  page: Page,
  from: string,
  to: string,
  how: 'click' | 'key' = 'click',
): Promise<void> {
  const button = page.locator('[data-test=next-step]');
  await expect.poll(() => button.getAttribute('data-step'), { timeout: 10_000 }).toBe(from);
  const confirm = page.locator('[data-test=confirm-ok]');
  let pressed = 0;
  await expect
    .poll(
      async () => {
        const now = await button.getAttribute('data-step');
        if (now !== from) return now;
        if (await confirm.isVisible()) {
          await confirm.click({ timeout: 1000 }).catch(() => undefined);
        } else if (await button.isEnabled()) {
          pressed++;
          if (how === 'key') {
            await blur(page);
            await page.keyboard.press('Space');
          } else await button.click({ timeout: 1000 }).catch(() => undefined);
        }
        return button.getAttribute('data-step');
      },
      { timeout: 15_000, interval: 300 },
    )
    .toBe(to);
  expect(pressed).toBeGreaterThan(0);
}

/** keyboard shortcuts go to the page, not to a focused button (Space on a button would also click it) */
export async function blur(page: Page): Promise<void> {
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
}

/** every element matching, as trimmed text */
export async function texts(locator: Locator): Promise<string[]> {
  return (await locator.allInnerTexts()).map((t) => t.trim());
}

/**
 * Sits between a page and the server on the Socket.IO WebSocket. While `holding`, every frame from the server
 * is kept back (so the page hears neither the ACK frame, "43<id>[...]", nor pushes like seat:self);
 * `release()` delivers them in order. `heldAcks` counts the acknowledgements among them.
 * `dropOutgoing` makes the page's own frames vanish, like packets sent into a network that just died.
 */
export interface SocketGate {
  holding: boolean;
  dropOutgoing: boolean;
  /** acknowledgements kept back so far */
  readonly heldAcks: number;
  /** frames the page sent that were dropped */
  readonly dropped: string[];
  release(): void;
}

export async function gateSocket(page: Page): Promise<SocketGate> {
  const queue: { ack: boolean; deliver: () => void }[] = [];
  const dropped: string[] = [];
  const gate: SocketGate = {
    holding: false,
    dropOutgoing: false,
    get heldAcks() {
      return queue.filter((q) => q.ack).length;
    },
    dropped,
    release() {
      gate.holding = false;
      for (const q of queue.splice(0)) q.deliver();
    },
  };
  await page.routeWebSocket(/\/socket\.io\//, (ws) => {
    const server = ws.connectToServer();
    ws.onMessage((m) => {
      if (gate.dropOutgoing && typeof m === 'string' && m.startsWith('42')) dropped.push(m);
      else server.send(m);
    });
    server.onMessage((m) => {
      if (gate.holding)
        queue.push({ ack: typeof m === 'string' && /^43\d/.test(m), deliver: () => ws.send(m) });
      else ws.send(m);
    });
  });
  return gate;
}
