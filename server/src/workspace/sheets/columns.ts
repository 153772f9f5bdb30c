/**
 * Columns of an import: headers matched however they are typed (case, diacritics, a note in
 * brackets), and cells read the way Vietnamese offices type them. Every problem names its row and
 * column and says in Vietnamese what to fix; nothing is silently changed — a repair that changes
 * a value (a lost leading zero put back) comes with a warning.
 */
import type { ImportProblem } from '@cv/shared/protocol';
import { cleanText, foldKeyword, wasDecomposed } from '../bank/text.ts';
import { isEmptyCell, isEmptyRow, type Cell, type Table } from './read.ts';

export interface ColumnSpec<K extends string = string> {
  key: K;
  /** the header the template writes */
  header: string;
  /** other headers accepted for it */
  aliases?: readonly string[];
  required?: boolean;
  /** template column width */
  width?: number;
  /** the template's note under the header */
  note?: string;
}

const headerKey = (s: string) => foldKeyword(s.replace(/\(.*?\)/g, ''));

export interface SheetRow<K extends string> {
  /** Excel's row number */
  row: number;
  get(key: K): Cell;
}

export interface ReadRows<K extends string> {
  rows: SheetRow<K>[];
  errors: ImportProblem[];
  warnings: ImportProblem[];
}

/** match the header row against the columns; unknown headers are ignored with a warning */
export function rowsOf<K extends string>(table: Table, columns: readonly ColumnSpec<K>[]): ReadRows<K> {
  const errors: ImportProblem[] = [];
  const warnings: ImportProblem[] = [];
  const header = table.rows[0] ?? [];
  const index = new Map<K, number>();
  header.forEach((cell, i) => {
    if (isEmptyCell(cell)) return;
    const key = headerKey(String(cell instanceof Date ? '' : cell));
    const column = columns.find((c) => [c.header, ...(c.aliases ?? [])].some((h) => headerKey(h) === key));
    if (!column) {
      warnings.push({
        row: 1,
        column: String(cell),
        message: `Cột "${String(cell)}" không dùng đến, đã bỏ qua.`,
      });
      return;
    }
    if (index.has(column.key)) {
      errors.push({ row: 1, column: column.header, message: `Cột "${column.header}" xuất hiện hai lần.` });
      return;
    }
    index.set(column.key, i);
  });
  const missing = columns.filter((c) => c.required && !index.has(c.key));
  if (missing.length > 0)
    errors.push({
      row: 1,
      message: `Thiếu cột bắt buộc: ${missing.map((c) => `"${c.header}"`).join(', ')}. Hãy dùng đúng tiêu đề như tệp mẫu.`,
    });
  const rows: SheetRow<K>[] = [];
  if (errors.length === 0)
    table.rows.slice(1).forEach((cells, i) => {
      if (isEmptyRow(cells)) return;
      rows.push({ row: i + 2, get: (key) => (index.has(key) ? (cells[index.get(key)!] ?? null) : null) });
    });
  return { rows, errors, warnings };
}

/** collects problems of one row while its cells are read */
export class RowReader<K extends string> {
  readonly errors: ImportProblem[] = [];
  readonly warnings: ImportProblem[] = [];
  /** cells that arrived as decomposed Unicode (NFD) and were recomposed */
  decomposed = 0;

  constructor(
    private readonly sheetRow: SheetRow<K>,
    private readonly columns: readonly ColumnSpec<K>[],
  ) {}

  get row(): number {
    return this.sheetRow.row;
  }

  private header(key: K): string {
    return this.columns.find((c) => c.key === key)?.header ?? key;
  }

  error(key: K | null, message: string): void {
    this.errors.push({ row: this.row, ...(key ? { column: this.header(key) } : {}), message });
  }

  warn(key: K | null, message: string): void {
    this.warnings.push({ row: this.row, ...(key ? { column: this.header(key) } : {}), message });
  }

