/**
 * runRehearsal: a complete show against a real server, through the shared client SDK, with a
 * durability check against the audit trail. The CLI (cli.ts) and the integration suite call this.
 */
import { httpRequestOrThrow } from '@cv/shared/client';
import type { PrizeAward, StandingRow } from '@cv/shared/protocol';
import { Fleet } from './bots.ts';
import { buildQuestions, buildSeats } from './questions.ts';
import { playShow, SPECIAL, type Check, type Recovery } from './script.ts';
import { startServerProcess, type ServerProcess } from '../support/server-process.ts';

export interface RehearsalOptions {
  /** contestant tablets (seats 1..N), ≥ 4 */
  seats?: number;
  /** main questions, ≥ 6 */
  questions?: number;
  /** SIGKILL the server while main question K is answered, then restart it (own server only) */
  killAt?: number | null;
  /** use a running server instead of starting one */
  url?: string;
  /** admin token of that server (a started server gets a random one) */
  adminToken?: string;
  seed?: string;
  /** progress lines (default: none) */
  log?: (msg: string) => void;
  /** ms between firing the in-flight answers and the SIGKILL */
  killDelayMs?: number;
  /** forward the server's output to log */
  serverOutput?: boolean;
}

export interface Percentiles {
  count: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

export interface RehearsalReport {
  ok: boolean;
  finished: boolean;
  error: string | null;
  url: string;
  showId: string | null;
  seats: number;
  questionsPlayed: number;
  roundsPlayed: number;
  voidedRounds: number;
  standings: Pick<
    StandingRow,
    'seat' | 'rank' | 'tied' | 'status' | 'bell' | 'eliminatedAt' | 'correct' | 'totalAnswerMs'
  >[];
  standingAtEnd: number;
  bellRung: boolean;
  bellSeats: number[];
  prizes: PrizeAward[] | null;
  ackedAnswers: number;
  lostAnswers: number;
  lostSample: { round: number; seat: number; value: unknown }[];
  auditEntries: number;
  auditAcceptedAnswers: number;
  killAt: number | null;
  killed: boolean;
  recovered: boolean;
  recovery: Recovery | null;
  latency: { fanOutMs: Percentiles; ackMs: Percentiles };
  refusals: Record<string, number>;
  specials: Record<string, unknown>;
  checks: { passed: number; failed: number; failures: Check[]; all: Check[] };
  timings: {
    totalMs: number;
    serverStartMs: number | null;
    connectMs: number;
    showMs: number;
    auditMs: number;
  };
}

export function percentiles(samples: number[]): Percentiles {
  if (samples.length === 0) return { count: 0, p50: 0, p95: 0, p99: 0, max: 0 };
  const s = samples.slice().sort((a, b) => a - b);
  const at = (p: number) => s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
  const r = (x: number) => Math.round(x * 10) / 10;
  return { count: s.length, p50: r(at(50)), p95: r(at(95)), p99: r(at(99)), max: r(s[s.length - 1]) };
}

interface AuditLine {
  type: string;
  outcome: string;
  payload: { seat?: number; round?: number; value?: unknown; reason?: string } | null;
}

export async function runRehearsal(options: RehearsalOptions = {}): Promise<RehearsalReport> {
  const t0 = performance.now();
  const seats = options.seats ?? 100;
  const mainCount = options.questions ?? 12;
  const killAt = options.killAt ?? null;
  const seed = options.seed ?? 'tong-duyet';
  const log = options.log ?? (() => {});
  if (!Number.isInteger(seats) || seats < 4 || seats > 500)
    throw new Error('--seats must be an integer 4..500');
  if (!Number.isInteger(mainCount) || mainCount < 6 || mainCount > 200)
    throw new Error('--questions must be an integer 6..200');
  if (killAt !== null && (!Number.isInteger(killAt) || killAt < 1 || killAt > mainCount))
    throw new Error(`--kill-at must be a main question number 1..${mainCount}`);
  if (killAt !== null && options.url)
    throw new Error('--kill-at needs a server the rehearsal starts itself (not --url)');
  if (options.url && !options.adminToken) throw new Error('--url needs --admin-token');

  const adminToken =
    options.adminToken ?? `rehearse-${Math.random().toString(36).slice(2)}${Date.now().toString(36)}`;
  let server: ServerProcess | null = null;
  let fleet: Fleet | null = null;
  let url = options.url?.replace(/\/+$/, '') ?? '';
  let showId: string | null = null;
  let serverStartMs: number | null = null;
  let connectMs = 0;
  let showMs = 0;
  let auditMs = 0;
  let error: string | null = null;
  let result: Awaited<ReturnType<typeof playShow>> | null = null;
  let audit: AuditLine[] = [];

  try {
    if (!options.url) {
      log('starting the server…');
      server = await startServerProcess({
        adminToken,
        onLine: options.serverOutput ? (l) => log(`[server] ${l}`) : undefined,
      });
      url = server.url;
      serverStartMs = Math.round(server.lastStartMs);
      log(`server at ${url} (data ${server.dataDir}), up in ${serverStartMs} ms`);
    }

    const questions = buildQuestions({ mainCount, seed, deadlineAt: SPECIAL.deadlineAt, shortLimitSec: 3 });
    const creds = await httpRequestOrThrow('POST /api/shows', {
      base: url,
      token: adminToken,
      body: {
        title: `Tổng duyệt Rung chuông vàng — ${seats} thí sinh, ${mainCount} câu`,
        seats: buildSeats(seats),
        questions,
        rules: {
          lateGraceMs: 300,
          allWrongRule: 'nobody-eliminated',
          // the golden-bell question is offered once the main questions are done
          goldenBell: { atQuestionNumber: mainCount + 1 },
        },
      },
    });
    showId = creds.showId;

    const tc = performance.now();
    fleet = new Fleet({ url, creds, seats });
    await fleet.connect();
    connectMs = Math.round(performance.now() - tc);
    log(`${seats} tablets, MC, judge and big screen connected in ${connectMs} ms`);

    const ts = performance.now();
    const srv = server;
    result = await playShow({
      fleet,
      seats,
      mainCount,
      seed,
      questions,
      killAt,
      killDelayMs: options.killDelayMs,
      crash: srv ? { kill: () => srv.kill9(), restart: () => srv.restart() } : null,
      log,
    });
    showMs = Math.round(performance.now() - ts);
    log(`show played in ${showMs} ms`);
  } catch (err) {
    error = err instanceof Error ? err.message : String(err);
    log(`ERROR: ${error}`);
    if (server) log(`server output tail:\n${server.tail()}`);
  }

  // durability: every acked answer must be in the server's audit trail as accepted
  const acked = fleet?.acked ?? [];
  let lost = acked.slice();
  if (showId) {
    const ta = performance.now();
    try {
      const res = await fetch(`${url}/api/shows/${encodeURIComponent(showId)}/audit?format=jsonl`, {
        headers: { authorization: `Bearer ${adminToken}` },
      });
      if (!res.ok) throw new Error(`audit: ${res.status} ${await res.text()}`);
      audit = (await res.text())
        .split('\n')
        .filter((l) => l.trim())
        .map((l) => JSON.parse(l) as AuditLine);
      const accepted = new Set(
        audit
          .filter((a) => a.type === 'answer:submit' && a.outcome === 'ok' && a.payload)
          .map((a) => `${a.payload!.round}:${a.payload!.seat}:${JSON.stringify(a.payload!.value)}`),
      );
      lost = acked.filter((a) => !accepted.has(`${a.round}:${a.seat}:${JSON.stringify(a.value)}`));
    } catch (err) {
      error ??= err instanceof Error ? err.message : String(err);
    }
    auditMs = Math.round(performance.now() - ta);
  }

  const checks = result?.checks ?? [];
  if (audit.length > 0 && result?.specials.revisedSeat != null) {
    const seat = result.specials.revisedSeat;
    const entry = audit.find(
      (a) => a.type === 'verdict:revise' && a.outcome === 'ok' && a.payload?.seat === seat,
    );
    checks.push({
      name: 'audit: the judge revision is in the trail with its reason',
      ok: !!entry?.payload?.reason,
    });
  }
  const failures = checks.filter((c) => !c.ok);

  fleet?.close();
  await server?.dispose();

  const view = result?.finalView ?? null;
  const hostView = result?.finalHostView ?? null;
  const standings = (view?.standings ?? hostView?.standings ?? []).map((s) => ({
    seat: s.seat,
    rank: s.rank,
    tied: s.tied,
    status: s.status,
    bell: s.bell,
    eliminatedAt: s.eliminatedAt,
    correct: s.correct,
    totalAnswerMs: s.totalAnswerMs,
  }));
  const recovered = !!result && result.recovery.killed && result.recovery.cameBack && result.finished;
  const finished = !!result?.finished && error === null;
  return {
    ok: finished && lost.length === 0 && failures.length === 0 && (killAt === null || recovered),
    finished,
    error,
    url,
    showId,
    seats,
    questionsPlayed: hostView?.mainQuestionsPlayed ?? 0,
    roundsPlayed: hostView?.rounds.length ?? 0,
    voidedRounds: hostView?.rounds.filter((r) => r.voided).length ?? 0,
    standings,
    standingAtEnd: hostView?.standingCount ?? 0,
    bellRung: (hostView?.bellSeats.length ?? 0) > 0,
    bellSeats: hostView?.bellSeats ?? [],
    prizes: result?.prizes ?? null,
    ackedAnswers: acked.length,
    lostAnswers: lost.length,
    lostSample: lost.slice(0, 10).map((a) => ({ round: a.round, seat: a.seat, value: a.value })),
    auditEntries: audit.length,
    auditAcceptedAnswers: audit.filter((a) => a.type === 'answer:submit' && a.outcome === 'ok').length,
    killAt,
    killed: result?.recovery.killed ?? false,
    recovered,
    recovery: killAt === null ? null : (result?.recovery ?? null),
    latency: { fanOutMs: percentiles(fleet?.fanOutMs ?? []), ackMs: percentiles(fleet?.ackMs ?? []) },
    refusals: { ...(fleet?.refused ?? {}) },
    specials: result?.specials ?? {},
    checks: { passed: checks.length - failures.length, failed: failures.length, failures, all: checks },
    timings: { totalMs: Math.round(performance.now() - t0), serverStartMs, connectMs, showMs, auditMs },
  };
}
