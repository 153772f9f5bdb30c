/**
 * A show's records as spreadsheets: standings, unit standings, every seat's answer to every
 * question, the show's audit trail and its admin audit. Pure: state and logs in, sheets out.
 */
import type {
  AdminAuditEntry,
  AnswerKey,
  AnswerValue,
  PrizeAward,
  PrizeRank,
  Question,
  RoundMode,
} from '@cv/shared/protocol';
import { commonVi } from '@cv/shared/i18n/vi.ts';
import { formatAnswer, formatKey } from '@cv/shared/ui/format.ts';
import { standingsOf, unitStandingsOf, type ShowState } from '../../engine/index.ts';
import type { CommandRecord } from '../../storage/port.ts';
import type { SheetSpec } from '../sheets/write.ts';
import { vietnamDateTime } from './vietnam-time.ts';

export const PRIZE_VI: Record<PrizeRank, string> = {
  bell: 'Rung chuông vàng',
  first: 'Giải Nhất',
  second: 'Giải Nhì',
  third: 'Giải Ba',
  consolation: 'Giải Khuyến khích',
};
const MODE_VI: Record<RoundMode, string> = {
  main: 'Câu chính',
  rescue: 'Cứu trợ',
  golden: 'Chuông vàng',
  tiebreak: 'Câu phụ',
  // never in a record (a rehearsal is not one of the show's rounds); the map must name every mode
  rehearsal: 'Câu hỏi thử',
};

/** the prizes to print: confirmed ones, else the proposal (marked so) */
export function prizesOf(state: ShowState): { awards: PrizeAward[]; confirmed: boolean } {
  return { awards: state.prizes ?? [], confirmed: state.prizesConfirmed };
}

function prizeBySeat(state: ShowState): Map<number, string> {
  const out = new Map<number, string>();
  for (const award of state.prizes ?? [])
    for (const seat of award.seats)
      out.set(seat, [out.get(seat), PRIZE_VI[award.prize]].filter(Boolean).join(', '));
  return out;
}

export function standingsSheet(state: ShowState): SheetSpec {
  const prizes = prizeBySeat(state);
  return {
    name: 'Xếp hạng',
    columns: [
      { header: 'Hạng', width: 7 },
      { header: 'Đồng hạng', width: 10 },
      { header: 'Ghế', width: 7 },
      { header: 'Họ và tên', width: 28 },
      { header: 'Đơn vị', width: 32 },
      { header: 'Trạng thái', width: 18 },
      { header: 'Bị loại ở câu', width: 12 },
      { header: 'Số câu đúng', width: 12 },
      { header: 'Tổng thời gian trả lời (giây)', width: 16 },
      { header: state.prizesConfirmed ? 'Giải (đã xác nhận)' : 'Giải (đề xuất, chưa xác nhận)', width: 24 },
    ],
    rows: standingsOf(state).map((r) => [
      r.rank,
      r.tied ? 'Có' : '',
      r.seat,
      r.name,
      r.unit ?? '',
      r.bell ? 'Rung chuông vàng' : r.status === 'standing' ? 'Còn trên sàn' : 'Bị loại',
      r.eliminatedAt,
      r.correct,
      Math.round(r.totalAnswerMs / 100) / 10,
      prizes.get(r.seat) ?? '',
    ]),
  };
}

export function unitSheet(state: ShowState): SheetSpec {
  return {
    name: 'Xếp hạng đơn vị',
    columns: [
      { header: 'Hạng', width: 7 },
      { header: 'Đơn vị', width: 36 },
      { header: 'Số thí sinh', width: 11 },
      { header: 'Còn trên sàn', width: 12 },
      { header: 'Hạng cao nhất', width: 13 },
      { header: 'Số câu đúng', width: 12 },
    ],
    rows: unitStandingsOf(state).map((u) => [u.rank, u.unit, u.seats, u.standing, u.bestRank, u.correct]),
  };
}

/** the sheets speak Vietnamese: the common messages answer the formatting API's keys */
function vi(key: string, named?: Record<string, unknown>): string {
  let text: unknown = commonVi;
  for (const part of key.split('.')) text = (text as Record<string, unknown> | undefined)?.[part];
  return typeof text === 'string'
    ? text.replace(/\{(\w+)\}/g, (_, k: string) => String(named?.[k] ?? ''))
    : key;
}