  /**
   * Text as meant: a number typed into a text column becomes its digits; a cell Excel turned into a
   * date ("1/7" → 1 July) or a number too long for Excel to keep exact is refused, never guessed.
   */
  text(key: K, options: { required?: boolean; max?: number } = {}): string | undefined {
    const cell = this.sheetRow.get(key);
    if (isEmptyCell(cell)) {
      if (options.required) this.error(key, 'Ô bắt buộc nhưng đang trống.');
      return undefined;
    }
    let raw: string;
    if (cell instanceof Date) {
      this.error(
        key,
        `Excel đã tự đổi ô này thành ngày tháng (${formatDate(cell)}); hãy định dạng ô là Văn bản (Text) rồi gõ lại.`,
      );
      return undefined;
    } else if (typeof cell === 'object' && cell !== null) {
      this.error(key, `Ô có lỗi công thức (${cell.error}).`);
      return undefined;
    } else if (typeof cell === 'number') {
      if (!Number.isSafeInteger(cell) && Number.isInteger(cell)) {
        this.error(key, 'Số quá dài nên Excel đã làm tròn; hãy định dạng ô là Văn bản (Text) rồi gõ lại.');
        return undefined;
      }
      raw = String(cell);
    } else if (typeof cell === 'boolean') raw = cell ? 'Đúng' : 'Sai';
    else raw = cell ?? '';
    if (wasDecomposed(raw)) this.decomposed++;
    const text = cleanText(raw);
    if (options.max && text.length > options.max) {
      this.error(key, `Dài ${text.length} ký tự, tối đa ${options.max}.`);
      return undefined;
    }
    return text;
  }

  /** a whole number: a number cell, or digits typed as text */
  integer(key: K, range: { min: number; max: number }): number | undefined {
    const cell = this.sheetRow.get(key);
    if (isEmptyCell(cell)) return undefined;
    const n = typeof cell === 'number' ? cell : typeof cell === 'string' ? parseVietnameseNumber(cell) : NaN;
    if (!Number.isInteger(n)) {
      this.error(key, `Cần một số nguyên, đang là "${String(cell)}".`);
      return undefined;
    }
    if (n < range.min || n > range.max) {
      this.error(key, `Cần trong khoảng ${range.min}–${range.max}, đang là ${n}.`);
      return undefined;
    }
    return n;
  }

  /** a number; text is read the Vietnamese way: "1,5" = 1.5 and "1.000.000" = one million */
  number(key: K): number | undefined {
    const cell = this.sheetRow.get(key);
    if (isEmptyCell(cell)) return undefined;
    if (typeof cell === 'number') return cell;
    const n = typeof cell === 'string' ? parseVietnameseNumber(cell) : NaN;
    if (!Number.isFinite(n)) {
      this.error(key, `Cần một số, đang là "${String(cell instanceof Date ? formatDate(cell) : cell)}".`);
      return undefined;
    }
    return n;
  }

  /**
   * CCCD (12 digits) or CMND (9). Excel keeps a number column without leading zeros, and every
   * CCCD of a province coded 0xx starts with 0: a 10- or 11-digit value can only be a CCCD that
   * lost them, so they are put back — with a warning to check. Scientific notation lost digits for good.
   */
  idNumber(key: K, options: { required?: boolean } = {}): string | undefined {
    const cell = this.sheetRow.get(key);
    if (isEmptyCell(cell)) {
      if (options.required) this.error(key, 'Thiếu số CCCD.');
      return undefined;
    }
    let digits: string;
    if (typeof cell === 'number') {
      if (!Number.isSafeInteger(cell) || cell < 0) {
        this.error(key, `"${cell}" không phải số CCCD.`);
        return undefined;
      }
      digits = String(cell);
    } else if (typeof cell === 'string') {
      const compact = cell.replace(/[\s.\-\u00A0]/g, '');
      if (/^\d([.,]\d+)?e\+?\d+$/i.test(cell.trim())) {
        this.error(
          key,
          `Excel đã lưu số CCCD dạng rút gọn "${cell.trim()}" nên mất chữ số; hãy định dạng ô là Văn bản và nhập lại.`,
        );
        return undefined;
      }
      if (!/^\d+$/.test(compact)) {
        this.error(key, `"${cell}" không phải số CCCD (chỉ gồm chữ số).`);
        return undefined;
      }
      digits = compact;
    } else {
      this.error(key, 'Ô CCCD không hợp lệ.');
      return undefined;
    }
    if (digits.length === 12 || digits.length === 9) return digits;
    if (digits.length === 10 || digits.length === 11) {
      const fixed = digits.padStart(12, '0');
      this.warn(
        key,
        `Số CCCD chỉ có ${digits.length} chữ số (Excel bỏ số 0 ở đầu khi lưu dạng số); đã khôi phục thành ${fixed} — hãy kiểm tra.`,
      );
      return fixed;
    }
    this.error(key, `Số CCCD phải có 12 chữ số (CMND cũ: 9), đang có ${digits.length}.`);
    return undefined;
  }

