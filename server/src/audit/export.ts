/**
 * The audit trail as files the organizers can keep and open: JSON Lines for machines, CSV for Excel.
 * Pure: records in, text out.
 */
import type { CommandRecord } from '../storage/port.ts';
import { vietnamDateTime } from '../workspace/results/vietnam-time.ts';

export const AUDIT_COLUMNS = ['at', 'version', 'actor', 'role', 'type', 'payload', 'outcome'] as const;
/** the CSV is for people in the hall: Vietnamese headers, Vietnam time, words instead of JSON */
export const AUDIT_CSV_COLUMNS = [
  'Thời điểm (giờ Việt Nam)',
  'Phiên bản',
  'Người thực hiện',
  'Vai trò',
  'Thao tác',
  'Chi tiết',
  'Kết quả',
  'Dữ liệu gốc (JSON)',
] as const;

/** names read from records are data: a Map, so `constructor` or `__proto__` is just an unknown word */
function words(table: Record<string, string>): ReadonlyMap<string, string> {
  return new Map(Object.entries(table));
}

const ROLE_VI = words({
  host: 'MC',
  judge: 'Ban Giám khảo',
  player: 'Thí sinh',
  screen: 'Màn hình lớn',
  audience: 'Khán giả',
  system: 'Hệ thống',
  admin: 'Quản trị',
});
const TYPE_VI = words({
  'show:start': 'Bắt đầu chương trình',
  'question:show': 'Hiện câu hỏi',
  'question:options': 'Hiện phương án',
  'question:open': 'Bắt đầu tính giờ',
  'question:lock': 'Khóa câu trả lời',
  'question:reveal': 'Công bố đáp án',
  'question:swap': 'Đổi câu dự phòng',
  'show:pause': 'Tạm dừng',
  'show:resume': 'Tiếp tục',
  'rescue:apply': 'Cứu trợ',
  'verdict:revise': 'Sửa kết quả',
  'show:finish': 'Kết thúc chương trình',
  'prizes:confirm': 'Xác nhận giải thưởng',
  'seat:update': 'Sửa thông tin ghế',
  'answer:submit': 'Trả lời',
  'system:lock': 'Tự khóa khi hết giờ',
  'system:recover': 'Khôi phục sau khởi động lại',
  'system:rehearsal-step': 'Câu hỏi thử tự chuyển bước',
  'preshow:rehearse': 'Câu hỏi thử (không tính điểm)',
  'seat:reset-pin': 'Cấp lại PIN',
  'session:login': 'Đăng nhập',
  'session:sign-in': 'Đăng nhập sai',
  'session:locked': 'Tạm khoá đăng nhập',
  'seat:takeover-request': 'Xin thay máy ở ghế',
  'seat:takeover-decide': 'MC quyết định thay máy',
});
const MODE_VI = words({
  main: 'câu chính',
  rescue: 'câu cứu trợ',
  golden: 'câu chuông vàng',
  tiebreak: 'câu phụ',
  rehearsal: 'câu hỏi thử',
});

/** how the hall names a round index: "Câu 4", "Câu hỏi cứu trợ" (internal indexes mean nothing to people) */
export type RoundLabel = (round: number) => string;

const OTHER_VI = words({
  rescue: 'Câu hỏi cứu trợ',
  golden: 'Câu hỏi chuông vàng',
  tiebreak: 'Câu hỏi phụ',
});

/** "Câu 4" for main rounds; "Câu hỏi cứu trợ (sau câu 2)" for the others */
export function roundLabelsOf(rounds: readonly { mode: string; number: number | null }[]): RoundLabel {
  return (index) => {
    // a rehearsal question has a negative index: it is no round of the show
    if (index < 0) return 'Câu hỏi thử (không tính điểm)';
    const r = rounds[index];
    if (!r) return `lượt ${index + 1}`;
    if (r.mode === 'main' && r.number !== null) return `Câu ${r.number}`;
    const lastMain = rounds
      .slice(0, index)
      .reduce((n, x) => (x.mode === 'main' && x.number !== null ? x.number : n), 0);
    return `${OTHER_VI.get(r.mode) ?? r.mode} (sau câu ${lastMain})`;
  };
}

