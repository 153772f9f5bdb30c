/**
 * Tổng duyệt (rehearsal) from the command line:
 *   npm run rehearse -- --seats 100 --questions 12 [--kill-at 5] [--json]
 *   npm run rehearse -- --url http://127.0.0.1:3000 --admin-token … --seats 20
 * Exit code: 0 when the show finished, no acked answer was lost and every check passed.
 */
import { parseArgs } from 'node:util';
import { runRehearsal, type Percentiles, type RehearsalReport } from './rehearse.ts';

const HELP = `Tổng duyệt Rung chuông vàng — headless rehearsal / system test

  npm run rehearse -- [options]

  --seats N          contestant tablets (bots), default 100 (4..500)
  --questions N      main questions, default 12 (≥ 6)
  --kill-at K        SIGKILL the server while question K is answered, restart it, carry on
  --url URL          use a running server instead of starting one (needs --admin-token)
  --admin-token T    admin token of that server
  --seed S           seed of the bots' plan (default "tong-duyet")
  --json             print one JSON object instead of the summary
  --verbose          progress lines on stderr
  --server-output    forward the server's output (with --verbose)
  -h, --help         this text
`;

function intArg(name: string, raw: string | undefined, fallback: number | null): number | null {
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n)) {
    console.error(`--${name} must be an integer, got "${raw}"`);
    process.exit(2);
  }
  return n;
}

const { values } = parseArgs({
  options: {
    seats: { type: 'string' },
    questions: { type: 'string' },
    'kill-at': { type: 'string' },
    url: { type: 'string' },
    'admin-token': { type: 'string' },
    seed: { type: 'string' },
    json: { type: 'boolean', default: false },
    verbose: { type: 'boolean', default: false },
    'server-output': { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
  strict: true,
});

if (values.help) {
  console.log(HELP);
  process.exit(0);
}

const started = Date.now();
const log = values.verbose
  ? (msg: string) => console.error(`[${((Date.now() - started) / 1000).toFixed(1)}s] ${msg}`)
  : undefined;

let report: RehearsalReport;
try {
  report = await runRehearsal({
    seats: intArg('seats', values.seats, 100)!,
    questions: intArg('questions', values.questions, 12)!,
    killAt: intArg('kill-at', values['kill-at'], null),
    url: values.url,
    adminToken: values['admin-token'],
    seed: values.seed,
    log,
    serverOutput: values['server-output'],
  });
} catch (err) {
  console.error(err instanceof Error ? err.message : err);
  process.exit(2);
}

if (values.json) {
  console.log(JSON.stringify(report, null, 2));
} else {
  console.log(summary(report));
}
process.exit(report.finished && report.lostAnswers === 0 && report.ok ? 0 : 1);

function pct(p: Percentiles): string {
  return `p50 ${p.p50} · p95 ${p.p95} · p99 ${p.p99} · max ${p.max} ms (n=${p.count})`;
}

function summary(r: RehearsalReport): string {
  const yes = (b: boolean) => (b ? 'có / yes' : 'không / no');
  const lines = [
    `Tổng duyệt Rung chuông vàng / Golden Bell rehearsal — ${r.ok ? 'ĐẠT / PASSED' : 'KHÔNG ĐẠT / FAILED'}`,
    `  Máy chủ / server:            ${r.url}  (show ${r.showId ?? '-'})`,
    `  Thí sinh / seats:            ${r.seats}`,
    `  Câu đã chơi / questions:     ${r.questionsPlayed} chính / main, ${r.roundsPlayed} lượt / rounds (${r.voidedRounds} bị thay / swapped)`,
    `  Còn lại cuối / standing:     ${r.standingAtEnd}`,
    `  Rung chuông vàng / bell:     ${r.bellRung ? `ghế / seat ${r.bellSeats.join(', ')}` : 'không / no'}`,
    `  Kết thúc / finished:         ${yes(r.finished)}`,
    `  Câu trả lời đã xác nhận / acked answers: ${r.ackedAnswers}; bị mất / lost: ${r.lostAnswers}`,
  ];
  if (r.killAt !== null) {
    const rc = r.recovery;
    lines.push(
      `  Sập máy chủ ở câu / kill at: ${r.killAt}; phục hồi / recovered: ${yes(r.recovered)}` +
        (rc
          ? ` (restart ${rc.restartMs} ms, all devices back ${rc.reconnectMs} ms, ${rc.firedAtKill} answers in flight, ${rc.ackedInFlight} acked, ${rc.retriedAfterRestart} re-sent)`
          : ''),
    );
  }
  lines.push(
    `  Độ trễ phát / fan-out:       ${pct(r.latency.fanOutMs)}`,
    `  Độ trễ xác nhận / ack:       ${pct(r.latency.ackMs)}`,
    `  Thời gian / wall time:       ${(r.timings.totalMs / 1000).toFixed(1)} s (show ${(r.timings.showMs / 1000).toFixed(1)} s)`,
    `  Kiểm tra / checks:           ${r.checks.passed} đạt / passed, ${r.checks.failed} lỗi / failed`,
  );
  for (const f of r.checks.failures) lines.push(`    ✗ ${f.name}${f.detail ? ` — ${f.detail}` : ''}`);
  if (r.error) lines.push(`  Lỗi / error: ${r.error}`);
  if (r.prizes) {
    const names: Record<string, string> = {
      bell: 'Chuông vàng',
      first: 'Nhất',
      second: 'Nhì',
      third: 'Ba',
      consolation: 'Khuyến khích',
    };
    lines.push(
      `  Giải / prizes:               ${r.prizes.map((p) => `${names[p.prize] ?? p.prize}: ${p.seats.join(', ')}`).join(' · ')}`,
    );
  }
  const top = r.standings
    .slice(0, 5)
    .map((s) => `#${s.rank}${s.tied ? '=' : ''} ghế ${s.seat}${s.bell ? ' 🔔' : ''}`);
  if (top.length) lines.push(`  Xếp hạng / top 5:            ${top.join(' · ')}`);
  return lines.join('\n');
}