  /** 10 digits starting with 0; a number cell lost the 0, +84 is the same number */
  phone(key: K): string | undefined {
    const cell = this.sheetRow.get(key);
    if (isEmptyCell(cell)) return undefined;
    let digits =
      typeof cell === 'number' && Number.isSafeInteger(cell)
        ? String(cell)
        : typeof cell === 'string'
          ? cell.replace(/[\s.\-()\u00A0]/g, '')
          : '';
    if (digits.startsWith('+84')) digits = `0${digits.slice(3)}`;
    else if (typeof cell === 'number' && digits.length === 11 && digits.startsWith('84'))
      digits = `0${digits.slice(2)}`;
    if (/^\d{9}$/.test(digits) && digits[0] !== '0') {
      const fixed = `0${digits}`;
      this.warn(key, `Số điện thoại thiếu số 0 ở đầu (Excel lưu dạng số); đã khôi phục thành ${fixed}.`);
      return fixed;
    }
    if (/^0\d{9}$/.test(digits)) return digits;
    this.error(key, `"${String(cell)}" không phải số điện thoại 10 chữ số bắt đầu bằng 0.`);
    return undefined;
  }

  /** a date as YYYY-MM-DD: an Excel date cell, or text typed dd/mm/yyyy (never read as mm/dd) */
  date(key: K): string | undefined {
    const cell = this.sheetRow.get(key);
    if (isEmptyCell(cell)) return undefined;
    if (cell instanceof Date)
      return isoDate(cell.getUTCFullYear(), cell.getUTCMonth() + 1, cell.getUTCDate());
    if (typeof cell === 'string') {
      const t = cell.trim();
      let m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(t);
      if (m) {
        const iso = isoDate(Number(m[3]), Number(m[2]), Number(m[1]));
        if (iso) return iso;
      }
      m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(t);
      if (m) {
        const iso = isoDate(Number(m[1]), Number(m[2]), Number(m[3]));
        if (iso) return iso;
      }
      if (/^\d{1,2}[/.-]\d{1,2}[/.-]\d{2}$/.test(t)) {
        this.error(key, `Năm chỉ có 2 chữ số ("${t}"); hãy ghi đủ dạng dd/mm/yyyy.`);
        return undefined;
      }
    }
    this.error(key, `"${String(cell)}" không phải ngày hợp lệ dạng dd/mm/yyyy.`);
    return undefined;
  }
}

export function parseVietnameseNumber(text: string): number {
  const t = text.trim().replace(/\s|\u00A0/g, '');
  if (/^-?\d+$/.test(t)) return Number(t);
  if (/^-?\d{1,3}(\.\d{3})+(,\d+)?$/.test(t)) return Number(t.replace(/\./g, '').replace(',', '.'));
  if (/^-?\d+,\d+$/.test(t)) return Number(t.replace(',', '.'));
  if (/^-?\d+\.\d+$/.test(t)) return Number(t);
  return NaN;
}

function isoDate(y: number, m: number, d: number): string | undefined {
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d)
    return undefined;
  if (y < 1900 || y > 2100) return undefined;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

const formatDate = (d: Date) =>
  `${String(d.getUTCDate()).padStart(2, '0')}/${String(d.getUTCMonth() + 1).padStart(2, '0')}/${d.getUTCFullYear()}`;

/** one warning for every cell of the file that came decomposed (Word pastes NFD) */
export function decomposedWarning(count: number, firstRow: number | null): ImportProblem[] {
  return count > 0 && firstRow !== null
    ? [
        {
          row: firstRow,
          message: `${count} ô có chữ tiếng Việt dạng tổ hợp (NFD, thường do dán từ Word); đã chuẩn hoá về dạng dựng sẵn (NFC), nội dung không đổi.`,
        },
      ]
    : [];
}
