/** Live contestants of a show from a spreadsheet: seat, name, unit (checked against the unit list), birth date, phone. */
import type { ImportProblem } from '@cv/shared/protocol';
import { foldKeyword } from '../bank/text.ts';
import { decomposedWarning, RowReader, rowsOf, type ColumnSpec } from '../sheets/columns.ts';
import type { Table } from '../sheets/read.ts';
import type { SheetSpec } from '../sheets/write.ts';
import type { Contestant } from './service.ts';

type Key = 'seat' | 'name' | 'unit' | 'birthDate' | 'phone';
export const CONTESTANT_COLUMNS: readonly ColumnSpec<Key>[] = [
  {
    key: 'seat',
    header: 'Số ghế',
    aliases: ['Ghế', 'SBD', 'Số báo danh'],
    width: 9,
    note: 'Bỏ trống cả cột để đánh số theo thứ tự dòng',
  },
  { key: 'name', header: 'Họ và tên', aliases: ['Họ tên', 'Thí sinh'], required: true, width: 30 },
  { key: 'unit', header: 'Đơn vị', width: 36 },
  { key: 'birthDate', header: 'Ngày sinh', width: 14, note: 'dd/mm/yyyy' },
  { key: 'phone', header: 'Số điện thoại', aliases: ['SĐT', 'Điện thoại'], width: 16 },
];

export function parseContestantTable(
  table: Table,
  knownUnits: readonly string[],
): { items: Contestant[]; errors: ImportProblem[]; warnings: ImportProblem[] } {
  const read = rowsOf(table, CONTESTANT_COLUMNS);
  const errors = [...read.errors];
  const warnings = [...read.warnings];
  const items: (Contestant & { row: number; seatGiven: boolean })[] = [];
  if (errors.length) return { items: [], errors, warnings };
  if (read.rows.length === 0) errors.push({ row: 2, message: 'Tệp không có thí sinh nào.' });
  const units = new Set(knownUnits.map(foldKeyword));
  let decomposed = 0;
  let first: number | null = null;
  for (const sheetRow of read.rows) {
    const r = new RowReader(sheetRow, CONTESTANT_COLUMNS);
    const seat = r.integer('seat', { min: 1, max: 500 });
    const name = r.text('name', { required: true, max: 200 });
    const unit = r.text('unit', { max: 200 });
    const birthDate = r.date('birthDate');
    const phone = r.phone('phone');
    if (unit && units.size > 0 && !units.has(foldKeyword(unit)))
      r.warn(
        'unit',
        `Đơn vị "${unit}" chưa có trong danh sách đơn vị (vẫn nhập; kiểm tra chính tả nếu cần xếp hạng đơn vị).`,
      );
    if (r.decomposed) {
      decomposed += r.decomposed;
      first ??= r.row;
    }
    errors.push(...r.errors);
    warnings.push(...r.warnings);
    if (name && r.errors.length === 0)
      items.push({
        row: r.row,
        seatGiven: seat !== undefined,
        seat: seat ?? 0,
        name,
        ...(unit ? { unit } : {}),
        ...(birthDate ? { birthDate } : {}),
        ...(phone ? { phone } : {}),
      });
  }
  const given = items.filter((i) => i.seatGiven).length;
  if (given > 0 && given < items.length)
    errors.push({
      row: items.find((i) => !i.seatGiven)!.row,
      column: 'Số ghế',
      message: 'Có dòng ghi số ghế, có dòng bỏ trống: ghi cho tất cả hoặc bỏ trống cả cột.',
    });
  if (given === 0) items.forEach((item, i) => (item.seat = i + 1));
  const seen = new Map<number, number>();
  for (const item of items) {
    const earlier = seen.get(item.seat);
    if (earlier !== undefined)
      errors.push({
        row: item.row,
        column: 'Số ghế',
        message: `Ghế ${item.seat} đã có thí sinh ở dòng ${earlier}.`,
      });
    else seen.set(item.seat, item.row);
  }
  warnings.push(...decomposedWarning(decomposed, first));
  return { items: items.map(({ row: _row, seatGiven: _given, ...c }) => c), errors, warnings };
}

export const contestantTemplate = (): SheetSpec[] => [
  {
    name: 'Thí sinh',
    columns: CONTESTANT_COLUMNS.map((c) => ({
      header: c.header,
      width: c.width,
      note: c.note,
      text: c.key === 'phone' || c.key === 'birthDate',
    })),
    rows: [
      [1, 'Nguyễn Thị Thu Hà', 'Công an tỉnh', '12/05/1995', '0905123456'],
      [2, "H'Linh Niê", 'UBND TP. Buôn Ma Thuột', '03/11/1998', null],
    ],
  },
];
