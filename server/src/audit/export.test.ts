import { describe, expect, it } from 'vitest';
import type { CommandRecord } from '../storage/port.ts';
import { auditToCsv, auditToJsonl, csvField, describePayload, roundLabelsOf } from './export.ts';

const AT = Date.UTC(2023, 10, 9, 8, 30, 15, 250);

const records: CommandRecord[] = [
  {
    showId: 's',
    version: 1,
    engineVersion: 2,
    at: AT,
    actorId: 'host',
    role: 'host',
    type: 'round:show',
    payload: { questionId: 'q1', prompt: 'Đề án 06, "Chuyển đổi số"\nvì lợi ích cộng đồng' },
    outcome: 'ok',
  },
  {
    showId: 's',
    version: null,
    engineVersion: 2,
    at: AT + 1500,
    actorId: 'seat:12',
    role: 'player',
    type: 'answer:submit',
    payload: { value: 'Hà Nội, Việt Nam' },
    outcome: 'ANSWER_LATE',
  },
  {
    showId: 's',
    version: 2,
    engineVersion: 2,
    at: AT + 2000,
    actorId: 'judge',
    role: 'judge',
    type: 'verdict:revise',
    payload: { seat: 12, correct: true, reason: 'Thí sinh ghi "VNeID" — chấp nhận' },
    outcome: 'ok',
  },
];

/** a strict RFC 4180 reader, to check what a spreadsheet would see */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += c;
  }
  expect(field).toBe('');
  expect(row).toEqual([]);
  return rows;
}

describe('auditToJsonl', () => {
  it('writes one JSON object per line with ISO times and the audit fields', () => {
    const text = auditToJsonl(records);
    const lines = text.split('\n');
    expect(lines).toHaveLength(4);
    expect(lines[3]).toBe('');
    expect(JSON.parse(lines[0])).toEqual({
      at: '2023-11-09T08:30:15.250Z',
      version: 1,
      actor: 'host',
      role: 'host',
      type: 'round:show',
      payload: { questionId: 'q1', prompt: 'Đề án 06, "Chuyển đổi số"\nvì lợi ích cộng đồng' },
      outcome: 'ok',
    });
    expect(JSON.parse(lines[1])).toMatchObject({ version: null, actor: 'seat:12', outcome: 'ANSWER_LATE' });
    expect(lines[0]).not.toContain('\n');
  });

  it('is empty for no records', () => {
    expect(auditToJsonl([])).toBe('');
  });
});

describe('auditToCsv', () => {
  const HEADER =
    'Thời điểm (giờ Việt Nam),Phiên bản,Người thực hiện,Vai trò,Thao tác,Chi tiết,Kết quả,Dữ liệu gốc (JSON)';

  it('starts with a UTF-8 BOM and a Vietnamese header row, ends every row with CRLF', () => {
    const csv = auditToCsv(records);
    expect(csv.startsWith(`\uFEFF${HEADER}\r\n`)).toBe(true);
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(Buffer.from(csv, 'utf8').subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(auditToCsv([])).toBe(`\uFEFF${HEADER}\r\n`);
  });

  it('reads as the hall speaks: Vietnam time, words for roles, operations, details and outcomes', () => {
    const rows = parseCsv(auditToCsv(records).slice(1));
    expect(rows).toHaveLength(4);
    expect(rows.every((r) => r.length === 8)).toBe(true);
    // 08:30 UTC is 15:30 in the hall
    expect(rows[1].slice(0, 4)).toEqual(['09/11/2023 15:30:15', '1', 'host', 'MC']);
    expect(rows[2][1]).toBe('');
    expect(rows[2][3]).toBe('Thí sinh');
    expect(rows[2][4]).toBe('Trả lời');
    expect(rows[2][5]).toBe('trả lời: Hà Nội, Việt Nam');
    expect(rows[2][6]).toBe('Bị từ chối: ANSWER_LATE');
    expect(rows[3][4]).toBe('Sửa kết quả');
    expect(rows[3][5]).toBe('ghế 12 · tính đúng · lý do: Thí sinh ghi "VNeID" — chấp nhận');
    expect(rows[3][6]).toBe('Thành công');
    // the payload itself stays, last, for whoever needs it exactly
    expect(JSON.parse(rows[1][7])).toEqual(records[0].payload);
  });

  it('a name from a record is data: constructor and __proto__ stay words', () => {
    const odd = { ...records[0], type: 'constructor', role: '__proto__', payload: { mode: 'toString' } };
    const rows = parseCsv(auditToCsv([odd]).slice(1));
    expect(rows[1].slice(3, 6)).toEqual(['__proto__', 'constructor', 'toString']);
  });

  it('names rounds as the hall knows them, never by internal index', () => {
    const rounds = [
      { mode: 'main', number: 1 },
      { mode: 'rescue', number: null },
      { mode: 'main', number: 2 },
      { mode: 'main', number: 3 },
      { mode: 'main', number: 4 },
      { mode: 'main', number: 5 },
    ];
    const revise = {
      ...records[2],
      payload: {
        type: 'verdict:revise',
        round: 5,
        seat: 3,
        correct: false,
        reason: 'sai chính tả',
        version: 9,
      },
    };
    const rows = parseCsv(auditToCsv([revise], roundLabelsOf(rounds)).slice(1));
    expect(rows[1][5]).toBe('Câu 5 · ghế 3 · tính sai · lý do: sai chính tả');
    expect(roundLabelsOf(rounds)(1)).toBe('Câu hỏi cứu trợ (sau câu 1)');
    expect(describePayload({ seat: 4, address: '10.0.0.9' })).toBe('ghế 4 · từ 10.0.0.9');
  });

  it('quotes only fields that need it, doubling inner quotes', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('Đắk Lắk')).toBe('Đắk Lắk');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('line\nbreak')).toBe('"line\nbreak"');
    expect(csvField('cr\rlf')).toBe('"cr\rlf"');
  });

  it('defuses cells a spreadsheet would run as formulas, but not negative numbers', () => {
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvField('+1')).toBe("'+1");
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvField('-cmd')).toBe("'-cmd");
    expect(csvField('-5')).toBe('-5');
    expect(csvField('-0.5')).toBe('-0.5');
  });

  it('writes an undefined payload as null', () => {
    const rows = parseCsv(auditToCsv([{ ...records[0], payload: undefined }]).slice(1));
    expect(rows[1][7]).toBe('null');
  });
});
