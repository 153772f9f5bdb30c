/**
 * XLSX exports for the BTC (exceljs, streamed: a 500,000-row ranking is written page by page, never
 * held whole in memory) and the raw attempts export (JSON lines) for audits and independent checks.
 */
import { PassThrough, type Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { OnlineService } from '../service/index.ts';
import { PRIZE_VI } from '../rules/prizes.ts';
import { vnLocalString } from '../rules/time.ts';

const PAGE = 1000;

const seconds = (ms: number) => Math.round(ms / 10) / 100;

/** the full ranking (every candidate, with CCCD and phone for the BTC), one page of the store at a time */
export function rankingWorkbook(online: OnlineService, roundId: string, title: string): Readable {
  const out = new PassThrough();
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true });
  void (async () => {
    const sheet = book.addWorksheet('Xếp hạng');
    sheet.columns = [
      { header: 'Hạng', key: 'rank', width: 7 },
      { header: 'Đồng hạng', key: 'tied', width: 10 },
      { header: 'Họ và tên', key: 'name', width: 28 },
      { header: 'Số CCCD', key: 'id', width: 15 },
      { header: 'Số điện thoại', key: 'phone', width: 14 },
      { header: 'Đơn vị', key: 'unit', width: 30 },
      { header: 'Số câu đúng', key: 'correct', width: 11 },
      { header: 'Dự đoán', key: 'prediction', width: 11 },
      { header: 'Chênh lệch dự đoán', key: 'distance', width: 12 },
      { header: 'Thời gian làm bài (giây)', key: 'duration', width: 14 },
      { header: 'Nộp bài lúc (giờ VN)', key: 'submitted', width: 18 },
      { header: 'Giải đề xuất', key: 'prize', width: 18 },
    ];
    sheet.getRow(1).font = { bold: true };
    sheet.getRow(1).commit();
    for (let offset = 0; ; offset += PAGE) {
      const page = await online.results.rankingPage(roundId, offset, PAGE);
      if (!page.ok || page.data.rows.length === 0) break;
      for (const r of page.data.rows) {
        sheet
          .addRow({
            rank: r.rank,
            tied: r.tied ? 'x' : '',
            name: r.fullName,
            // text cells: a CCCD or phone must keep its leading zero
            id: r.idNumber,
            phone: r.phone,
            unit: r.unitName ?? '',
            correct: r.correct,
            prediction: r.prediction ?? '',
            distance: r.distance ?? '',
            duration: seconds(r.durationMs),
            submitted: vnLocalString(r.submittedAt).replace('T', ' '),
            prize: r.prize ? PRIZE_VI[r.prize] : '',
          })
          .commit();
      }
      if (page.data.rows.length < PAGE) break;
    }
    sheet.commit();
    book.creator = `Chuông Vàng — ${title}`;
    await book.commit();
  })().catch((error: unknown) => out.destroy(error as Error));
  return out;
}

/** the collective ranking */
export async function unitsWorkbook(online: OnlineService, roundId: string): Promise<Buffer | null> {
  const round = await online.ctx.store.getRound(roundId);
  if (!round) return null;
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('Tập thể');
  sheet.columns = [
    { header: 'Hạng', key: 'rank', width: 7 },
    { header: 'Khối / cụm', key: 'group', width: 28 },
    { header: 'Đơn vị', key: 'unit', width: 32 },
    { header: 'Số người dự thi', key: 'participants', width: 14 },
    { header: 'Số người theo danh sách', key: 'headcount', width: 14 },
    { header: 'Tỷ lệ tham gia (%)', key: 'rate', width: 14 },
    { header: 'Điểm trung bình', key: 'average', width: 14 },
    { header: 'Giải đề xuất', key: 'prize', width: 20 },
  ];
  sheet.getRow(1).font = { bold: true };
  if (round.results.computationId) {
    for (const c of round.results.collective)
      sheet.addRow({
        rank: c.rank,
        group: c.groupName,
        unit: c.unitName,
        participants: c.participants,
        headcount: c.headcount ?? '',
        rate: c.rate === null ? '' : Math.round(c.rate * 10_000) / 100,
        average: c.average === null ? '' : Math.round(c.average * 100) / 100,
        prize: c.prize ? `${PRIZE_VI[c.prize]} tập thể` : '',
      });
  } else {
    // still open: the live participation per unit, not yet ranked
    const live = await online.results.dashboard(roundId);
    for (const u of live.ok ? live.data.units : [])
      sheet.addRow({
        group: u.groupName,
        unit: u.unitName,
        participants: u.participants,
        headcount: u.headcount ?? '',
        rate: u.headcount ? Math.round((u.participants / u.headcount) * 10_000) / 100 : '',
      });
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}

/** every attempt of the round as JSON lines: draw (with option orders), answers, times, score */
export function attemptsJsonl(online: OnlineService, roundId: string): Readable {
  const out = new PassThrough();
  void (async () => {
    for await (const chunk of online.ctx.store.roundAttempts(roundId)) {
      const text = chunk.map((a) => JSON.stringify(a)).join('\n') + '\n';
      if (!out.write(text)) await new Promise((r) => out.once('drain', r));
    }
    out.end();
  })().catch((error: unknown) => out.destroy(error as Error));
  return out;
}
