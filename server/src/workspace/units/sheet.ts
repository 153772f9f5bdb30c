/** Units and the exclusion list as spreadsheets: templates with Vietnamese headers, row-checked imports. */
import type { ImportProblem } from '@cv/shared/protocol';
import { decomposedWarning, RowReader, rowsOf, type ColumnSpec } from '../sheets/columns.ts';
import type { Table } from '../sheets/read.ts';
import type { SheetSpec } from '../sheets/write.ts';
import { foldKeyword } from '../bank/text.ts';
import type { UnitRow } from './service.ts';

type UnitKey = 'group' | 'unit' | 'headcount';
export const UNIT_COLUMNS: readonly ColumnSpec<UnitKey>[] = [
  {
    key: 'group',
    header: 'Khối/Cụm',
    aliases: ['Khối', 'Cụm', 'Nhóm', 'Khối thi đua', 'Cụm thi đua'],
    required: true,
    width: 36,
  },
  { key: 'unit', header: 'Đơn vị', aliases: ['Tên đơn vị'], required: true, width: 40 },
  {
    key: 'headcount',
    header: 'Số lượng (biên chế)',
    aliases: ['Số lượng', 'Biên chế', 'Số người'],
    width: 18,
    note: 'Số người của đơn vị, để tính tỉ lệ tham gia; bỏ trống nếu chưa có',
  },
];

export interface Parsed<T> {
  items: T[];
  errors: ImportProblem[];
  warnings: ImportProblem[];
}

function parse<K extends string, T>(
  table: Table,
  columns: readonly ColumnSpec<K>[],
  item: (r: RowReader<K>) => T | null,
  duplicateKey: (t: T) => string,
  duplicateMessage: (firstRow: number) => string,
): Parsed<T & { row: number }> {
  const read = rowsOf(table, columns);
  const out: Parsed<T & { row: number }> = {
    items: [],
    errors: [...read.errors],
    warnings: [...read.warnings],
  };
  if (read.errors.length) return out;
  if (read.rows.length === 0) out.errors.push({ row: 2, message: 'Tệp không có dòng dữ liệu nào.' });
  const seen = new Map<string, number>();
  let decomposed = 0;
  let first: number | null = null;
  for (const sheetRow of read.rows) {
    const r = new RowReader(sheetRow, columns);
    const value = item(r);
    if (r.decomposed) {
      decomposed += r.decomposed;
      first ??= r.row;
    }
    if (value) {
      const key = duplicateKey(value);
      const earlier = seen.get(key);
      if (earlier !== undefined) r.error(null, duplicateMessage(earlier));
      else seen.set(key, r.row);
    }
    out.errors.push(...r.errors);
    out.warnings.push(...r.warnings);
    if (value && r.errors.length === 0) out.items.push({ ...value, row: r.row });
  }
  out.warnings.push(...decomposedWarning(decomposed, first));
  return out;
}

export function parseUnitTable(table: Table): Parsed<UnitRow> {
  return parse(
    table,
    UNIT_COLUMNS,
    (r) => {
      const groupName = r.text('group', { required: true, max: 200 });
      const name = r.text('unit', { required: true, max: 200 });
      const headcount = r.integer('headcount', { min: 0, max: 10_000_000 }) ?? null;
      return groupName && name ? { row: r.row, groupName, name, headcount } : null;
    },
    (u) => `${foldKeyword(u.groupName)}\u0000${foldKeyword(u.name)}`,
    (row) => `Đơn vị này đã có ở dòng ${row}.`,
  );
}

export const unitTemplate = (): SheetSpec[] => [
  {
    name: 'Đơn vị',
    columns: UNIT_COLUMNS.map((c) => ({ header: c.header, width: c.width, note: c.note })),
    rows: [
      ['Khối các sở, ngành', 'Sở Tư pháp', 45],
      ['Khối các sở, ngành', 'Sở Thông tin và Truyền thông', 52],
      ['Cụm các huyện phía Đông', 'UBND huyện Krông Pắc', 310],
    ],
  },
];

type ExclusionKey = 'idNumber' | 'name' | 'role' | 'phone';
export const EXCLUSION_COLUMNS: readonly ColumnSpec<ExclusionKey>[] = [
  {
    key: 'idNumber',
    header: 'Số CCCD',
    aliases: ['CCCD', 'Số căn cước', 'CCCD/CMND', 'Số định danh'],
    required: true,
    width: 18,
    note: '12 chữ số (CMND cũ 9 số); định dạng ô là Văn bản để giữ số 0 đầu',
  },
  { key: 'name', header: 'Họ và tên', aliases: ['Họ tên'], required: true, width: 30 },
  {
    key: 'role',
    header: 'Vai trò',
    aliases: ['Chức danh', 'Thành phần'],
    width: 30,
    note: 'BTC, BGK, Tổ Thư ký, Tổ giúp việc…',
  },
  { key: 'phone', header: 'Số điện thoại', aliases: ['SĐT', 'Điện thoại'], width: 16 },
];

export interface ExclusionRow {
  idNumber: string;
  name: string;
  role: string;
  phone?: string;
}

export function parseExclusionTable(table: Table): Parsed<ExclusionRow & { row: number }> {
  return parse(
    table,
    EXCLUSION_COLUMNS,
    (r) => {
      const idNumber = r.idNumber('idNumber', { required: true });
      const name = r.text('name', { required: true, max: 200 });
      const role = r.text('role', { max: 200 }) ?? '';
      const phone = r.phone('phone');
      return idNumber && name ? { idNumber, name, role, ...(phone ? { phone } : {}) } : null;
    },
    (e) => e.idNumber,
    (row) => `Số CCCD này đã có ở dòng ${row}.`,
  );
}

export const exclusionTemplate = (): SheetSpec[] => [
  {
    name: 'Danh sách loại trừ',
    columns: EXCLUSION_COLUMNS.map((c) => ({
      header: c.header,
      width: c.width,
      note: c.note,
      text: c.key === 'idNumber' || c.key === 'phone',
    })),
    rows: [['066090001234', 'Nguyễn Văn Mẫu', 'Ban Giám khảo', '0905123456']],
  },
];
