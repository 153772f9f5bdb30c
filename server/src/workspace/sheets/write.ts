/** Writing tables the organizers open in Excel: XLSX with a bold frozen header, or CSV (UTF-8 BOM). */
import ExcelJS from 'exceljs';
import { csvField } from '../../audit/export.ts';

export interface SheetSpec {
  name: string;
  columns: {
    header: string;
    width?: number;
    note?: string;
    /** typed text in Excel (CCCD, phone, answers) */ text?: boolean;
  }[];
  rows: (string | number | boolean | Date | null | undefined)[][];
}

export async function xlsxOf(sheets: SheetSpec[]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = 'Chuông Vàng';
  for (const spec of sheets) {
    const sheet = book.addWorksheet(spec.name.slice(0, 31), { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.columns = spec.columns.map((c) => ({ header: c.header, width: c.width ?? 18 }));
    const header = sheet.getRow(1);
    header.font = { bold: true };
    header.alignment = { vertical: 'middle', wrapText: true };
    spec.columns.forEach((c, i) => {
      if (c.note) header.getCell(i + 1).note = c.note;
      // text columns stay text: Excel must not turn a CCCD or "1/7" into a number or a date
      if (c.text) sheet.getColumn(i + 1).numFmt = '@';
    });
    for (const row of spec.rows) sheet.addRow(row.map((v) => (v === undefined ? null : v)));
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}

/** RFC 4180 with CRLF and a BOM (Excel then reads UTF-8); cells that would run as formulas are defused */
export function csvOf(spec: SheetSpec): string {
  const lines = [spec.columns.map((c) => c.header), ...spec.rows.map((r) => r.map(cellText))];
  return '\uFEFF' + lines.map((cells) => cells.map(csvField).join(',') + '\r\n').join('');
}

function cellText(v: string | number | boolean | Date | null | undefined): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString();
  return String(v);
}

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
