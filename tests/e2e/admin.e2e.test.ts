/**
 * The organizers' workflow in real browsers (Debian Chromium), each person in their own context:
 * the first admin is created on the first-run screen, imports a question bank from an XLSX file
 * (generated here with exceljs), sends it for review; a reviewer signs in and approves; the admin
 * builds a show (slots, rules, contestants, MC assignment) and creates it; the MC signs in, opens the
 * console of that show without a PIN and runs the first question. Screenshots: the bank, the review
 * screen, the show builder (questions and rules) and a certificate page rendered by pdf.js.
 */
import ExcelJS from 'exceljs';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launch, openDevice, screenshot, SIZES, type Device } from './browser.ts';
import { acceptConfirm, ADMIN, startApp, step, type Running } from './fixture.ts';

const require = createRequire(import.meta.url);
const PASSWORD = 'Mat-khau-that-dai-2024';
const SHOW_TITLE = 'Rung chuông vàng — Vòng chung kết Đề án 06';
let run: Running;
let browser: Browser;
const devices: Device[] = [];
const tid = (page: Page, id: string) => page.locator(`[data-test="${id}"]`);

async function open(path: string): Promise<Page> {
  const d = await openDevice(browser, `${run.url}${path}`, SIZES.laptop);
  devices.push(d);
  return d.page;
}

async function signIn(page: Page, username: string): Promise<void> {
  await tid(page, 'admin-login').waitFor();
  await tid(page, 'admin-username').fill(username);
  await tid(page, 'admin-password').fill(PASSWORD);
  await tid(page, 'admin-login-submit').click();
  await tid(page, 'admin-who').waitFor();
}

/** the bank as an organizer's Excel file: Vietnamese headers, every question kind, a numeric answer typed as a number */
async function bankFile(): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('Câu hỏi');
  sheet.addRow([
    'Chủ đề',
    'Loại câu hỏi',
    'Nội dung câu hỏi',
    'Phương án A',
    'Phương án B',
    'Phương án C',
    'Phương án D',
    'Đáp án đúng',
    'Thời gian (giây)',
    'Độ khó',
    'Giải thích',
  ]);
  sheet.addRow([
    'Ứng dụng định danh điện tử (VNeID)',
    'Một đáp án',
    'Ứng dụng định danh điện tử quốc gia có tên là gì?',
    'VNeID',
    'VssID',
    'eTax Mobile',
    'Zalo',
    'A',
    20,
    'Dễ',
    'VNeID do Bộ Công an xây dựng.',
  ]);
  sheet.addRow([
    'Mã QR',
    'Đúng sai',
    'Mã QR trên thẻ Căn cước công dân đọc được bằng ứng dụng quét QR thông thường.',
    null,
    null,
    null,
    null,
    'Đúng',
    15,
    'Dễ',
  ]);
  sheet.addRow([
    3,
    'Nhiều đáp án',
    'Thủ tục nào thuộc 25 dịch vụ công thiết yếu?',
    'Đăng ký khai sinh',
    'Đặt vé xem phim',
    'Cấp đổi giấy phép lái xe',
    'Mua hàng trực tuyến',
    'A, C',
    25,
    'Trung bình',
  ]);
  sheet.addRow([
    4,
    'Số',
    'Số định danh cá nhân gồm bao nhiêu chữ số?',
    null,
    null,
    null,
    null,
    12,
    30,
    'Trung bình',
  ]);
  sheet.addRow([
    6,
    'Trả lời ngắn',
    'Luật Căn cước năm 2023 gọi thẻ mới là thẻ gì?',
    null,
    null,
    null,
    null,
    'Thẻ căn cước; Căn cước',
    30,
    'Khó',
  ]);
  return Buffer.from(await book.xlsx.writeBuffer());
}

beforeAll(async () => {
  run = await startApp();
  browser = await launch();
});

afterAll(async () => {
  for (const d of devices) await d.context.close().catch(() => undefined);
  await browser?.close();
  await run?.close();
});

