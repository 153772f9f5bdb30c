/** The embeddable widget for the province portal: plain HTML, no script, Vietnamese. */
import type { PublicResults, RoundPublic } from '@cv/shared/protocol/online.ts';
import { PRIZE_VI } from '../rules/prizes.ts';

const escape = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const local = (s: string) => {
  const [date, time] = s.split('T');
  const [y, m, d] = date.split('-');
  return `${time} ngày ${d}/${m}/${y}`;
};

export function widgetHtml(round: RoundPublic, results: PublicResults | null): string {
  const count = round.participants.toLocaleString('vi-VN');
  let body: string;
  if (results) {
    const winners = results.winners
      .map(
        (w) =>
          `<li><b>${escape(PRIZE_VI[w.prize])}</b>: ${escape(w.fullName)}${w.unitName ? ` — ${escape(w.unitName)}` : ''}</li>`,
      )
      .join('');
    const units = results.collective
      .filter((c) => c.prize)
      .map((c) => `<li><b>${escape(PRIZE_VI[c.prize!])} tập thể</b>: ${escape(c.unitName)}</li>`)
      .join('');
    body = `<p>${results.stats.participants.toLocaleString('vi-VN')} người tham gia.</p><ol>${winners}${units}</ol>`;
  } else {
    const when =
      round.phase === 'upcoming'
        ? `Bắt đầu lúc ${local(round.opensAtLocal)}`
        : round.phase === 'open'
          ? `Đang diễn ra, kết thúc lúc ${local(round.closesAtLocal)}`
          : 'Đã kết thúc, đang tổng hợp kết quả';
    body = `<p>${escape(when)} (giờ Việt Nam).</p><p><b>${count}</b> người đã tham gia.</p>`;
  }
  return `<!doctype html><html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta http-equiv="refresh" content="300"><title>${escape(round.title)}</title><style>body{font:16px/1.5 system-ui,sans-serif;margin:0;padding:12px;color:#1a1a2e;background:#fff}h1{font-size:18px;margin:0 0 8px;color:#7a4a00}ol{padding-left:20px;margin:8px 0}a{color:#0b4f9c}</style></head><body><h1>${escape(round.title)}</h1>${body}<p><a href="/thi/r/${encodeURIComponent(round.roundId)}" target="_top">Xem chi tiết và tham gia</a></p></body></html>`;
}
