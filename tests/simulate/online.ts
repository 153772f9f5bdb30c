/**
 * A whole online round against a real server (child process, temporary data): registrations with
 * concurrent duplicates and excluded people, attempts with concurrent starts over the limit, resumed
 * attempts, candidates who vanish (the server submits for them) and late submits, then close,
 * ranking, voids, confirmation, publication. Every candidate-facing response is scanned for the
 * answer key; the ranking is recomputed independently from the raw attempts and compared.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { AnswerValue, Question } from '@cv/shared/protocol';
import type {
  AttemptView,
  PowChallenge,
  RankingPage,
  RoundAdmin,
  SessionGrant,
} from '@cv/shared/protocol/online.ts';
import { solvePow } from '@cv/server/online/service/pow.ts';
import { deleteRedisKeys, testRedisUrl } from '@cv/server/storage/redis/availability.ts';
import { seededRng } from '@cv/server/runtime/rng.ts';
import {
  keyFormsOf,
  leakControls,
  listFormsFor,
  orderingCleanControls,
  orderCandidates,
  scanPayload,
  type KeyForms,
  type Payload,
} from '../support/leak-scan.ts';
import { contestFixture, httpJson, inPool, person, roundBody } from '../support/online.ts';
import { startServerProcess, type ServerProcess } from '../support/server-process.ts';
import { judge, rerank, rescore, type PoolEntry, type PublishedRow, type RawAttempt } from './recompute.ts';

export interface SimulationOptions {
  candidates: number;
  concurrency?: number;
  store?: 'sqlite' | 'redis';
  /** attempt time limit in seconds (the late and vanished candidates wait it out) */
  timeLimitSec?: number;
  log?: (line: string) => void;
}

