import { describe, expect, it } from 'vitest';
import { duplicateKey, foldKeyword } from '../bank/text.ts';
import { parseVietnameseNumber, RowReader, rowsOf, type ColumnSpec } from './columns.ts';
import { parseCsv, type Cell } from './read.ts';

type K = 'id' | 'phone' | 'date' | 'text' | 'n';
const COLUMNS: ColumnSpec<K>[] = [
  { key: 'id', header: 'Số CCCD' },
  { key: 'phone', header: 'Số điện thoại' },
  { key: 'date', header: 'Ngày sinh' },
  { key: 'text', header: 'Nội dung' },
  { key: 'n', header: 'Số' },
];
const reader = (cells: Cell[]) => {
  const { rows } = rowsOf({ format: 'xlsx', rows: [COLUMNS.map((c) => c.header), cells] }, COLUMNS);
  return new RowReader(rows[0], COLUMNS);
};

describe('cells as Vietnamese offices type them', () => {
  it('reads numbers typed as text the Vietnamese way', () => {
    expect(parseVietnameseNumber('1,5')).toBe(1.5);
    expect(parseVietnameseNumber('1.000.000')).toBe(1_000_000);
    expect(parseVietnameseNumber('1.234,5')).toBe(1234.5);
    expect(parseVietnameseNumber('12')).toBe(12);
    expect(parseVietnameseNumber('0.25')).toBe(0.25);
    expect(parseVietnameseNumber('mười')).toBeNaN();
  });

  it('puts back the leading zeros Excel dropped from a CCCD, with a warning, and refuses what it cannot trust', () => {
    const r = reader([66190001234]);
    expect(r.idNumber('id')).toBe('066190001234');
    expect(r.warnings).toHaveLength(1);
    expect(reader(['066 190 001 234']).idNumber('id')).toBe('066190001234');
    expect(reader([240123456]).idNumber('id')).toBe('240123456');
    for (const bad of [12345, '6,61901E+10', '0661900012345', 'abc']) {
      const b = reader([bad]);
      expect(b.idNumber('id'), String(bad)).toBeUndefined();
      expect(b.errors).toHaveLength(1);
    }
  });

  it('reads phones: a number lost its 0, +84 is 0', () => {
    expect(reader([null, 905123456]).phone('phone')).toBe('0905123456');
    expect(reader([null, '+84 905 123 456']).phone('phone')).toBe('0905123456');
    expect(reader([null, '0905.123.456']).phone('phone')).toBe('0905123456');
    expect(reader([null, '12345']).phone('phone')).toBeUndefined();
  });

  it('reads dd/mm/yyyy day first, Excel dates as dates, and refuses impossible or two-digit-year dates', () => {
    expect(reader([null, null, '05/03/1995']).date('date')).toBe('1995-03-05');
    expect(reader([null, null, '5-3-1995']).date('date')).toBe('1995-03-05');
    expect(reader([null, null, new Date(Date.UTC(1998, 10, 3))]).date('date')).toBe('1998-11-03');
    expect(reader([null, null, '1995-03-05']).date('date')).toBe('1995-03-05');
    for (const bad of ['31/02/1990', '05/03/95', '13/13/2000'])
      expect(reader([null, null, bad]).date('date'), bad).toBeUndefined();
  });

  it('turns a number typed into a text column into its digits, recomposes NFD, and refuses a cell Excel made a date', () => {
    expect(reader([null, null, null, 2022]).text('text')).toBe('2022');
    const nfd = reader([null, null, null, 'Căn cước'.normalize('NFD')]);
    expect(nfd.text('text')).toBe('Căn cước');
    expect(nfd.decomposed).toBe(1);
    const dated = reader([null, null, null, new Date(Date.UTC(2024, 6, 1))]);
    expect(dated.text('text')).toBeUndefined();
    expect(dated.errors[0].message).toContain('01/07/2024');
    expect(reader([null, null, null, 'Câu\u00A0hỏi\u200B  có   khoảng trắng ']).text('text')).toBe(
      'Câu hỏi có khoảng trắng',
    );
  });
});

describe('text keys', () => {
  it('finds duplicates by normalised text but keeps diacritics apart', () => {
    expect(duplicateKey('  Ứng dụng VNeID là gì ? ')).toBe(duplicateKey('ứng dụng vneid là gì'));
    expect(duplicateKey('Ứng dụng VNeID là gì?'.normalize('NFD'))).toBe(
      duplicateKey('Ứng dụng VNeID là gì?'),
    );
    expect(duplicateKey('Ba mẹ')).not.toBe(duplicateKey('Bà mẹ'));
    expect(foldKeyword('  Đáp ÁN  đúng ')).toBe('dap an dung');
  });

  it('parses CSV with quotes, separators and line breaks inside fields', () => {
    expect(parseCsv('a;b\r\n"x;y";"dòng 1\ndòng ""2"""\r\n', ';')).toEqual([
      ['a', 'b'],
      ['x;y', 'dòng 1\ndòng "2"'],
    ]);
  });
});
