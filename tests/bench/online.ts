/**
 * The online rounds' workload for `npm run bench -- --online`: HTTP load with autocannon against the
 * real server (child process, durable SQLite or Redis) and, in the same run, a bare Fastify server
 * doing the same JSON work (online-baseline-server.ts). After an uncounted warm-up of each, runs
 * alternate app / bare / bare / app so machine noise hits both, and the means are compared. Measures:
 *   - autosave throughput (every autosave is committed before its 200; checked afterwards by
 *     SIGKILLing the server and counting the saved revisions in its SQLite file);
 *   - submit and results latency p99 at 1,000 requests/s: Poisson arrivals, open loop (paced.ts —
 *     autocannon's fixed rate is a once-a-second burst);
 *   - ranking 1,000,000 attempts (the pure function), beside a native sort of 1,000,000 numbers.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import Database from 'better-sqlite3';
import { kindSpec } from '@cv/shared/protocol';
import type { AttemptView, PowChallenge, RoundAdmin, SessionGrant } from '@cv/shared/protocol/online.ts';
import { rankCandidates, type FinishedAttempt } from '@cv/server/online/rules/ranking.ts';
import { solvePow } from '@cv/server/online/service/pow.ts';
import { seededRng } from '@cv/server/runtime/rng.ts';
import { contestFixture, inPool, person, roundBody } from '../support/online.ts';
import { startServerProcess, type ServerProcess } from '../support/server-process.ts';
import { seedHistory } from './online-history.ts';
import { StallWitness, type StallSummary } from './stall-witness.ts';
import { paced, type PacedRequest } from './paced.ts';
import { cpuMsOf, log, startServer, threadCpuDelta, threadCpuOf, type ServerHandle } from './procs.ts';
import { ratio, round } from './stats.ts';

export interface OnlineBenchOptions {
  store: 'sqlite' | 'redis';
  quick: boolean;
  /** write V8 CPU profiles of the app server there (graceful stop: no SIGKILL durability check) */
  profileDir?: string;
}

export interface OnlineBench {
  store: string;
  /** submitted attempts of earlier rounds in the store before the measured round opens (20 answers each) */
  historyAttempts: number;
  connections: number;
  autosaveSeconds: number;
  autosaveRps: number;
  baselineRps: number;
  autosaveRatio: number;
  autosaveErrors: number;
  autosaveDurable: { acked: number; stored: number; ok: boolean } | null;
  autosaveP99Ms: number;
  baselineAutosaveP99Ms: number;
  /** the same autosaves from a crowd: many candidates' requests in flight at once, as on a deadline day */
  crowd: {
    connections: number;
    autosaveRps: number;
    baselineRps: number;
    autosaveRatio: number;
    autosaveErrors: number;
    autosaveP99Ms: number;
    baselineAutosaveP99Ms: number;
  };
  rateRps: number;
  submitP99Ms: number;
  submitP50Ms: number;
  baselineSubmitP99Ms: number;
  baselineSubmitP50Ms: number;
  submitErrors: number;
  resultsP99Ms: number;
  resultsP50Ms: number;
  baselineResultsP99Ms: number;
  baselineResultsP50Ms: number;
  resultsErrors: number;
  /** what a thread of the bench that does nothing saw during each latency run (stall-witness.ts):
   *  a p99 over budget beside a stall as long is the machine's, not the server's path */
  machineStalls: Record<'submit' | 'results', Record<'app' | 'bare', StallSummary>>;
  /** server CPU (user + system, all threads) per answered request, µs: app and bare of each workload;
   *  steadier than wall-clock figures on a shared machine. null where /proc is missing */
  cpuUsPerRequest: Record<
    'autosave' | 'submit' | 'results',
    { app: number; bare: number; ratio: number }
  > | null;
  rankingMsPer1M: number;
  rankingRuns: number[];
  nativeSort1MMs: number;
  rankingRatioToNativeSort: number;
}

interface Prepared {
  token: string;
  attemptId: string;
  /** a valid value for each question of the attempt */
  values: unknown[];
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.floor((s.length - 1) / 2)] : Number.NaN;
};