/** a payload in words: "Câu 4 · ghế 3 · đúng · lý do: …" */
export function describePayload(payload: unknown, roundLabel: RoundLabel = (r) => `lượt ${r + 1}`): string {
  if (payload === null || payload === undefined || typeof payload !== 'object') return '';
  const parts: string[] = [];
  for (const [key, value] of Object.entries(payload as Record<string, unknown>)) {
    if (key === 'type' || key === 'version' || value === undefined) continue;
    if (key === 'round' && typeof value === 'number') parts.push(roundLabel(value));
    else if (key === 'seat') parts.push(`ghế ${String(value)}`);
    else if (key === 'seats' && Array.isArray(value)) parts.push(`ghế ${value.join(', ')}`);
    else if (key === 'correct' && typeof value === 'boolean') parts.push(value ? 'tính đúng' : 'tính sai');
    else if (key === 'reason') parts.push(`lý do: ${String(value)}`);
    else if (key === 'action' && (value === 'start' || value === 'cancel'))
      parts.push(value === 'start' ? 'bắt đầu' : 'hủy');
    else if (key === 'from' && typeof value === 'string') parts.push(`từ bước ${value}`);
    else if (key === 'value')
      parts.push(`trả lời: ${typeof value === 'string' ? value : JSON.stringify(value)}`);
    else if (key === 'mode') parts.push(MODE_VI.get(String(value)) ?? String(value));
    else if (key === 'hideOptions') {
      if (value === true) parts.push('ẩn phương án');
    } else if (key === 'lastSeenAt' && typeof value === 'number')
      parts.push(`dừng lúc ${vietnamDateTime(value)}`);
    else if (key === 'address') parts.push(`từ ${String(value)}`);
    else parts.push(`${key}: ${typeof value === 'string' ? value : JSON.stringify(value)}`);
  }
  return parts.join(' · ');
}

export interface AuditLine {
  /** ISO 8601, UTC */
  at: string;
  version: number | null;
  actor: string;
  role: string;
  type: string;
  payload: unknown;
  outcome: string;
}

export function auditLineOf(record: CommandRecord): AuditLine {
  return {
    at: isoTime(record.at),
    version: record.version,
    actor: record.actorId,
    role: record.role,
    type: record.type,
    payload: record.payload === undefined ? null : record.payload,
    outcome: record.outcome,
  };
}

/** one JSON object per line, each line ending in \n; '' for no records */
export function auditToJsonl(records: CommandRecord[]): string {
  return records.map((r) => JSON.stringify(auditLineOf(r)) + '\n').join('');
}

const BOM = '\uFEFF';
const CRLF = '\r\n';

/**
 * RFC 4180 CSV (CRLF line ends, fields quoted when they hold a quote, comma or line break), with a
 * header row and a UTF-8 BOM so Excel shows Vietnamese text correctly: Vietnamese headers, Vietnam
 * time, the operation and its details in words (rounds named as the hall knows them), the payload as
 * compact JSON in the last column. Cells a spreadsheet would run as a formula are prefixed with an apostrophe.
 */
export function auditToCsv(records: CommandRecord[], roundLabel?: RoundLabel): string {
  const rows = records.map((r) => {
    const line = auditLineOf(r);
    return [
      vietnamDateTime(r.at),
      line.version === null ? '' : String(line.version),
      line.actor,
      ROLE_VI.get(line.role) ?? line.role,
      TYPE_VI.get(line.type) ?? line.type,
      describePayload(line.payload, roundLabel),
      line.outcome === 'ok' ? 'Thành công' : `Bị từ chối: ${line.outcome}`,
      JSON.stringify(line.payload),
    ];
  });
  return (
    BOM + [[...AUDIT_CSV_COLUMNS], ...rows].map((cells) => cells.map(csvField).join(',') + CRLF).join('')
  );
}

export function csvField(value: string): string {
  const text = /^[=+@\t\r]|^-(?![\d.])/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function isoTime(ms: number): string {
  const date = new Date(ms);
  return Number.isFinite(date.getTime()) ? date.toISOString() : String(ms);
}