export interface SimulationReport {
  candidates: number;
  store: string;
  registered: number;
  duplicatesRejected: number;
  excludedRejected: number;
  attempts: number;
  concurrentStartsResumed: number;
  overLimitRejected: number;
  resumed: number;
  resumedMismatches: number;
  /** submits that carried the last answers and the prediction instead of autosaving them */
  carriedBySubmit: number;
  /** of those, submits whose answer did not hold every answer sent (must be 0) */
  carriedMismatches: number;
  lateRejected: number;
  autoSubmitted: number;
  voided: number;
  participants: number;
  actual: number | null;
  rankingMs: number | null;
  computeMs: number | null;
  requests: number;
  scanned: number;
  leaks: number;
  leakExamples: string[];
  /** positive controls: leaks built on purpose, `found` of `forms` caught; clean: payloads that must pass, `flagged` wrongly */
  leakControl: { forms: number; found: number; clean: number; flagged: number };
  /** ordering answers of submitted attempts the independent judge recomputed, and how many were right */
  orderingAnswers: { judged: number; right: number };
  scoresMatch: boolean;
  scoreMismatches: number;
  consistent: boolean;
  inconsistencies: string[];
  wallMs: number;
  errors: string[];
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const pool = inPool;

export async function simulateOnline(options: SimulationOptions): Promise<SimulationReport> {
  const started = Date.now();
  const log = options.log ?? (() => undefined);
  const N = options.candidates;
  const concurrency = options.concurrency ?? 48;
  const timeLimitSec = options.timeLimitSec ?? 30;
  const rng = seededRng('simulate-online', N);
  const adminToken = randomBytes(12).toString('hex');
  const dir = mkdtempSync(path.join(tmpdir(), 'cv-simulate-'));
  const fixtureFile = path.join(dir, 'contest.json');
  // one person in a hundred is on the exclusion list
  const excludedIds = new Set<string>();
  for (let i = 99; i < N; i += 100) excludedIds.add(person(i + 1).idNumber);
  writeFileSync(fixtureFile, JSON.stringify(contestFixture(12, [...excludedIds])));

  const report: SimulationReport = {
    candidates: N,
    store: options.store ?? 'sqlite',
    registered: 0,
    duplicatesRejected: 0,
    excludedRejected: 0,
    attempts: 0,
    concurrentStartsResumed: 0,
    overLimitRejected: 0,
    resumed: 0,
    resumedMismatches: 0,
    carriedBySubmit: 0,
    carriedMismatches: 0,
    lateRejected: 0,
    autoSubmitted: 0,
    voided: 0,
    participants: 0,
    actual: null,
    rankingMs: null,
    computeMs: null,
    requests: 0,
    scanned: 0,
    leaks: 0,
    leakExamples: [],
    leakControl: { forms: 0, found: 0, clean: 0, flagged: 0 },
    orderingAnswers: { judged: 0, right: 0 },
    scoresMatch: false,
    scoreMismatches: 0,
    consistent: false,
    inconsistencies: [],
    wallMs: 0,
    errors: [],
  };

  let server: ServerProcess | null = null;
  const redisPrefix = `cvsim:${process.pid}:${randomBytes(4).toString('hex')}`;
  try {
    server = await startServerProcess({
      adminToken,
      env: {
        ONLINE_CONTEST_FIXTURE: fixtureFile,
        // the bot check stays on, made cheap: 20,000 simulated browsers share two cores here
        ONLINE_POW_MAX: '200',
        ONLINE_RATE_SCALE: '1000',
        ONLINE_GRACE_MS: '1000',
        STORE: options.store ?? 'sqlite',
        REDIS_PREFIX: redisPrefix,
      },
    });
    const base = server.url;
    log(`server at ${base}`);

    // ——— HTTP, with every candidate-facing response scanned as it arrives ———
    let forms: KeyForms = { texts: [], numbers: [], orders: new Map(), orderings: new Map() };
    const suspects: { attemptId?: string; arrays: number[][]; source: string }[] = [];
    const flagged = new Set<number>();
    let payloadNo = 0;
    const scan = (p: Payload) => {
      const id = payloadNo++;
      report.scanned++;
      const found = scanPayload(p, forms);
      if (found.length) {
        flagged.add(id);
        if (report.leakExamples.length < 10) report.leakExamples.push(...found.slice(0, 2));
      }
      const arrays = orderCandidates(p);
      if (arrays.length) suspects.push({ attemptId: p.attemptId, arrays, source: `${p.source}#${id}` });
    };
    const call = async <T>(
      method: string,
      url: string,
      body?: unknown,
      token?: string,
      candidateFacing?: { attemptId?: string; sent?: Map<number, AnswerValue | null> },
    ): Promise<{ status: number; body: T }> => {
      report.requests++;
      const { status, body: parsed } = await httpJson<T>(base + url, method, body, token);
      if (candidateFacing)
        scan({
          source: `${method} ${url.replace(/[a-zA-Z0-9_-]{12,}/g, ':id')}`,
          body: parsed,
          ...candidateFacing,
        });
      return { status, body: parsed };
    };
    const admin = <T>(method: string, url: string, body?: unknown) =>
      call<T>(method, `/api/online/admin${url}`, body, adminToken);
    const candidate = <T>(
      method: string,
      url: string,
      body?: unknown,
      token?: string,
      ctx: { attemptId?: string; sent?: Map<number, AnswerValue | null> } = {},
    ) => call<T>(method, url, body, token, ctx);
    const pow = async () => solvePow((await candidate<PowChallenge>('GET', '/api/online/challenge')).body);

    // ——— the round ———
    const now = Date.now();
    const created = await admin<RoundAdmin>(
      'POST',
      '/rounds',
      roundBody(now - 60_000, now + 6 * 3_600_000, {
        timeLimitSec,
        attemptsPerRound: 2,
        attemptsPerDay: null,
      }),
    );
    if (created.status !== 201) throw new Error(`round not created: ${JSON.stringify(created.body)}`);
    const round = created.body;
    const poolRes = await admin<{ questions: (PoolEntry & { question: Question })[] }>(
      'GET',
      `/rounds/${round.roundId}/pool`,
    );
    const poolEntries = poolRes.body.questions;
    const poolByIndex = new Map(poolEntries.map((e) => [e.poolIndex, e as PoolEntry]));
    forms = keyFormsOf(poolEntries);

    // ——— registrations: duplicates, excluded people, everyone else ———
    const tokens = new Map<number, string>();
    const duplicatePeople = Math.min(100, Math.floor(N / 10));
    await pool(
      Array.from({ length: duplicatePeople }, (_, i) => i + 1),
      Math.max(1, Math.floor(concurrency / 10)),
      async (n) => {
        const p = person(n);
        const spellings = [
          p.phone,
          `+84 ${p.phone.slice(1)}`,
          `${p.phone.slice(0, 4)}.${p.phone.slice(4, 7)}.${p.phone.slice(7)}`,
        ];
        const pows = await Promise.all(Array.from({ length: 10 }, () => pow()));
        const results = await Promise.all(
          pows.map((pw, k) =>
            candidate<SessionGrant>(
              'POST',
              '/api/online/register',
              { ...p, phone: spellings[k % 3], pow: pw },
              undefined,
              {},
            ),
          ),
        );
        const ok = results.filter((r) => r.status === 201);
        if (excludedIds.has(p.idNumber)) {
          // someone on the exclusion list is refused however often they try
          if (results.every((r) => r.status === 403 && JSON.stringify(r.body).includes('EXCLUDED')))
            report.excludedRejected++;
          else report.errors.push(`person ${n} (excluded): ${ok.length} of 10 registrations succeeded`);
          return;
        }
        if (ok.length !== 1)
          report.errors.push(`person ${n}: ${ok.length} of 10 concurrent registrations succeeded`);
        report.duplicatesRejected += results.filter((r) => r.status === 409).length;
        if (ok[0]) tokens.set(n, ok[0].body.token);
      },
    );
    await pool(
      Array.from({ length: N - duplicatePeople }, (_, i) => i + 1 + duplicatePeople),
      concurrency,
      async (n) => {
        const res = await candidate<SessionGrant>(
          'POST',
          '/api/online/register',
          { ...person(n), pow: await pow() },
          undefined,
          {},
        );
        if (res.status === 201) tokens.set(n, res.body.token);
        else if (res.status === 403 && JSON.stringify(res.body).includes('EXCLUDED'))
          report.excludedRejected++;
        else report.errors.push(`register ${n}: ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`);
      },
    );
    report.registered = tokens.size;
    log(
      `registered ${report.registered}, duplicates rejected ${report.duplicatesRejected}, excluded ${report.excludedRejected}`,
    );

    // ——— attempts ———
    const skill = (n: number) => (n % 13 === 0 ? 1 : 0.45 + (0.5 * ((n * 7919) % 1000)) / 1000);
    const answerFor = (
      view: AttemptView,
      i: number,
      right: boolean,
      draw: (n: number) => number,
    ): AnswerValue => {
      const q = view.questions[i];
      // right answers come from the staff's pool (the simulator plays an oracle, never the server)
      if (right) return correctShown(view, i);
      if (q.kind === 'single') return draw(q.options!.length);
      if (q.kind === 'multi') return [draw(q.options!.length)];
      if (q.kind === 'truefalse') return draw(2) === 0;
      if (q.kind === 'text') return 'không nhớ';
      if (q.kind === 'ordering') return shuffledPlaces(q.options!.length, draw);
      return draw(1000);
    };
    /** a guess at an ordering: the shown items in a random order (right by chance now and then) */
    const shuffledPlaces = (n: number, draw: (k: number) => number) => {
      const places = [...Array(n).keys()];
      for (let j = n - 1; j > 0; j--) {
        const k = draw(j + 1);
        [places[j], places[k]] = [places[k], places[j]];
      }
      return places;
    };
    // the simulator plays candidates who know some answers: it looks them up in the staff's pool (an
    // oracle outside the server) and finds each shown option by its text
    const orderOf = new Map<string, (number[] | null)[]>();
    const correctShown = (view: AttemptView, i: number): AnswerValue => {
      const entry = oracle(view, i);
      const key = entry.question.key;
      const order = orderOf.get(view.attemptId)?.[i] ?? null;
      const shown = (c: number) => (order ? order.indexOf(c) : c);
      if (key.kind === 'single') return shown(key.answer);
      if (key.kind === 'multi') return key.answer.map(shown).sort((a, b) => a - b);
      if (key.kind === 'truefalse') return key.answer;
      if (key.kind === 'text') return key.accepted[0].toLowerCase();
      if (key.kind === 'ordering') return key.order.map(shown);
      return key.value;
    };
    /** which pool question a shown question is: the prompt identifies it (prompts are unique in the fixture) */
    const byPrompt = new Map(poolEntries.map((e) => [e.question.prompt, e]));
    const oracle = (view: AttemptView, i: number) => byPrompt.get(view.questions[i].prompt)!;
    /** the option order, recovered from the option texts the candidate sees (the bank's options are known to staff) */
    const learnOrders = (view: AttemptView) =>
      orderOf.set(
        view.attemptId,
        view.questions.map((q, i) => {
          const bank = oracle(view, i).question.options;
          return q.options && bank ? q.options.map((o) => bank.indexOf(o)) : null;
        }),
      );

    const playing = [...tokens.entries()];
    const late: Promise<void>[] = [];
    const secondTry: [number, string][] = [];
    const play = async (n: number, token: string, attemptNo: number) => {
      const draw = (k: number) => Math.floor(rng() * k);
      const sent = new Map<number, AnswerValue | null>();
      const concurrentStart = attemptNo === 1 && n % 50 === 1;
      let view: AttemptView;
      if (concurrentStart) {
        const pows = await Promise.all(Array.from({ length: 8 }, () => pow()));
        const starts = await Promise.all(
          pows.map((pw) =>
            candidate<AttemptView>(
              'POST',
              `/api/online/rounds/${round.roundId}/attempts`,
              { pow: pw },
              token,
              { sent },
            ),
          ),
        );
        const ids = new Set(starts.map((s) => s.body.attemptId));
        if (ids.size !== 1 || starts.some((s) => s.status !== 200))
          report.errors.push(`candidate ${n}: 8 concurrent starts gave ${ids.size} attempts`);
        report.concurrentStartsResumed += starts.length - 1;
        view = starts[0].body;
      } else {
        const start = await candidate<AttemptView>(
          'POST',
          `/api/online/rounds/${round.roundId}/attempts`,
          { pow: await pow() },
          token,
          { sent },
        );
        if (start.status !== 200) {
          report.errors.push(`start ${n}: ${start.status} ${JSON.stringify(start.body).slice(0, 200)}`);
          return;
        }
        view = start.body;
      }
      report.attempts++;
      learnOrders(view);
      const ctx = { attemptId: view.attemptId, sent };
      const vanish = attemptNo === 1 && n % 97 === 0;
      const isLate = attemptNo === 1 && n % 89 === 0 && !vanish;
      const total = view.questions.length;
      const upTo = vanish ? Math.floor(total / 2) : total;
      // some candidates lose the network for their last answers: the submit carries them
      const carry = !vanish && !isLate && n % 7 === 3 && total >= 6 ? 3 : 0;
      const carried: { index: number; value: unknown }[] = [];
      for (let i = 0; i < upTo; i++) {
        const value = answerFor(view, i, rng() < skill(n), draw);
        sent.set(i, value);
        if (i >= upTo - carry) {
          carried.push({ index: i, value });
          continue;
        }
        const saved = await candidate(
          'PUT',
          `/api/online/attempts/${view.attemptId}/answers`,
          { index: i, value },
          token,
          ctx,
        );
        if (saved.status !== 200)
          report.errors.push(
            `autosave ${n}/${i}: ${saved.status} ${JSON.stringify(saved.body).slice(0, 160)}`,
          );
        if (n % 10 === 0 && i === Math.floor(total / 2)) {
          // a reload mid-way (or another device): the same attempt, deadline and answers
          const again = await candidate<AttemptView>(
            'GET',
            `/api/online/attempts/${view.attemptId}`,
            undefined,
            token,
            ctx,
          );
          report.resumed++;
          const same =
            again.body.deadline === view.deadline &&
            JSON.stringify(again.body.questions) === JSON.stringify(view.questions) &&
            [...sent].every(([k, v]) => JSON.stringify(again.body.answers[k]) === JSON.stringify(v));
          if (!same) report.resumedMismatches++;
        }
      }
      if (vanish) return;
      const prediction = Math.round(N * (0.5 + rng()));
      if (isLate) {
        late.push(
          (async () => {
            await sleep(Math.max(0, view.deadline - Date.now()) + 1_500);
            const save = await candidate(
              'PUT',
              `/api/online/attempts/${view.attemptId}/answers`,
              { prediction },
              token,
              ctx,
            );
            const submit = await candidate(
              'POST',
              `/api/online/attempts/${view.attemptId}/submit`,
              {},
              token,
              ctx,
            );
            for (const r of [save, submit]) {
              if (r.status === 409 && JSON.stringify(r.body).match(/ATTEMPT_LATE|ATTEMPT_CLOSED/))
                report.lateRejected++;
              else report.errors.push(`late ${n}: ${r.status} ${JSON.stringify(r.body).slice(0, 160)}`);
            }
          })(),
        );
        return;
      }
      if (!carry)
        await candidate('PUT', `/api/online/attempts/${view.attemptId}/answers`, { prediction }, token, ctx);
      const submitted = await candidate<AttemptView>(
        'POST',
        `/api/online/attempts/${view.attemptId}/submit`,
        carry ? { answers: carried, prediction } : {},
        token,
        ctx,
      );
      if (carry) {
        report.carriedBySubmit++;
        const held =
          submitted.body.predictionValue === prediction &&
          [...sent].every(([k, v]) => JSON.stringify(submitted.body.answers?.[k]) === JSON.stringify(v));
        if (!held) report.carriedMismatches++;
      }
      if (submitted.status !== 200 || submitted.body.status !== 'submitted')
        report.errors.push(
          `submit ${n}: ${submitted.status} ${JSON.stringify(submitted.body).slice(0, 160)}`,
        );
      if (n % 20 === 0) await candidate('GET', '/api/online/me', undefined, token, {});
      if (attemptNo === 1 && n % 7 === 0) secondTry.push([n, token]);
    };
    await pool(playing, concurrency, ([n, token]) => play(n, token, 1));
    log(`first attempts done: ${report.attempts}`);
    await pool(secondTry, concurrency, ([n, token]) => play(n, token, 2));
    // with two attempts used, more concurrent starts are all refused
    await pool(secondTry.slice(0, 300), concurrency, async ([, token]) => {
      const pows = await Promise.all(Array.from({ length: 5 }, () => pow()));
      const starts = await Promise.all(
        pows.map((pw) =>
          candidate('POST', `/api/online/rounds/${round.roundId}/attempts`, { pow: pw }, token, {}),
        ),
      );
      for (const s of starts) {
        if (s.status === 409 && JSON.stringify(s.body).includes('ATTEMPT_LIMIT_ROUND'))
          report.overLimitRejected++;
        else report.errors.push(`over limit: ${s.status} ${JSON.stringify(s.body).slice(0, 160)}`);
      }
    });
    await Promise.all(late);
    log(
      `attempts ${report.attempts}, late rejected ${report.lateRejected}, over limit ${report.overLimitRejected}`,
    );
    await candidate('GET', '/api/online/rounds', undefined, undefined, {});
    await candidate('GET', `/api/online/rounds/${round.roundId}`, undefined, undefined, {});

    // ——— close: the BTC ends the round now; the server submits the vanished attempts and ranks ———
    const current = await admin<RoundAdmin>('GET', `/rounds/${round.roundId}`);
    await admin('PUT', `/rounds/${round.roundId}`, {
      version: current.body.version,
      closesAt: Date.now() + 3_000,
    });
    let closed: RoundAdmin | null = null;
    for (let i = 0; i < 600; i++) {
      await sleep(500);
      const r = await admin<RoundAdmin>('GET', `/rounds/${round.roundId}`);
      if (r.body.results.status === 'proposed') {
        closed = r.body;
        break;
      }
    }
    if (!closed) throw new Error('results were not computed after the close');
    report.rankingMs = closed.results.rankingMs;
    report.computeMs = closed.results.computeMs;
    report.actual = closed.results.actual;

    // ——— the raw attempts, then voids, confirmation, publication ———
    const raw: RawAttempt[] = (
      await (
        await fetch(`${base}/api/online/admin/rounds/${round.roundId}/attempts.jsonl`, {
          headers: { authorization: `Bearer ${adminToken}` },
        })
      ).text()
    )
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as RawAttempt);
    report.autoSubmitted = raw.filter((a) => a.score?.auto).length;
    forms = keyFormsOf(poolEntries, raw);
    const participantsIds = [
      ...new Set(raw.filter((a) => a.status === 'submitted').map((a) => a.candidateId)),
    ];
    const voided = new Set(
      participantsIds
        .filter((_, i) => i % Math.max(1, Math.floor(participantsIds.length / 3)) === 0)
        .slice(0, 3),
    );
    for (const id of voided) {
      const res = await admin('POST', `/rounds/${round.roundId}/candidates/${id}/void`, {
        reason: 'Mô phỏng: phát hiện thi hộ',
      });
      if (res.status !== 200) report.errors.push(`void ${id}: ${res.status}`);
    }
    report.voided = voided.size;
    for (let i = 0; i < 600; i++) {
      const r = await admin<RoundAdmin>('GET', `/rounds/${round.roundId}`);
      if (r.body.results.status === 'proposed') break;
      await sleep(500);
    }
    await admin('POST', `/rounds/${round.roundId}/results/confirm`, { note: 'Mô phỏng' });
    const published = await admin<{ status: string }>('POST', `/rounds/${round.roundId}/results/publish`);
    if (published.body.status !== 'published')
      report.errors.push(`publish: ${JSON.stringify(published.body)}`);
    await candidate('GET', `/api/online/rounds/${round.roundId}/results`, undefined, undefined, {});
    await candidate('GET', '/api/online/feed.json', undefined, undefined, {});
    await candidate('GET', `/api/online/rounds/${round.roundId}/widget`, undefined, undefined, {});

    // ——— independent recomputation ———
    report.scoreMismatches = raw.filter(
      (a) =>
        a.status === 'submitted' &&
        (rescore(a, poolByIndex) !== a.score!.correct ||
          a.score!.durationMs !== Math.min(a.score!.submittedAt, a.deadline) - a.startedAt),
    ).length;
    for (const a of raw)
      a.draw.forEach((d, i) => {
        const entry = poolByIndex.get(d.poolIndex)!;
        if (a.status !== 'submitted' || entry.question.kind !== 'ordering' || a.answers[i] == null) return;
        report.orderingAnswers.judged++;
        if (judge(entry, d.order, a.answers[i])) report.orderingAnswers.right++;
      });
    report.scoresMatch = report.scoreMismatches === 0 && raw.every((a) => a.status === 'submitted');
    const actual = new Set(raw.filter((a) => a.status === 'submitted').map((a) => a.candidateId)).size;
    const mine = rerank(raw, 'best', actual, voided);
    const theirs: PublishedRow[] = [];
    for (let offset = 0; ; offset += 500) {
      const page = await admin<RankingPage>(
        'GET',
        `/rounds/${round.roundId}/ranking?offset=${offset}&limit=500`,
      );
      theirs.push(...page.body.rows);
      if (page.body.rows.length < 500) break;
    }
    report.participants = theirs.length;
    if (report.actual !== actual)
      report.inconsistencies.push(`actual: server ${report.actual}, recomputed ${actual}`);
    if (theirs.length !== mine.length)
      report.inconsistencies.push(`rows: server ${theirs.length}, recomputed ${mine.length}`);
    for (let i = 0; i < Math.min(theirs.length, mine.length); i++) {
      const a = theirs[i];
      const b = mine[i];
      if (a.candidateId !== b.candidateId || a.attemptId !== b.attemptId || a.rank !== b.rank) {
        report.inconsistencies.push(
          `position ${i + 1}: server ${a.candidateId}/${a.attemptId}/#${a.rank}, recomputed ${b.candidateId}/${b.attemptId}/#${b.rank}`,
        );
        if (report.inconsistencies.length > 10) break;
      }
    }
    report.consistent = report.inconsistencies.length === 0 && report.scoresMatch;

    // ——— leaks: option orders and ordering keys now that they are known, and the controls ———
    const sameList = (a: number[], b: number[]) => JSON.stringify(a) === JSON.stringify(b);
    for (const s of suspects) {
      const { orders, orderings } = listFormsFor(forms, s.attemptId);
      const what = s.arrays.some((arr) => orders.some((o) => sameList(o, arr)))
        ? 'an option order'
        : s.arrays.some((arr) => orderings.some((o) => sameList(o, arr)))
          ? 'an ordering key'
          : null;
      if (what) {
        flagged.add(Number(s.source.split('#')[1]));
        if (report.leakExamples.length < 10) report.leakExamples.push(`${s.source}: ${what}`);
      }
    }
    report.leaks = flagged.size;
    const controls = leakControls(poolEntries, raw);
    const clean = orderingCleanControls(poolEntries, raw);
    report.leakControl = {
      forms: controls.length,
      found: controls.filter((c) => scanPayload(c, forms).length > 0).length,
      clean: clean.length,
      flagged: clean.filter((c) => scanPayload(c, forms).length > 0).length,
    };
  } finally {
    await server?.dispose();
    if (options.store === 'redis')
      await deleteRedisKeys(testRedisUrl(), 0, `${redisPrefix}:*`).catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
    report.wallMs = Date.now() - started;
  }
  return report;
}