async function json<T>(url: string, init: RequestInit = {}): Promise<{ status: number; body: T }> {
  const res = await fetch(url, init);
  return { status: res.status, body: (await res.json().catch(() => null)) as T };
}

const pool = inPool;

/** any answer that fits the question, from the kind table */
const valueFor = (q: AttemptView['questions'][number]) =>
  kindSpec(q.kind).examples.any(q.options?.length ?? 0);

/** one autocannon run; `next` builds each request (path, body, token) */
function cannon(opts: {
  url: string;
  method: 'GET' | 'PUT' | 'POST';
  seconds?: number;
  amount?: number;
  rate?: number;
  connections: number;
  next: () => { path: string; body?: string; token?: string };
}): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    autocannon(
      {
        url: opts.url,
        connections: opts.connections,
        ...(opts.amount ? { amount: opts.amount } : { duration: opts.seconds ?? 5 }),
        ...(opts.rate ? { overallRate: opts.rate } : {}),
        timeout: 20,
        requests: [
          {
            method: opts.method,
            setupRequest: (req) => {
              const r = opts.next();
              return {
                ...req,
                path: r.path,
                method: opts.method,
                headers: {
                  ...(r.body ? { 'content-type': 'application/json' } : {}),
                  ...(r.token ? { authorization: `Bearer ${r.token}` } : {}),
                },
                ...(r.body ? { body: r.body } : {}),
              };
            },
          },
        ],
      },
      (error, result) => (error ? reject(error) : resolve(result)),
    );
  });
}

const ok2xx = (r: autocannon.Result) => r['2xx'];
/** latency in ms with one decimal */
const ms = (value: number) => Math.round(value * 10) / 10;
const errorsOf = (r: autocannon.Result) => r.non2xx + r.errors + r.timeouts;

