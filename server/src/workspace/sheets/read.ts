/**
 * Reading an uploaded table: XLSX (first worksheet, through exceljs) or CSV (UTF-8, comma,
 * semicolon or tab separated — Vietnamese Excel saves CSV with semicolons). Cells keep the type
 * the spreadsheet gave them, so the columns can tell a CCCD typed as a number from one typed as text.
 */
import ExcelJS from 'exceljs';
import { WorkspaceError } from '../context.ts';

export type Cell = string | number | boolean | Date | { error: string } | null;

export interface Table {
  format: 'xlsx' | 'csv';
  /** rows[0] is the header; rows[i] is Excel's row i + 1 */
  rows: Cell[][];
}

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const OLE = [0xd0, 0xcf, 0x11, 0xe0];
const startsWith = (b: Buffer, sig: number[]) => sig.every((x, i) => b[i] === x);

export const MAX_IMPORT_BYTES = 10 * 1024 * 1024;
export const MAX_IMPORT_ROWS = 20_000;

export async function readTable(data: Buffer): Promise<Table> {
  if (data.length === 0) throw new WorkspaceError('BAD_REQUEST', 'Tệp rỗng.');
  if (startsWith(data, OLE))
    throw new WorkspaceError(
      'UNSUPPORTED_MEDIA',
      'Tệp .xls (Excel 97–2003) không được hỗ trợ: hãy mở và lưu lại dạng .xlsx.',
    );
  const table = startsWith(data, ZIP) ? await readXlsx(data) : readCsv(data);
  if (table.rows.length - 1 > MAX_IMPORT_ROWS)
    throw new WorkspaceError(
      'TOO_LARGE',
      `Tệp có ${table.rows.length - 1} dòng; tối đa ${MAX_IMPORT_ROWS} dòng mỗi lần nhập.`,
    );
  return table;
}

async function readXlsx(data: Buffer): Promise<Table> {
  const book = new ExcelJS.Workbook();
  try {
    await book.xlsx.load(data as unknown as ArrayBuffer);
  } catch {
    throw new WorkspaceError(
      'UNSUPPORTED_MEDIA',
      'Không đọc được tệp XLSX (tệp hỏng hoặc không phải Excel).',
    );
  }
  const sheet = book.worksheets[0];
  if (!sheet) throw new WorkspaceError('BAD_REQUEST', 'Tệp XLSX không có trang tính nào.');
  const rows: Cell[][] = [];
  for (let r = 1; r <= sheet.rowCount; r++) {
    const values = sheet.getRow(r).values as unknown[];
    const row: Cell[] = [];
    // exceljs rows are 1-based and sparse
    for (let c = 1; c < values.length; c++) row.push(cellOf(values[c]));
    rows.push(row);
  }
  return { format: 'xlsx', rows: trimTrailingEmpty(rows) };
}

function cellOf(v: unknown): Cell {
  if (v === undefined || v === null) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v instanceof Date) return v;
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (Array.isArray(o.richText)) return (o.richText as { text: string }[]).map((t) => t.text).join('');
    if ('error' in o) return { error: String(o.error) };
    if ('result' in o) return cellOf(o.result); // a formula: its cached value
    if ('text' in o) return cellOf(o.text); // a hyperlink
  }
  return String(v);
}

function readCsv(data: Buffer): Table {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(data);
  } catch {
    throw new WorkspaceError(
      'UNSUPPORTED_MEDIA',
      'Tệp CSV không ở mã UTF-8 nên tiếng Việt sẽ bị lỗi: trong Excel chọn "Lưu dạng CSV UTF-8", hoặc dùng tệp .xlsx.',
    );
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return { format: 'csv', rows: trimTrailingEmpty(parseCsv(text, delimiterOf(text))) };
}

/** the separator of the header line: the most frequent of , ; and tab outside quotes */
function delimiterOf(text: string): string {
  const counts = new Map([
    [',', 0],
    [';', 0],
    ['\t', 0],
  ]);
  let quoted = false;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) break;
    else if (!quoted && counts.has(ch)) counts.set(ch, counts.get(ch)! + 1);
  }
  return [...counts.entries()].sort((a, b) => b[1] - a[1])[0][0];
}

/** RFC 4180: quoted fields may hold separators, quotes ("") and line breaks */
export function parseCsv(text: string, sep = ','): Cell[][] {
  const rows: Cell[][] = [];
  let row: Cell[] = [];
  let field = '';
  let quoted = false;
  let i = 0;
  const endField = () => {
    row.push(field === '' ? null : field);
    field = '';
  };
  while (i < text.length) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i += 2;
        continue;
      }
      if (ch === '"') quoted = false;
      else field += ch;
      i++;
      continue;
    }
    if (ch === '"' && field === '') quoted = true;
    else if (ch === sep) endField();
    else if (ch === '\r' || ch === '\n') {
      endField();
      rows.push(row);
      row = [];
      if (ch === '\r' && text[i + 1] === '\n') i++;
    } else field += ch;
    i++;
  }
  if (field !== '' || row.length > 0) {
    endField();
    rows.push(row);
  }
  return rows;
}

export const isEmptyCell = (c: Cell) => c === null || (typeof c === 'string' && c.trim() === '');
export const isEmptyRow = (row: Cell[]) => row.every(isEmptyCell);

function trimTrailingEmpty(rows: Cell[][]): Cell[][] {
  let end = rows.length;
  while (end > 0 && isEmptyRow(rows[end - 1])) end--;
  return rows.slice(0, end);
}
