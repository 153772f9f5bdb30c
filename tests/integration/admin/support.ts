/** The organizers' workspace through app.inject: signed-in staff with their cookie and CSRF token, real XLSX files, multipart uploads. */
import { buildApp, type AppOptions } from '@cv/server/app.ts';
import { CSRF_HEADER, type StaffRoleName } from '@cv/shared/protocol';
import ExcelJS from 'exceljs';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const PASSWORD = 'Mat-khau-rat-dai-2024';
export const USERNAMES: Record<StaffRoleName, string> = {
  admin: 'btc',
  reviewer: 'tham.dinh',
  mc: 'mc.chinh',
  judge: 'bgk.mot',
  secretary: 'thu.ky',
};
export const ADMIN_TOKEN = 'bootstrap-admin-token';
type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface Request {
  method: Method;
  url: string;
  payload?: unknown;
  headers?: Record<string, string>;
}

/** one signed-in person: every request carries the session cookie and, unless told not to, the CSRF header */
export class Staff {
  constructor(
    readonly app: FastifyInstance,
    readonly username: string,
    readonly accountId: string,
    readonly cookie: string,
    readonly csrfToken: string,
  ) {}

  request(r: Request, options: { csrf?: boolean } = {}): Promise<LightMyRequestResponse> {
    return this.app.inject({
      method: r.method,
      url: r.url,
      ...(r.payload !== undefined ? { payload: r.payload as string } : {}),
      headers: {
        cookie: this.cookie,
        ...(options.csrf === false ? {} : { [CSRF_HEADER]: this.csrfToken }),
        ...r.headers,
      },
    });
  }

  get = (url: string) => this.request({ method: 'GET', url });
  post = (url: string, payload?: unknown) => this.request({ method: 'POST', url, payload: payload ?? {} });
  put = (url: string, payload: unknown) => this.request({ method: 'PUT', url, payload });
  patch = (url: string, payload: unknown) => this.request({ method: 'PATCH', url, payload });
  delete = (url: string) => this.request({ method: 'DELETE', url });

  upload(url: string, file: Buffer, filename = 'tep.xlsx'): Promise<LightMyRequestResponse> {
    const body = multipart(file, filename);
    return this.request({ method: 'POST', url, payload: body.payload, headers: body.headers });
  }
}

export interface Workspace {
  app: FastifyInstance;
  dataDir: string;
  admin: Staff;
  /** a signed-in account for each role (and the admin above) */
  staff: Record<StaffRoleName, Staff>;
  close(): Promise<void>;
}

export async function openApp(
  options: Partial<AppOptions> = {},
  dataDir = mkdtempSync(join(tmpdir(), 'cv-admin-')),
) {
  const app = await buildApp({
    store: { kind: 'sqlite', dataDir },
    adminToken: ADMIN_TOKEN,
    serveStatic: false,
    // the per-IP limit has its own test (tests/security/headers.test.ts)
    httpRateLimit: { max: 1e9 },
    ...options,
  });
  return { app, dataDir };
}

export async function login(app: FastifyInstance, username: string, password = PASSWORD): Promise<Staff> {
  const res = await app.inject({ method: 'POST', url: '/api/admin/login', payload: { username, password } });
  if (res.statusCode !== 200) throw new Error(`login ${username}: ${res.statusCode} ${res.body}`);
  const cookie = String(res.headers['set-cookie']).split(';')[0];
  const body = res.json() as { csrfToken: string; account: { accountId: string } };
  return new Staff(app, username, body.account.accountId, cookie, body.csrfToken);
}

/** first admin through the first-run setup, then one account per role, each signed in */
export async function openWorkspace(options: Partial<AppOptions> = {}, dataDir?: string): Promise<Workspace> {
  const { app, dataDir: dir } = await openApp(options, dataDir);
  const setup = await app.inject({
    method: 'POST',
    url: '/api/admin/setup',
    payload: {
      setupCode: app.workspace.setupCode,
      username: 'btc',
      displayName: 'Nguyễn Văn Quản',
      password: PASSWORD,
    },
  });
  if (setup.statusCode !== 201) throw new Error(`setup: ${setup.statusCode} ${setup.body}`);
  const admin = await login(app, 'btc');
  const names: Record<StaffRoleName, string> = {
    admin: 'Lê Thị Ban',
    reviewer: 'Trần Thẩm Định',
    mc: 'Phạm Dẫn Chương',
    judge: 'Võ Giám Khảo',
    secretary: 'Đặng Thư Ký',
  };
  const staff = { admin } as Record<StaffRoleName, Staff>;
  for (const role of ['reviewer', 'mc', 'judge', 'secretary'] as const) {
    const res = await admin.post('/api/admin/accounts', {
      username: USERNAMES[role],
      displayName: names[role],
      roles: [role],
      password: PASSWORD,
    });
    if (res.statusCode !== 201) throw new Error(`account ${role}: ${res.statusCode} ${res.body}`);
    staff[role] = await login(app, USERNAMES[role]);
  }
  return {
    app,
    dataDir: dir,
    admin,
    staff,
    async close() {
      await app.close();
      if (!dataDir) rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function multipart(data: Buffer, filename: string, field = 'file') {
  const boundary = `----cv${randomBytes(8).toString('hex')}`;
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`;
  return {
    payload: Buffer.concat([Buffer.from(head), data, Buffer.from(`\r\n--${boundary}--\r\n`)]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

export type CellInput = string | number | boolean | Date | null;

/** a real .xlsx written by exceljs, as Excel would: numbers stay numbers, dates stay dates */
export async function xlsx(rows: CellInput[][], sheetName = 'Trang 1'): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet(sheetName);
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await book.xlsx.writeBuffer());
}

/** the rows of the first sheet of an .xlsx reply (values as exceljs reads them) */
export async function readXlsx(data: Buffer, sheet = 0): Promise<unknown[][]> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(data as unknown as ArrayBuffer);
  const ws = book.worksheets[sheet];
  const rows: unknown[][] = [];
  ws.eachRow({ includeEmpty: true }, (row) => rows.push((row.values as unknown[]).slice(1)));
  return rows;
}

export async function sheetNames(data: Buffer): Promise<string[]> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(data as unknown as ArrayBuffer);
  return book.worksheets.map((w) => w.name);
}

export const BANK_HEADER = [
  'Chủ đề',
  'Loại câu hỏi',
  'Nội dung câu hỏi',
  'Phương án A',
  'Phương án B',
  'Phương án C',
  'Phương án D',
  'Phương án E',
  'Phương án F',
  'Đáp án đúng',
  'Sai số cho phép',
  'Thời gian (giây)',
  'Độ khó',
  'Giải thích',
  'Từ khoá',
  'Tư liệu (đường dẫn)',
];

/** a bank row by header name */
export function bankRow(values: Partial<Record<string, CellInput>>): CellInput[] {
  return BANK_HEADER.map((h) => values[h] ?? null);
}

export const singleRow = (prompt: string, correct = 'B', topic: CellInput = 1) =>
  bankRow({
    'Chủ đề': topic,
    'Loại câu hỏi': 'Một đáp án',
    'Nội dung câu hỏi': prompt,
    'Phương án A': 'Bộ Tư pháp',
    'Phương án B': 'Bộ Công an',
    'Phương án C': 'Bộ Nội vụ',
    'Phương án D': 'Văn phòng Chính phủ',
    'Đáp án đúng': correct,
    'Thời gian (giây)': 20,
    'Độ khó': 'Dễ',
  });