export async function runOnlineBench(options: OnlineBenchOptions): Promise<OnlineBench> {
  const adminToken = randomBytes(12).toString('hex');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cv-bench-online-'));
  const fixtureFile = path.join(dir, 'contest.json');
  fs.writeFileSync(fixtureFile, JSON.stringify(contestFixture(12)));
  const autosavers = options.quick ? 200 : 600;
  const rate = 1000;
  const rateSeconds = options.quick ? 2 : 4;
  // the measured submits, the uncounted warm-up's and spares
  const latencyWarmup = 500;
  const submitters = rate * rateSeconds + latencyWarmup + 200;
  const connections = 32;
  // a deadline-day crowd keeps far more saves in flight; a group commit's batches can hold no more
  // saves than are in flight, so the few connections above are the harder case for the app
  const crowdConnections = 256;
  const autosaveSeconds = options.quick ? 3 : 8;
  const redisPrefix = `cvbench-online:${process.pid}:${randomBytes(4).toString('hex')}`;

  const dataDir = path.join(dir, 'data');
  // the earlier rounds a deadline day finds in the store (the SQLite file; Redis starts empty)
  const historyAttempts = options.store === 'sqlite' ? (options.quick ? 40_000 : 400_000) : 0;

  let historySaves = 0;
  let app: ServerProcess | null = null;
  let bare: ServerHandle | null = null;
  try {
    if (historyAttempts > 0) {
      const seeded = performance.now();
      historySaves = await seedHistory(dataDir, historyAttempts, Date.now());
      log(
        `online: store holds ${historyAttempts} earlier attempts (${Math.round(performance.now() - seeded)} ms to write)`,
      );
    }
    app = await startServerProcess({
      adminToken,
      dataDir,
      nodeArgs: options.profileDir ? ['--cpu-prof', `--cpu-prof-dir=${options.profileDir}`] : [],
      env: {
        ONLINE_CONTEST_FIXTURE: fixtureFile,
        ONLINE_POW_MAX: '50',
        // the load comes from one address and few candidates: the limits are not what is measured
        ONLINE_RATE_SCALE: '100000',
        STORE: options.store,
        REDIS_PREFIX: redisPrefix,
      },
    });
    const base = app.url;
    const adminHeaders = { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' };
    const now = Date.now();
    const mainRound = await json<RoundAdmin>(`${base}/api/online/admin/rounds`, {
      method: 'POST',
      headers: adminHeaders,
      body: JSON.stringify(
        roundBody(now - 60_000, now + 6 * 3_600_000, { timeLimitSec: 3 * 3600, attemptsPerRound: null }),
      ),
    });
    if (mainRound.status !== 201) throw new Error(`round: ${JSON.stringify(mainRound.body)}`);
    const roundId = mainRound.body.roundId;

    // candidates with an open attempt each: some autosave, the others submit once
    log(`online: preparing ${autosavers + submitters} candidates with an open attempt`);
    const prepared: Prepared[] = [];
    const pow = async () => solvePow((await json<PowChallenge>(`${base}/api/online/challenge`)).body);
    await pool(
      Array.from({ length: autosavers + submitters }, (_, i) => i + 1),
      32,
      async (n) => {
        const reg = await json<SessionGrant>(`${base}/api/online/register`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ ...person(n), pow: await pow() }),
        });
        if (reg.status !== 201) throw new Error(`register ${n}: ${JSON.stringify(reg.body)}`);
        const start = await json<AttemptView>(`${base}/api/online/rounds/${roundId}/attempts`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${reg.body.token}` },
          body: JSON.stringify({ pow: await pow() }),
        });
        if (start.status !== 200) throw new Error(`start ${n}: ${JSON.stringify(start.body)}`);
        prepared.push({
          token: reg.body.token,
          attemptId: start.body.attemptId,
          values: start.body.questions.map(valueFor),
        });
      },
    );
    const savers = prepared.slice(0, autosavers);
    const submitQueue = prepared.slice(autosavers);

    // a small published round for the results page, and one real submit to copy for the baseline
    const sample = submitQueue.pop()!;
    const submitted = await json<AttemptView>(`${base}/api/online/attempts/${sample.attemptId}/submit`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${sample.token}` },
      body: '{}',
    });
    const resultsRound = await json<RoundAdmin>(`${base}/api/online/admin/rounds`, {
      method: 'POST',
      headers: adminHeaders,
      body: JSON.stringify(
        roundBody(Date.now() - 60_000, Date.now() + 3_600_000, { title: 'Kỳ thi đã công bố' }),
      ),
    });
    const resultsId = resultsRound.body.roundId;
    for (const p of prepared.slice(0, 30)) {
      const s = await json<AttemptView>(`${base}/api/online/rounds/${resultsId}/attempts`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${p.token}` },
        body: JSON.stringify({ pow: await pow() }),
      });
      await fetch(`${base}/api/online/attempts/${s.body.attemptId}/submit`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${p.token}` },
        body: '{}',
      });
    }
    const current = await json<RoundAdmin>(`${base}/api/online/admin/rounds/${resultsId}`, {
      headers: adminHeaders,
    });
    const closing = await fetch(`${base}/api/online/admin/rounds/${resultsId}`, {
      method: 'PUT',
      headers: adminHeaders,
      body: JSON.stringify({ version: current.body.version, closesAt: Date.now() + 3000 }),
    });
    if (!closing.ok) throw new Error(`closing the results round: ${await closing.text()}`);
    for (let i = 0; i < 120; i++) {
      await new Promise((r) => setTimeout(r, 500));
      const r = await json<RoundAdmin>(`${base}/api/online/admin/rounds/${resultsId}`, {
        headers: adminHeaders,
      });
      if (r.body.results.status === 'proposed') break;
    }
    await fetch(`${base}/api/online/admin/rounds/${resultsId}/results/confirm`, {
      method: 'POST',
      headers: adminHeaders,
      body: '{}',
    });
    await fetch(`${base}/api/online/admin/rounds/${resultsId}/results/publish`, {
      method: 'POST',
      headers: adminHeaders,
      body: '{}',
    });
    const resultsText = await (await fetch(`${base}/api/online/rounds/${resultsId}/results`)).text();
    if (!resultsText.includes('"winners"'))
      throw new Error(`results not published: ${resultsText.slice(0, 200)}`);

    const payloadFile = path.join(dir, 'payloads.json');
    fs.writeFileSync(payloadFile, JSON.stringify({ submit: submitted.body, results: resultsText }));
    bare = await startServer({
      script: 'tests/bench/online-baseline-server.ts',
      env: { PORT: '0', BENCH_ONLINE_PAYLOADS: payloadFile },
      nodeArgs: options.profileDir ? ['--cpu-prof', `--cpu-prof-dir=${options.profileDir}/bare`] : [],
    });

    const servers = { app, bare };

    // — autosave throughput, app and bare alternating (A B B A) —
    let k = 0;
    const autosaveRequest = () => {
      const p = savers[k % savers.length];
      const index = Math.floor(k / savers.length) % p.values.length;
      k++;
      return {
        path: `/api/online/attempts/${p.attemptId}/answers`,
        body: JSON.stringify({ index, value: p.values[index] }),
        token: p.token,
      };
    };
    const appRuns: autocannon.Result[] = [];
    const bareRuns: autocannon.Result[] = [];
    // warm both up first (JIT, connection pools, SQLite page cache): these runs are not counted
    let warmupAcked = 0;
    for (const url of [base, bare.url]) {
      const warm = await cannon({
        url,
        method: 'PUT',
        seconds: Math.ceil(autosaveSeconds / 2),
        connections,
        next: autosaveRequest,
      });
      if (url === base) warmupAcked = ok2xx(warm);
    }
    const cpu = new CpuPerRequest();
    const crowdAppRuns: autocannon.Result[] = [];
    const crowdBareRuns: autocannon.Result[] = [];
    for (const [conns, appSide, bareSide] of [
      [connections, appRuns, bareRuns],
      [crowdConnections, crowdAppRuns, crowdBareRuns],
    ] as const) {
      for (const target of ['app', 'bare', 'bare', 'app'] as const) {
        const { url, pid } = servers[target];
        const cpuBefore = cpuMsOf(pid);
        const threadsBefore = threadCpuOf(pid);
        const r = await cannon({
          url,
          method: 'PUT',
          seconds: autosaveSeconds,
          connections: conns,
          next: autosaveRequest,
        });
        // the CPU table keeps the few-connections runs: one load, comparable from run to run
        if (conns === connections) cpu.add('autosave', target, cpuMsOf(pid) - cpuBefore, ok2xx(r));
        (target === 'app' ? appSide : bareSide).push(r);
        log(
          `online: autosave ${target}, ${conns} connections: ${Math.round(ok2xx(r) / autosaveSeconds)} req/s, p99 ${r.latency.p99} ms, errors ${errorsOf(r)}; ` +
            `server CPU by thread, user+sys ms: ${threadCpuDelta(threadsBefore, threadCpuOf(pid))}`,
        );
      }
    }
    // the mean of the interleaved runs: A B B A puts each in the same position on average
    const rps = (runs: autocannon.Result[]) =>
      runs.reduce((n, r) => n + ok2xx(r), 0) / runs.length / autosaveSeconds;
    // every autosave the app acknowledged, warm-up included, must be in the file after the SIGKILL
    const acked = warmupAcked + [...appRuns, ...crowdAppRuns].reduce((n, r) => n + ok2xx(r), 0);

    // — submit and results latency at a fixed rate: Poisson arrivals, open loop (paced.ts) —
    let s = 0;
    const amount = rate * rateSeconds;
    const submitNext = (): PacedRequest => {
      const p = submitQueue[s++ % submitQueue.length];
      return {
        method: 'POST',
        path: `/api/online/attempts/${p.attemptId}/submit`,
        body: '{}',
        token: p.token,
      };
    };
    const bareSubmitNext = (): PacedRequest => ({
      method: 'POST',
      path: '/api/online/attempts/x/submit',
      body: '{}',
    });
    const resultsNext = (): PacedRequest => ({
      method: 'GET',
      path: `/api/online/rounds/${resultsId}/results`,
    });
    /**
     * One target's latency at `rate`, warmed (uncounted: JIT, connections) right before its own run:
     * steady-state latency is what the budget is about. Warmed together first and then left idle
     * while the other target warmed, the app's submit p99 came out about twice as high (its first
     * 300 ms slowest), for reasons not found.
     */
    const witness = new StallWitness();
    const stalls = {} as OnlineBench['machineStalls'];
    const measure = async (kind: 'submit' | 'results', target: 'app' | 'bare', next: () => PacedRequest) => {
      const { url, pid } = servers[target];
      await paced({ url, rate, amount: latencyWarmup, next, seed: 'warm' });
      const cpuBefore = cpuMsOf(pid);
      const window = witness.window();
      const run = await paced({ url, rate, amount, next, seed: kind });
      cpu.add(kind, target, cpuMsOf(pid) - cpuBefore, run.ok);
      (stalls[kind] ??= {} as Record<'app' | 'bare', StallSummary>)[target] = await window.end();
      return run;
    };
    const submitRun = await measure('submit', 'app', submitNext);
    const bareSubmit = await measure('submit', 'bare', bareSubmitNext);
    log(
      `online: submit p99 ${ms(submitRun.latency.p99)} ms (bare ${ms(bareSubmit.latency.p99)} ms) at ${submitRun.achievedRps} req/s, errors ${submitRun.errors}`,
    );
    const resultsRun = await measure('results', 'app', resultsNext);
    const bareResults = await measure('results', 'bare', resultsNext);
    await witness.stop();
    log(
      `online: results p99 ${ms(resultsRun.latency.p99)} ms (bare ${ms(bareResults.latency.p99)} ms) at ${resultsRun.achievedRps} req/s, errors ${resultsRun.errors}`,
    );
    log(`online: the machine's stalls seen by an idle thread during those runs: ${JSON.stringify(stalls)}`);
    // durable before the 200: kill the server without a chance to flush, count what the file holds
    // (last, so the latency runs meet a server that has been running, as on deadline day)
    let durable: OnlineBench['autosaveDurable'] = null;
    if (options.store === 'sqlite' && !options.profileDir) {
      await app.kill9();
      const db = new Database(path.join(app.dataDir, 'chuong-vang.db'), { readonly: true });
      const stored =
        (db.prepare(`SELECT COALESCE(SUM(saves), 0) AS n FROM online_answers`).get() as { n: number }).n -
        historySaves; // the earlier rounds' rows, one save each
      db.close();
      durable = { acked, stored, ok: stored >= acked };
      log(`online: durability: ${acked} acknowledged autosaves, ${stored} in the SQLite file after SIGKILL`);
    }

    const cpuPerRequest = cpu.table();
    if (cpuPerRequest)
      log(`online: server CPU per request (µs, app / bare): ${JSON.stringify(cpuPerRequest)}`);

    // — ranking a million attempts, the pure function, next to a native sort of a million numbers —
    const { ranking, nativeSort } = rankMillion(options.quick ? 1 : 3);
    log(
      `online: ranking 1,000,000 attempts: ${ranking.map(Math.round).join(' / ')} ms (native sort of 1M numbers ${Math.round(nativeSort)} ms)`,
    );

    const appRps = rps(appRuns);
    const bareRps = rps(bareRuns);
    const crowdAppRps = rps(crowdAppRuns);
    const crowdBareRps = rps(crowdBareRuns);
    return {
      store: options.store,
      historyAttempts,
      connections,
      autosaveSeconds,
      autosaveRps: Math.round(appRps),
      baselineRps: Math.round(bareRps),
      autosaveRatio: round(ratio(appRps, bareRps)),
      autosaveErrors: appRuns.reduce((n, r) => n + errorsOf(r), 0),
      autosaveDurable: durable,
      autosaveP99Ms: Math.max(...appRuns.map((r) => r.latency.p99)),
      baselineAutosaveP99Ms: Math.max(...bareRuns.map((r) => r.latency.p99)),
      crowd: {
        connections: crowdConnections,
        autosaveRps: Math.round(crowdAppRps),
        baselineRps: Math.round(crowdBareRps),
        autosaveRatio: round(ratio(crowdAppRps, crowdBareRps)),
        autosaveErrors: crowdAppRuns.reduce((n, r) => n + errorsOf(r), 0),
        autosaveP99Ms: Math.max(...crowdAppRuns.map((r) => r.latency.p99)),
        baselineAutosaveP99Ms: Math.max(...crowdBareRuns.map((r) => r.latency.p99)),
      },
      rateRps: rate,
      submitP99Ms: ms(submitRun.latency.p99),
      submitP50Ms: ms(submitRun.latency.p50),
      baselineSubmitP99Ms: ms(bareSubmit.latency.p99),
      baselineSubmitP50Ms: ms(bareSubmit.latency.p50),
      submitErrors: submitRun.errors,
      resultsP99Ms: ms(resultsRun.latency.p99),
      resultsP50Ms: ms(resultsRun.latency.p50),
      baselineResultsP99Ms: ms(bareResults.latency.p99),
      baselineResultsP50Ms: ms(bareResults.latency.p50),
      resultsErrors: resultsRun.errors,
      machineStalls: stalls,
      cpuUsPerRequest: cpuPerRequest,
      rankingMsPer1M: Math.round(median(ranking)),
      rankingRuns: ranking.map(Math.round),
      nativeSort1MMs: Math.round(nativeSort),
      rankingRatioToNativeSort: round(ratio(median(ranking), nativeSort)),
    };
  } finally {
    await bare?.stop();
    await app?.dispose();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** server CPU time over answered requests, summed per workload and server */
class CpuPerRequest {
  private readonly sums = new Map<string, { ms: number; requests: number }>();
  add(workload: string, target: 'app' | 'bare', ms: number, requests: number): void {
    const key = `${workload}:${target}`;
    const sum = this.sums.get(key) ?? { ms: 0, requests: 0 };
    this.sums.set(key, { ms: sum.ms + ms, requests: sum.requests + requests });
  }
  table(): OnlineBench['cpuUsPerRequest'] {
    const us = (key: string) => {
      const sum = this.sums.get(key);
      return sum && sum.requests > 0 ? (sum.ms * 1000) / sum.requests : Number.NaN;
    };
    const row = (w: string) => {
      const app = us(`${w}:app`);
      const bare = us(`${w}:bare`);
      return { app: Math.round(app), bare: Math.round(bare), ratio: round(ratio(app, bare)) };
    };
    const t = { autosave: row('autosave'), submit: row('submit'), results: row('results') };
    return Object.values(t).some((r) => !Number.isFinite(r.app)) ? null : t;
  }
}

/** 1,000,000 submitted attempts of 400,000 candidates, seeded; the ranking timed `runs` times */
function rankMillion(runs: number): { ranking: number[]; nativeSort: number } {
  const rng = seededRng('bench-ranking', 1);
  const N = 1_000_000;
  const CANDIDATES = 400_000;
  const t0 = 1_700_000_000_000;
  const rows: FinishedAttempt[] = new Array(N);
  for (let i = 0; i < N; i++) {
    const c = i % CANDIDATES;
    rows[i] = {
      attemptId: `a${i}`,
      candidateId: `c${c}`,
      candidateNo: c + 1,
      number: Math.floor(i / CANDIDATES) + 1,
      // tens of thousands with every answer right, as in the big contests
      correct: rng() < 0.2 ? 20 : 10 + Math.floor(rng() * 10),
      total: 20,
      prediction: rng() < 0.02 ? null : Math.floor(rng() * 800_000),
      durationMs: 60_000 + Math.floor(rng() * 1_140_000),
      submittedAt: t0 + Math.floor(rng() * 864_000_000),
    };
  }
  const ranking: number[] = [];
  const sorts: number[] = [];
  for (let r = 0; r < runs; r++) {
    const values = new Float64Array(N);
    for (let i = 0; i < N; i++) values[i] = rows[i].submittedAt;
    let t = performance.now();
    values.sort();
    sorts.push(performance.now() - t);
    t = performance.now();
    const ranked = rankCandidates(rows, { counted: 'best', actual: 412_345 });
    ranking.push(performance.now() - t);
    if (ranked.length !== CANDIDATES) throw new Error(`ranked ${ranked.length} of ${CANDIDATES}`);
  }
  return { ranking, nativeSort: median(sorts) };
}