describe("the organizers' workspace in the browser", () => {
  let admin: Page;

  test('first run: the admin creates the first account and is signed in', async () => {
    admin = await open('/host/admin');
    await tid(admin, 'setup').waitFor();
    await tid(admin, 'setup-code').fill(run.app.workspace.setupCode!);
    await tid(admin, 'setup-username').fill('btc.quan');
    await tid(admin, 'setup-name').fill('Nguyễn Văn Quản');
    await tid(admin, 'setup-password').fill(PASSWORD);
    await tid(admin, 'setup-again').fill(PASSWORD);
    await tid(admin, 'setup-submit').click();
    await expect.poll(() => tid(admin, 'admin-who').innerText()).toContain('Nguyễn Văn Quản');
    // signing out and in again with the new password
    await tid(admin, 'admin-logout').click();
    await signIn(admin, 'btc.quan');
    // the reviewer and the MC get their accounts from the automation token (the admin could as well, in Tài khoản)
    for (const [username, displayName, roles] of [
      ['tham.dinh', 'Trần Thị Thẩm Định', ['reviewer']],
      ['mc.chinh', 'Phạm Văn Dẫn', ['mc']],
    ] as const) {
      const res = await run.app.inject({
        method: 'POST',
        url: '/api/admin/accounts',
        headers: { authorization: `Bearer ${ADMIN}` },
        payload: { username, displayName, roles, password: PASSWORD },
      });
      if (res.statusCode !== 201) throw new Error(res.body);
    }
  });

  test('the admin imports the bank from XLSX (checked first) and sends it for review', async () => {
    await tid(admin, 'admin-tab-bank').click();
    await tid(admin, 'bank-import-open').click();
    await tid(admin, 'import-file').setInputFiles({
      name: 'ngan-hang-chung-ket.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: await bankFile(),
    });
    await expect.poll(() => tid(admin, 'import-ready').innerText()).toContain('5 dòng');
    await tid(admin, 'import-confirm').click();
    await expect.poll(() => admin.locator('[data-test=bank-table] tbody tr').count()).toBe(5);
    await tid(admin, 'bank-submit-drafts').click();
    await expect.poll(() => admin.locator('[data-test=bank-table] [data-status=submitted]').count()).toBe(5);
    await screenshot(admin, 'admin-bank-1366x768');
  });

  test('a reviewer signs in and approves every question', async () => {
    const reviewer = await open('/host/admin');
    await signIn(reviewer, 'tham.dinh');
    await tid(reviewer, 'admin-tab-review').click();
    await tid(reviewer, 'review-detail').waitFor();
    await expect
      .poll(() => tid(reviewer, 'question-preview').innerText())
      .toContain('Ứng dụng định danh điện tử quốc gia');
    await screenshot(reviewer, 'admin-review-1366x768');
    for (let left = 5; left > 0; left--) {
      await expect.poll(() => reviewer.locator('.review__item').count()).toBe(left);
      await tid(reviewer, 'review-approve').click();
    }
    await tid(reviewer, 'review-empty').waitFor();
    const approved = await run.app.bank.approvedQuestions();
    expect(approved).toHaveLength(5);
  });

  test('the admin builds the show from approved questions and creates it', async () => {
    await tid(admin, 'admin-tab-shows').click();
    await tid(admin, 'show-new-title').fill(SHOW_TITLE);
    await tid(admin, 'show-create').click();
    await tid(admin, 'show-builder').waitFor();
    const ids = (await run.app.bank.approvedQuestions()).map((q) => q.questionId);
    for (const id of ids.slice(0, 4)) await tid(admin, `add-main-${id}`).click();
    await tid(admin, `add-golden-${ids[4]}`).click();
    await expect.poll(() => admin.locator('[data-pool=main] [data-slot]').count()).toBe(4);
    await tid(admin, 'builder-save').click();
    await screenshot(admin, 'admin-builder-1366x768');

    await tid(admin, 'builder-section-rules').click();
    await tid(admin, 'rules-editor').waitFor();
    await screenshot(admin, 'admin-builder-rules-1366x768');

    await tid(admin, 'builder-section-contestants').click();
    const names = ['Nguyễn Thị Thu Hà', "H'Linh Niê", 'Trần Văn Đức'];
    for (const [i, name] of names.entries()) {
      await admin.getByRole('button', { name: '+ Thí sinh' }).click();
      await admin.locator('[data-test=contestants] tbody tr').nth(i).locator('input').nth(1).fill(name);
    }
    await tid(admin, 'contestants-save').click();
    const staffView = { accountId: null, name: 'e2e', roles: ['admin'] as const, via: 'system' as const };
    const planId = (await run.app.workspace.builder.list(staffView))[0].showId;
    await expect.poll(async () => (await run.app.workspace.builder.info(planId)).contestants.length).toBe(3);

    await tid(admin, 'builder-section-staff').click();
    await tid(admin, 'staff-mc-mc.chinh').check();
    await tid(admin, 'staff-save').click();
    await tid(admin, 'builder-publish').click();
    await acceptConfirm(admin);
    await tid(admin, 'show-records').waitFor();
    const created = run.app.shows.list().find((r) => r.title === SHOW_TITLE)!;
    expect(created.setup.questions.map((q) => q.id)).toEqual(ids);
    expect(created.setup.seats.slice(0, 3).map((s) => s.name)).toEqual(names);
  });

  test('the MC signs in and runs the first question from the console, without a PIN', async () => {
    const created = run.app.shows.list().find((r) => r.title === SHOW_TITLE)!;
    const mc = await open('/host/admin');
    await signIn(mc, 'mc.chinh');
    const link = tid(mc, `open-console-mc-${created.showId}`);
    await link.waitFor();
    await link.click();
    await mc.locator('[data-test=next-step]').waitFor();
    expect(await mc.locator('[data-test=login]').count()).toBe(0); // never asked for a PIN
    await step(mc, 'start', 'show-question');
    await step(mc, 'show-question', 'open');
    await expect.poll(() => mc.locator('[data-test=phase]').innerText()).toBe('Câu 1 · Đang hiện câu hỏi');
    await step(mc, 'open', 'lock');
    await expect.poll(() => mc.locator('[data-test=phase]').innerText()).toBe('Câu 1 · Đang tính giờ');
    await step(mc, 'lock', 'reveal');
    await step(mc, 'reveal', 'show-question');
    const trail = await run.app.store.auditTrail(created.showId);
    expect(trail.filter((c) => c.actorId === 'mc:mc.chinh').map((c) => c.type)).toEqual([
      'show:start',
      'question:show',
      'question:open',
      'question:lock',
      'question:reveal',
    ]);
  });

  test('the certificate of a prize winner, rendered from the PDF', async () => {
    const created = run.app.shows.list().find((r) => r.title === SHOW_TITLE)!;
    const runner = run.app.shows.runner(created.showId)!;
    const host = { role: 'host' as const, id: 'host' };
    expect((await runner.submit({ type: 'show:finish', version: runner.version }, host)).ok).toBe(true);
    const awards = [{ prize: 'first' as const, seats: [1] }];
    expect((await runner.submit({ type: 'prizes:confirm', version: runner.version, awards }, host)).ok).toBe(
      true,
    );

    // the records tab links the certificate; pdf.js (the npm package) draws it in this browser
    await admin.reload();
    await tid(admin, 'admin-tab-shows').click();
    await tid(admin, `open-show-${created.showId}`).click();
    await tid(admin, 'builder-section-records').click();
    const href = await tid(admin, 'certificates-all').getAttribute('href');
    expect(href).toBe(`/api/admin/shows/${created.showId}/certificates.pdf`);
    const pdfjs = require.resolve('pdfjs-dist/build/pdf.mjs');
    const worker = require.resolve('pdfjs-dist/build/pdf.worker.mjs');
    await admin.route('**/__pdfjs/pdf.mjs', (r) =>
      r.fulfill({ contentType: 'text/javascript', body: readFileSync(pdfjs) }),
    );
    await admin.route('**/__pdfjs/pdf.worker.mjs', (r) =>
      r.fulfill({ contentType: 'text/javascript', body: readFileSync(worker) }),
    );
    await admin.route('**/__pdfjs/view', (r) =>
      r.fulfill({
        contentType: 'text/html',
        body: `<!doctype html><html><body style="margin:0;background:#555">
<canvas id="page" data-test="certificate"></canvas>
<script type="module">
import * as pdfjs from './pdf.mjs';
pdfjs.GlobalWorkerOptions.workerSrc = './pdf.worker.mjs';
const doc = await pdfjs.getDocument('${href}').promise;
const page = await doc.getPage(1);
const viewport = page.getViewport({ scale: 1.6 });
const canvas = document.getElementById('page');
canvas.width = viewport.width; canvas.height = viewport.height;
await page.render({ canvasContext: canvas.getContext('2d'), viewport }).promise;
const text = (await page.getTextContent()).items.map((i) => i.str).join(' ');
document.body.dataset.text = text;
document.body.dataset.rendered = 'yes';
</script></body></html>`,
      }),
    );
    await admin.setViewportSize({ width: 1347, height: 953 });
    await admin.goto(`${run.url}/__pdfjs/view`);
    await expect
      .poll(() => admin.locator('body').getAttribute('data-rendered'), { timeout: 20_000 })
      .toBe('yes');
    const text = (await admin.locator('body').getAttribute('data-text')) ?? '';
    expect(text).toContain('Nguyễn Thị Thu Hà');
    expect(text).toContain('GIẤY CHỨNG NHẬN');
    await screenshot(admin, 'certificate-page');
  });
});