export function answerText(question: Question, value: AnswerValue | undefined): string {
  return value === undefined ? '' : formatAnswer(value, question, vi, { withText: false });
}

const keyText = (question: Question, key: AnswerKey): string =>
  formatKey(key, question, vi, { withText: false });

/** one row per question asked × seat allowed to answer it, answered or not */
export function answersSheet(state: ShowState): SheetSpec {
  const questions = new Map(state.questions.map((q) => [q.id, q]));
  const seats = new Map(state.seats.map((s) => [s.seat, s]));
  const rows: SheetSpec['rows'] = [];
  for (const round of state.rounds) {
    const q = questions.get(round.questionId)!;
    for (const seat of round.eligibleSeats) {
      const answer = round.answers[seat];
      const verdict = round.verdicts?.[seat];
      const revised = round.revisions.filter((r) => r.seat === seat).at(-1);
      rows.push([
        round.index + 1,
        MODE_VI[round.mode],
        round.number,
        q.id,
        q.prompt,
        keyText(q, q.key),
        seat,
        seats.get(seat)?.name ?? '',
        answerText(q, answer?.value),
        verdict === undefined ? '' : verdict ? 'Đúng' : 'Sai',
        answer ? Math.round(answer.elapsedMs / 100) / 10 : null,
        round.voided ? 'Huỷ (thay câu dự phòng)' : '',
        revised ? `BGK sửa: ${revised.reason}` : '',
      ]);
    }
  }
  return {
    name: 'Câu trả lời',
    columns: [
      { header: 'Lượt', width: 6 },
      { header: 'Loại lượt', width: 12 },
      { header: 'Câu số', width: 7 },
      { header: 'Mã câu hỏi', width: 11 },
      { header: 'Nội dung câu hỏi', width: 50 },
      { header: 'Đáp án đúng', width: 16, text: true },
      { header: 'Ghế', width: 6 },
      { header: 'Họ và tên', width: 26 },
      { header: 'Trả lời', width: 16, text: true },
      { header: 'Kết quả', width: 9 },
      { header: 'Thời gian (giây)', width: 11 },
      { header: 'Ghi chú', width: 22 },
      { header: 'Phán quyết BGK', width: 30 },
    ],
    rows,
  };
}

export function commandAuditSheet(trail: readonly CommandRecord[]): SheetSpec {
  return {
    name: 'Nhật ký điều khiển',
    columns: [
      { header: 'Thời điểm (giờ Việt Nam)', width: 20 },
      { header: 'Phiên bản', width: 9 },
      { header: 'Người thực hiện', width: 16 },
      { header: 'Vai trò', width: 10 },
      { header: 'Thao tác', width: 18 },
      { header: 'Nội dung', width: 50, text: true },
      { header: 'Kết quả', width: 16 },
    ],
    rows: trail.map((c) => [
      vietnamDateTime(c.at),
      c.version,
      c.actorId,
      c.role,
      c.type,
      JSON.stringify(c.payload ?? null),
      c.outcome,
    ]),
  };
}

export function adminAuditSheet(entries: readonly AdminAuditEntry[], name = 'Nhật ký quản trị'): SheetSpec {
  return {
    name,
    columns: [
      { header: 'Phạm vi', width: 14 },
      { header: 'STT', width: 6 },
      { header: 'Thời điểm (giờ Việt Nam)', width: 20 },
      { header: 'Người thực hiện', width: 22 },
      { header: 'Qua', width: 10 },
      { header: 'Thao tác', width: 22 },
      { header: 'Đối tượng', width: 22 },
      { header: 'Trước', width: 40, text: true },
      { header: 'Sau', width: 40, text: true },
    ],
    rows: entries.map((e) => [
      e.scope,
      e.seq,
      vietnamDateTime(e.at),
      e.actorName,
      e.via,
      e.action,
      e.target,
      e.before === null ? '' : JSON.stringify(e.before),
      e.after === null ? '' : JSON.stringify(e.after),
    ]),
  };
}
