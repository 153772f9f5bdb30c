/**
 * Imports with real XLSX files written by exceljs in the test: a valid bank; broken rows (each
 * reported by row and column, in Vietnamese, and nothing written); wrong headers; 5,000 rows in one
 * go; CCCD and phone columns Excel stored as numbers; dates typed dd/mm/yyyy; Word's decomposed
 * Unicode; Excel's own date conversion of text; CSV the way Vietnamese Excel saves it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BANK_HEADER, bankRow, openWorkspace, singleRow, xlsx, type Workspace } from './support.ts';

let w: Workspace;
beforeAll(async () => {
  w = await openWorkspace();
});
afterAll(() => w.close());

const importBank = (file: Buffer, query = '') =>
  w.admin.upload(`/api/admin/questions/import${query}`, file, 'ngan-hang.xlsx');
const bankCount = async () => ((await w.admin.get('/api/admin/questions')).json() as unknown[]).length;

describe('question bank import', () => {
  it('imports a valid sheet of every question kind as drafts, with the template headers', async () => {
    const before = await bankCount();
    const file = await xlsx([
      BANK_HEADER,
      singleRow('Ứng dụng VNeID do cơ quan nào quản lý?'),
      bankRow({
        'Chủ đề': 'Mã QR',
        'Loại câu hỏi': 'Đúng sai',
        'Nội dung câu hỏi': 'Mã QR trên thẻ CCCD đọc được bằng điện thoại.',
        'Đáp án đúng': 'Đúng',
      }),
      bankRow({
        'Chủ đề': 3,
        'Loại câu hỏi': 'Nhiều đáp án',
        'Nội dung câu hỏi': 'Thủ tục nào là dịch vụ công thiết yếu?',
        'Phương án A': 'Đăng ký khai sinh',
        'Phương án B': 'Mua vé xem phim',
        'Phương án C': 'Cấp đổi giấy phép lái xe',
        'Đáp án đúng': 'A, C',
      }),
      bankRow({
        'Chủ đề': 1,
        'Loại câu hỏi': 'Trả lời ngắn',
        'Nội dung câu hỏi': 'Tên ứng dụng định danh điện tử quốc gia?',
        'Đáp án đúng': 'VNeID; VN eID',
      }),
      bankRow({
        'Chủ đề': 6,
        'Loại câu hỏi': 'Số',
        'Nội dung câu hỏi': 'Số định danh cá nhân có bao nhiêu chữ số?',
        'Đáp án đúng': 12,
        'Độ khó': 'Khó',
        'Từ khoá': 'căn cước, định danh',
      }),
    ]);
    const res = await importBank(file);
    expect(res.statusCode, res.body).toBe(200);
    const report = res.json();
    expect(report).toMatchObject({ imported: true, rows: 5, created: 5, errors: [] });
    expect(await bankCount()).toBe(before + 5);

    const rows = (await w.admin.get('/api/admin/questions?status=draft')).json() as {
      questionId: string;
      kind: string;
      prompt: string;
    }[];
    const byKind = Object.fromEntries(rows.slice(-5).map((r) => [r.kind, r.questionId]));
    expect(Object.keys(byKind).sort()).toEqual(['multi', 'numeric', 'single', 'text', 'truefalse']);
    const multi = (await w.admin.get(`/api/admin/questions/${byKind.multi}`)).json();
    expect(multi.versions[0].content).toMatchObject({
      topicId: 't3',
      options: ['Đăng ký khai sinh', 'Mua vé xem phim', 'Cấp đổi giấy phép lái xe'],
      key: { kind: 'multi', answer: [0, 2] },
    });
    const text = (await w.admin.get(`/api/admin/questions/${byKind.text}`)).json();
    expect(text.versions[0].content.key).toEqual({ kind: 'text', accepted: ['VNeID', 'VN eID'] });
    const numeric = (await w.admin.get(`/api/admin/questions/${byKind.numeric}`)).json();
    expect(numeric.versions[0].content).toMatchObject({
      key: { kind: 'numeric', value: 12, tolerance: 0 },
      difficulty: 'hard',
      tags: ['căn cước', 'định danh'],
      timeLimitSec: 30,
    });
  });

  it('refuses a file with broken rows whole: every bad row named with its row number and a Vietnamese reason', async () => {
    const before = await bankCount();
    const file = await xlsx([
      BANK_HEADER,
      singleRow('Câu hỏi hợp lệ số một?'),
      singleRow('Đáp án ngoài phạm vi?', 'F'),
      bankRow({
        'Chủ đề': 'Chủ đề không có',
        'Loại câu hỏi': 'Một đáp án',
        'Nội dung câu hỏi': 'Chủ đề sai?',
        'Phương án A': 'x',
        'Phương án B': 'y',
        'Đáp án đúng': 'A',
      }),
      bankRow({
        'Chủ đề': 2,
        'Loại câu hỏi': 'Tự luận dài',
        'Nội dung câu hỏi': 'Loại lạ?',
        'Đáp án đúng': 'A',
      }),
      bankRow({
        'Chủ đề': 2,
        'Loại câu hỏi': 'Đúng sai',
        'Nội dung câu hỏi': 'Đáp án lạ?',
        'Đáp án đúng': 'Có lẽ',
      }),
      bankRow({
        'Chủ đề': 2,
        'Loại câu hỏi': 'Một đáp án',
        'Nội dung câu hỏi': 'Thiếu phương án B?',
        'Phương án A': 'x',
        'Phương án C': 'z',
        'Đáp án đúng': 'A',
      }),
      bankRow({
        'Chủ đề': 2,
        'Loại câu hỏi': 'Một đáp án',
        'Đáp án đúng': 'A',
        'Phương án A': 'x',
        'Phương án B': 'y',
      }),
      singleRow('Câu hỏi hợp lệ số hai?'),
      bankRow({
        'Chủ đề': 1,
        'Loại câu hỏi': 'Số',
        'Nội dung câu hỏi': 'Thời gian sai?',
        'Đáp án đúng': 5,
        'Thời gian (giây)': 1000,
      }),
    ]);
    const res = await importBank(file);
    expect(res.statusCode).toBe(422);
    const body = res.json();
    expect(body.error.code).toBe('IMPORT_INVALID');
    expect(body.error.message).toMatch(/chưa nhập dòng nào/);
    const errors = body.details.errors as { row: number; column?: string; message: string }[];
    const rowsWithErrors = [...new Set(errors.map((e) => e.row))].sort((a, b) => a - b);
    expect(rowsWithErrors).toEqual([3, 4, 5, 6, 7, 8, 10]);
    const at = (row: number) => errors.filter((e) => e.row === row);
    expect(at(3)[0]).toMatchObject({
      column: 'Đáp án đúng',
      message: expect.stringContaining('không phải phương án'),
    });
    expect(at(4)[0]).toMatchObject({ column: 'Chủ đề', message: expect.stringContaining('Không có chủ đề') });
    expect(at(5)[0]).toMatchObject({
      column: 'Loại câu hỏi',
      message: expect.stringContaining('Không rõ loại'),
    });
    expect(at(6)[0].message).toContain('"Đúng" hoặc "Sai"');
    expect(at(7)[0]).toMatchObject({ column: 'Phương án B', message: expect.stringContaining('trống') });
    expect(at(8)[0]).toMatchObject({ column: 'Nội dung câu hỏi', message: 'Ô bắt buộc nhưng đang trống.' });
    expect(at(10)[0]).toMatchObject({
      column: 'Thời gian (giây)',
      message: expect.stringContaining('3–600'),
    });
    // the two good rows were not imported either
    expect(await bankCount()).toBe(before);
  });

  it('refuses wrong headers, naming the missing columns, and writes nothing', async () => {
    const before = await bankCount();
    const file = await xlsx([
      ['Question', 'Type', 'A', 'B', 'Answer'],
      ['What is VNeID?', 'single', 'x', 'y', 'A'],
    ]);
    const res = await importBank(file);
    expect(res.statusCode).toBe(422);
    const errors = res.json().details.errors as { row: number; message: string }[];
    expect(errors).toHaveLength(1);
    expect(errors[0].row).toBe(1);
    expect(errors[0].message).toContain('Thiếu cột bắt buộc');
    for (const h of ['"Chủ đề"', '"Loại câu hỏi"', '"Nội dung câu hỏi"', '"Đáp án đúng"'])
      expect(errors[0].message).toContain(h);
    expect(await bankCount()).toBe(before);
  });

  it('accepts headers typed another way (case, no diacritics, a note in brackets) and reports unknown columns as warnings', async () => {
    const file = await xlsx([
      [
        'chu de',
        'LOẠI CÂU HỎI',
        'Nội dung câu hỏi (bắt buộc)',
        'Phương án A',
        'Phương án B',
        'Đáp án đúng',
        'Ghi chú riêng',
      ],
      [1, 'mot dap an', 'Tiêu đề viết khác vẫn nhận?', 'Có', 'Không', 'A', 'không dùng'],
    ]);
    const res = await importBank(file);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().warnings).toEqual([
      expect.objectContaining({
        row: 1,
        column: 'Ghi chú riêng',
        message: expect.stringContaining('bỏ qua'),
      }),
    ]);
  });

  it('imports 5,000 rows in one write and refuses 5,000 rows with one bad row at the end, leaving the bank as it was', async () => {
    const rows = Array.from({ length: 5000 }, (_, i) =>
      singleRow(`Câu hỏi ôn tập số ${i + 1} về Đề án 06?`, 'ABCD'[i % 4], (i % 7) + 1),
    );
    const bad = [...rows.slice(0, 4999), singleRow('Câu cuối bị lỗi?', 'Z')];
    const before = await bankCount();
    const refused = await importBank(await xlsx([BANK_HEADER, ...bad]));
    expect(refused.statusCode).toBe(422);
    expect(refused.json().details.errors).toEqual([
      expect.objectContaining({ row: 5001, column: 'Đáp án đúng' }),
    ]);
    expect(await bankCount()).toBe(before);

    const res = await importBank(await xlsx([BANK_HEADER, ...rows]));
    expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
    expect(res.json()).toMatchObject({ imported: true, rows: 5000, created: 5000 });
    expect(await bankCount()).toBe(before + 5000);
    const audit = (await w.admin.get('/api/admin/audit?action=question.import')).json() as {
      after: { questions: number };
    }[];
    expect(audit.at(-1)!.after.questions).toBe(5000);
  });

  it('flags duplicates (same text after normalising) against the bank and within the file, and still imports', async () => {
    const file = await xlsx([
      BANK_HEADER,
      singleRow('  ứng dụng VNeID do cơ quan nào quản lý ?'),
      singleRow('Câu mới hoàn toàn về mã QR?'),
      singleRow('Câu mới hoàn toàn về mã QR?'),
    ]);
    const dry = await importBank(file, '?dryRun=1');
    expect(dry.statusCode).toBe(200);
    expect(dry.json().imported).toBe(false);
    const warnings = dry.json().warnings as { row: number; message: string }[];
    expect(warnings.find((x) => x.row === 2)?.message).toMatch(/Trùng nội dung với câu CH\d{5}/);
    expect(warnings.find((x) => x.row === 4)?.message).toBe('Trùng nội dung với dòng 3 của tệp.');
    const res = await importBank(file);
    expect(res.statusCode).toBe(200);
    const [first, , third] = res.json().ids as string[];
    expect((await w.admin.get(`/api/admin/questions/${first}`)).json().duplicateOf).toHaveLength(1);
    expect((await w.admin.get(`/api/admin/questions/${third}`)).json().duplicateOf).toEqual([
      res.json().ids[1],
    ]);
  });

  it("recomposes Word's decomposed Unicode (NFD) and says so; refuses a cell Excel turned into a date", async () => {
    const nfd = 'Thẻ Căn cước công dân gắn chíp có mấy mặt?'.normalize('NFD');
    const file = await xlsx([
      BANK_HEADER,
      bankRow({
        'Chủ đề': 4,
        'Loại câu hỏi': 'Một đáp án',
        'Nội dung câu hỏi': nfd,
        'Phương án A': 'Một',
        'Phương án B': 'Hai',
        'Đáp án đúng': 'B',
      }),
    ]);
    const res = await importBank(file);
    expect(res.statusCode).toBe(200);
    expect(res.json().warnings.some((x: { message: string }) => x.message.includes('NFC'))).toBe(true);
    const id = res.json().ids[0];
    const prompt = (await w.admin.get(`/api/admin/questions/${id}`)).json().versions[0].content
      .prompt as string;
    expect(prompt).toBe('Thẻ Căn cước công dân gắn chíp có mấy mặt?');
    expect(prompt).toBe(prompt.normalize('NFC'));

    const dated = await xlsx([
      BANK_HEADER,
      bankRow({
        'Chủ đề': 6,
        'Loại câu hỏi': 'Một đáp án',
        'Nội dung câu hỏi': 'Luật Căn cước có hiệu lực từ ngày nào?',
        'Phương án A': new Date(Date.UTC(2024, 6, 1)),
        'Phương án B': '01/01/2025',
        'Đáp án đúng': 'A',
      }),
    ]);
    const refused = await importBank(dated);
    expect(refused.statusCode).toBe(422);
    expect(refused.json().details.errors[0]).toMatchObject({
      row: 2,
      column: 'Phương án A',
      message: expect.stringContaining('01/07/2024'),
    });
  });

  it('reads CSV saved by Vietnamese Excel (UTF-8 with BOM, semicolons) and refuses CSV that is not UTF-8', async () => {
    const csv =
      '\uFEFF' +
      [
        'Chủ đề;Loại câu hỏi;Nội dung câu hỏi;Phương án A;Phương án B;Đáp án đúng;Sai số cho phép',
        '3;Số;"Tỉ lệ hồ sơ trực tuyến; ước tính (%)?";;;"12,5";"0,5"',
      ].join('\r\n');
    const res = await w.admin.upload('/api/admin/questions/import', Buffer.from(csv, 'utf8'), 'bank.csv');
    expect(res.statusCode, res.body).toBe(200);
    const id = res.json().ids[0];
    expect((await w.admin.get(`/api/admin/questions/${id}`)).json().versions[0].content).toMatchObject({
      prompt: 'Tỉ lệ hồ sơ trực tuyến; ước tính (%)?',
      key: { kind: 'numeric', value: 12.5, tolerance: 0.5 },
    });
    const latin = Buffer.from('Chủ đề,Loại câu hỏi\r\n1,Số\r\n', 'latin1');
    const bad = await w.admin.upload('/api/admin/questions/import', latin, 'bank.csv');
    expect(bad.statusCode).toBe(415);
    expect(bad.json().error.message).toContain('UTF-8');
  });

  it('refuses an old .xls and a file that is no spreadsheet, with a reason', async () => {
    const xls = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]);
    const res = await w.admin.upload('/api/admin/questions/import', xls, 'cu.xls');
    expect(res.statusCode).toBe(415);
    expect(res.json().error.message).toContain('.xlsx');
    const zip = Buffer.from('PK\u0003\u0004 not really a workbook');
    expect((await w.admin.upload('/api/admin/questions/import', zip, 'x.xlsx')).statusCode).toBe(415);
  });
});

describe('units import', () => {
  it('imports groups → units with headcounts, updates headcounts on a second import, never half-imports', async () => {
    const file = await xlsx([
      ['Khối/Cụm', 'Đơn vị', 'Số lượng (biên chế)'],
      ['Khối các sở, ngành', 'Sở Tư pháp', 45],
      ['Khối các sở, ngành', 'Sở Thông tin và Truyền thông', '1.234'],
      ['Cụm các huyện phía Đông', 'UBND huyện Krông Pắc', null],
    ]);
    const res = await w.staff.secretary.upload('/api/admin/units/import', file);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ imported: true, created: 3, updated: 0 });
    const refs = await w.app.units.units();
    expect(refs.map((u) => [u.groupName, u.name, u.headcount])).toEqual([
      ['Khối các sở, ngành', 'Sở Tư pháp', 45],
      ['Khối các sở, ngành', 'Sở Thông tin và Truyền thông', 1234],
      ['Cụm các huyện phía Đông', 'UBND huyện Krông Pắc', null],
    ]);

    const again = await xlsx([
      ['Khối', 'Tên đơn vị', 'Số lượng'],
      ['khối các sở, ngành', 'SỞ TƯ PHÁP', 50],
      ['Khối các sở, ngành', 'Sở Nội vụ', 'bốn mươi'],
    ]);
    const refused = await w.staff.secretary.upload('/api/admin/units/import', again);
    expect(refused.statusCode).toBe(422);
    expect(refused.json().details.errors).toEqual([
      expect.objectContaining({ row: 3, column: 'Số lượng (biên chế)' }),
    ]);
    expect((await w.app.units.units()).find((u) => u.name === 'Sở Tư pháp')?.headcount).toBe(45);

    const fixed = await xlsx([
      ['Khối', 'Tên đơn vị', 'Số lượng'],
      ['khối các sở, ngành', 'SỞ TƯ PHÁP', 50],
      ['Khối các sở, ngành', 'Sở Nội vụ', 40],
    ]);
    const ok = await w.staff.secretary.upload('/api/admin/units/import', fixed);
    expect(ok.json()).toMatchObject({ created: 1, updated: 1 });
    const units = await w.app.units.units();
    expect(units.find((u) => u.name === 'Sở Tư pháp')?.headcount).toBe(50);
    expect(units.filter((u) => u.groupName === 'Khối các sở, ngành')).toHaveLength(3);
  });
});

describe('exclusion list import', () => {
  it('keeps CCCD and phone stored by Excel as numbers: lost leading zeros put back with a warning', async () => {
    const file = await xlsx([
      ['Số CCCD', 'Họ và tên', 'Vai trò', 'Số điện thoại'],
      [66190001234, 'Nguyễn Văn Giám Khảo', 'Ban Giám khảo', 905123456],
      ['066190009999', 'Trần Thị Thư Ký', 'Tổ Thư ký', '0912 345 678'],
      [240123456, 'Lê Văn Cũ', 'Tổ giúp việc', '+84987654321'],
      [1190005555, 'Phạm Hai Số Không', 'BTC', null],
    ]);
    const res = await w.staff.secretary.upload('/api/admin/exclusions/import', file);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ imported: true, created: 4 });
    const warnings = res.json().warnings as { row: number; column: string; message: string }[];
    expect(warnings).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          row: 2,
          column: 'Số CCCD',
          message: expect.stringContaining('066190001234'),
        }),
        expect.objectContaining({
          row: 2,
          column: 'Số điện thoại',
          message: expect.stringContaining('0905123456'),
        }),
        expect.objectContaining({
          row: 5,
          column: 'Số CCCD',
          message: expect.stringContaining('001190005555'),
        }),
      ]),
    );
    expect(await w.app.exclusions.isExcluded('066190001234')).toBe(true);
    expect(await w.app.exclusions.isExcluded('066190009999')).toBe(true);
    expect(await w.app.exclusions.isExcluded('240123456')).toBe(true);
    expect(await w.app.exclusions.isExcluded('001190005555')).toBe(true);
    expect(await w.app.exclusions.isExcluded('66190001234')).toBe(false);
    const list = (await w.staff.secretary.get('/api/admin/exclusions')).json() as {
      idNumber: string;
      phone?: string;
    }[];
    expect(list.find((e) => e.idNumber === '066190001234')?.phone).toBe('0905123456');
    expect(list.find((e) => e.idNumber === '066190009999')?.phone).toBe('0912345678');
    expect(list.find((e) => e.idNumber === '240123456')?.phone).toBe('0987654321');
  });

  it('refuses CCCD it cannot trust — digits lost to scientific notation, wrong length, duplicates — and imports none', async () => {
    const before = (await w.staff.secretary.get('/api/admin/exclusions')).json().length;
    const file = await xlsx([
      ['CCCD', 'Họ tên'],
      ['066190007777', 'Hợp lệ'],
      ['6,61901E+10', 'Mất chữ số'],
      [1234567, 'Quá ngắn'],
      ['066190007777', 'Trùng'],
      ['0661900A7777', 'Có chữ'],
    ]);
    const res = await w.staff.secretary.upload('/api/admin/exclusions/import', file);
    expect(res.statusCode).toBe(422);
    const errors = res.json().details.errors as { row: number; message: string }[];
    expect(errors.map((e) => e.row)).toEqual([3, 4, 5, 6]);
    expect(errors[0].message).toContain('mất chữ số');
    expect(errors[2].message).toContain('dòng 2');
    expect((await w.staff.secretary.get('/api/admin/exclusions')).json()).toHaveLength(before);
    expect(await w.app.exclusions.isExcluded('066190007777')).toBe(false);
  });
});

describe('contestants import', () => {
  it('reads dd/mm/yyyy as day first, Excel dates as dates, numbers-as-phones, and refuses two-digit years', async () => {
    const plan = (
      await w.admin.post('/api/admin/shows', { title: 'Vòng chung kết', showId: 'import-ck' })
    ).json();
    expect(plan.showId).toBe('import-ck');
    const file = await xlsx([
      ['Số ghế', 'Họ và tên', 'Đơn vị', 'Ngày sinh', 'Số điện thoại'],
      [1, 'Nguyễn Thị Thu Hà', 'Sở Tư pháp', '05/03/1995', 905111222],
      [2, "H'Linh Niê", 'Đơn vị lạ', new Date(Date.UTC(1998, 10, 3)), '0912000111'],
    ]);
    const res = await w.staff.secretary.upload('/api/admin/shows/import-ck/contestants/import', file);
    expect(res.statusCode, res.body).toBe(200);
    expect(
      res.json().warnings.some((x: { row: number; column: string }) => x.row === 3 && x.column === 'Đơn vị'),
    ).toBe(true);
    const info = (await w.admin.get('/api/admin/shows/import-ck')).json();
    expect(info.contestants).toEqual([
      {
        seat: 1,
        name: 'Nguyễn Thị Thu Hà',
        unit: 'Sở Tư pháp',
        birthDate: '1995-03-05',
        phone: '0905111222',
      },
      { seat: 2, name: "H'Linh Niê", unit: 'Đơn vị lạ', birthDate: '1998-11-03', phone: '0912000111' },
    ]);

    const bad = await xlsx([
      ['Số ghế', 'Họ và tên', 'Ngày sinh'],
      [1, 'Thí sinh A', '05/03/95'],
      [1, 'Thí sinh B', '31/02/1990'],
    ]);
    const refused = await w.staff.secretary.upload('/api/admin/shows/import-ck/contestants/import', bad);
    expect(refused.statusCode).toBe(422);
    const errors = refused.json().details.errors as { row: number; message: string }[];
    expect(errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ row: 2, message: expect.stringContaining('2 chữ số') }),
        expect.objectContaining({ row: 3, message: expect.stringContaining('không phải ngày hợp lệ') }),
      ]),
    );
    expect((await w.admin.get('/api/admin/shows/import-ck')).json().contestants).toHaveLength(2);
  });
});
