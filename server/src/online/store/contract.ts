/**
 * The one test suite both online store adapters must pass. Concurrency here is real: the calls are
 * issued together and the adapter alone decides (one SQLite transaction, one Redis script).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RankedCandidate } from '@cv/shared/protocol/online.ts';
import { chainedOnlineJsonl, verifyChain } from '../../audit/chain.ts';
import type { AttemptLimits } from '../rules/attempts.ts';
import { emptyResults } from '../service/context.ts';
import type {
  AttemptRecord,
  CandidateRecord,
  NewAttempt,
  OnlineStore,
  RoundRecord,
  SaveTarget,
} from './port.ts';

export interface OnlineStoreFixture {
  store: OnlineStore;
  reopen: () => Promise<OnlineStore>;
  cleanup: () => Promise<void>;
}

const T0 = Date.UTC(2023, 10, 1, 1, 0, 0); // 08:00 on 1 Nov 2023 in Việt Nam

/** a registration as the service hands it to the store (the store numbers it) */
export function candidate(
  n: number,
  extra: Partial<CandidateRecord> = {},
): Omit<CandidateRecord, 'candidateNo'> {
  return {
    candidateId: `c${n}`,
    fullName: `Nguyễn Thị Hồng ${n}`,
    idNumber: String(66_195_000_000 + n).padStart(12, '0'),
    phone: `09${String(12_000_000 + n).padStart(8, '0')}`,
    birth: '1995',
    gender: 'female',
    unitId: `u${n % 3}`,
    district: 'Buôn Ma Thuột',
    commune: null,
    occupation: 'Giáo viên',
    registeredAt: T0 + n,
    ...extra,
  };
}

export function round(roundId: string, extra: Partial<RoundRecord> = {}): RoundRecord {
  return {
    roundId,
    createdAt: T0,
    version: 0,
    poolVersion: 1,
    poolSize: { vneid: 3 },
    settings: {
      title: `Kỳ thi ${roundId}`,
      description: 'Thể lệ: mỗi ngày một lượt.',
      opensAt: T0,
      closesAt: T0 + 10 * 86_400_000,
      quotas: [{ topicId: 'vneid', count: 3 }],
      timeLimitSec: 600,
      attemptsPerDay: 1,
      attemptsPerRound: 2,
      counted: 'best',
      prediction: { prompt: 'Bao nhiêu người tham gia?', target: 'participants' },
      prizes: {
        individual: { first: 1, second: 1, third: 1, consolation: 2 },
        collective: { first: 1, second: 1, third: 1 },
        collectiveBy: 'rate',
      },
      visibility: { afterSubmit: 'score', afterClose: 'full' },
    },
    results: emptyResults(),
    ...extra,
  };
}

export function newAttempt(id: string, candidateId: string, extra: Partial<NewAttempt> = {}): NewAttempt {
  return {
    attemptId: id,
    roundId: 'r1',
    candidateId,
    candidateNo: Number(candidateId.replace(/\D/g, '') || 0),
    unitId: 'u1',
    dayKey: '2023-11-01',
    startedAt: T0 + 1000,
    deadline: T0 + 601_000,
    poolVersion: 1,
    draw: [
      { poolIndex: 2, order: [3, 0, 2, 1] },
      { poolIndex: 0, order: null },
      { poolIndex: 1, order: [1, 0, 2, 3] },
    ],
    ...extra,
  };
}

const LIMITS: AttemptLimits = { perDay: 1, perRound: 2 };
const GRACE = 2000;

function ranked(position: number, candidateId: string, rank = position): RankedCandidate {
  return {
    position,
    rank,
    tied: false,
    candidateId,
    attemptId: `a-${candidateId}`,
    correct: 10 - position,
    prediction: 100,
    distance: 3,
    durationMs: 60_000 + position,
    submittedAt: T0 + position,
    prize: position === 1 ? 'first' : null,
  };
}

export function runOnlineStoreContract(name: string, open: () => Promise<OnlineStoreFixture>): void {
  describe(`OnlineStore contract: ${name}`, () => {
    let fixture: OnlineStoreFixture;
    let store: OnlineStore;

    beforeEach(async () => {
      fixture = await open();
      store = fixture.store;
    });
    afterEach(async () => {
      await store.close().catch(() => undefined);
      await fixture.cleanup();
    });

    async function started(a: NewAttempt, limits = LIMITS, now = a.startedAt): Promise<AttemptRecord> {
      const out = await store.startAttempt(a, limits, now, GRACE);
      if (out.kind !== 'started') throw new Error(`expected started, got ${JSON.stringify(out)}`);
      return out.attempt;
    }
    const finish = (a: AttemptRecord, correct: number, revision = a.revision, at = a.startedAt + 50_000) =>
      store.finishAttempt({
        attemptId: a.attemptId,
        revision,
        prediction: a.prediction,
        score: { correct, total: a.draw.length, durationMs: at - a.startedAt, submittedAt: at, auto: false },
        perQuestion: a.draw.map((d, i) => ({ poolIndex: d.poolIndex, correct: i < correct })),
      });

    describe('settings, secrets, one-time keys, leases', () => {
      it('keeps the settings and one secret per name, whoever asks first', async () => {
        expect(await store.getSettings()).toBeNull();
        const settings = {
          title: 'Cuộc thi Đề án 06',
          form: {
            birth: { mode: 'required' as const, precision: 'year' as const },
            gender: 'optional' as const,
            unitId: 'required' as const,
            district: 'off' as const,
            commune: 'off' as const,
            occupation: 'optional' as const,
          },
        };
        await store.saveSettings(settings);
        expect(await store.getSettings()).toEqual(settings);
        const secrets = await Promise.all(['a', 'b', 'c'].map((fresh) => store.secret('session', fresh)));
        expect(new Set(secrets).size).toBe(1);
        expect(await store.secret('session', 'z')).toBe(secrets[0]);
      });

      it('accepts a one-time key once, even under concurrency', async () => {
        const results = await Promise.all(
          Array.from({ length: 20 }, () => store.useOnce('pow:x', T0 + 60_000, T0)),
        );
        expect(results.filter(Boolean)).toHaveLength(1);
        expect(await store.useOnce('pow:y', T0 + 60_000, T0)).toBe(true);
      });

      it('grants a lease to one owner until it lapses; the owner renews it', async () => {
        const got = await Promise.all(['n1', 'n2', 'n3'].map((o) => store.lease('close:r1', o, T0, 60_000)));
        expect(got.filter(Boolean)).toHaveLength(1);
        const owner = ['n1', 'n2', 'n3'][got.indexOf(true)];
        expect(await store.lease('close:r1', owner, T0 + 1, 60_000)).toBe(true);
        const other = owner === 'n1' ? 'n2' : 'n1';
        expect(await store.lease('close:r1', other, T0 + 2, 60_000)).toBe(false);
        // a short lease lapses (the Redis adapter uses Redis's own clock, so wait for real)
        expect(await store.lease('short', 'n1', T0, 30)).toBe(true);
        await new Promise((r) => setTimeout(r, 80));
        expect(await store.lease('short', 'n2', T0 + 100, 60_000)).toBe(true);
      });
    });

    describe('candidates', () => {
      it('registers once per CCCD and once per phone', async () => {
        expect(await store.register(candidate(1))).toEqual({ ok: true, candidateNo: 1 });
        expect(await store.register(candidate(2, { idNumber: candidate(1).idNumber }))).toEqual({
          ok: false,
          taken: 'idNumber',
        });
        expect(await store.register(candidate(3, { phone: candidate(1).phone }))).toEqual({
          ok: false,
          taken: 'phone',
        });
        expect(await store.countCandidates()).toBe(1);
        const stored = { ...candidate(1), candidateNo: 1 };
        expect(await store.getCandidate('c1')).toEqual(stored);
        expect(await store.getCandidate('c2')).toBeNull();
        expect(await store.findCandidate({ idNumber: candidate(1).idNumber })).toEqual(stored);
        expect(await store.findCandidate({ phone: candidate(1).phone })).toEqual(stored);
        expect(await store.register(candidate(4))).toEqual({ ok: true, candidateNo: 2 });
        expect(await store.findCandidate({ phone: '0000000000' })).toBeNull();
      });

      it('100 concurrent registrations of one person create exactly one', async () => {
        const results = await Promise.all(
          Array.from({ length: 100 }, (_, i) =>
            // same CCCD and phone, different ids and spellings of nothing else: only one may win
            store.register(candidate(7, { candidateId: `dup-${i}` })),
          ),
        );
        expect(results.filter((r) => r.ok)).toHaveLength(1);
        expect(await store.countCandidates()).toBe(1);
        // the numbers stay dense: refused registrations use none
        expect(await store.register(candidate(8))).toEqual({ ok: true, candidateNo: 2 });
      });

      it('looks up many candidates at once', async () => {
        for (const n of [1, 2, 3]) await store.register(candidate(n));
        const got = await store.getCandidates(['c3', 'nobody', 'c1']);
        expect([...got.keys()].sort()).toEqual(['c1', 'c3']);
        expect(got.get('c3')).toEqual({ ...candidate(3), candidateNo: 3 });
      });
    });

    describe('rounds', () => {
      it('creates, refuses a duplicate id, lists by opening time', async () => {
        await store.createRound(round('r2', { settings: { ...round('r2').settings, opensAt: T0 + 5 } }));
        await store.createRound(round('r1'));
        await expect(store.createRound(round('r1'))).rejects.toMatchObject({ code: 'ROUND_EXISTS' });
        expect((await store.listRounds()).map((r) => r.roundId)).toEqual(['r1', 'r2']);
        expect(await store.getRound('r1')).toEqual(round('r1'));
        expect(await store.getRound('nope')).toBeNull();
      });

      it('updates only from the version it read (compare-and-set)', async () => {
        await store.createRound(round('r1'));
        const edited = { ...round('r1'), settings: { ...round('r1').settings, title: 'Kỳ 1 (sửa)' } };
        const both = await Promise.all([store.updateRound(edited, 0), store.updateRound(round('r1'), 0)]);
        expect(both.filter(Boolean)).toHaveLength(1);
        const now = (await store.getRound('r1'))!;
        expect(now.version).toBe(1);
        expect(await store.updateRound(now, 0)).toBe(false);
        expect(await store.updateRound(now, 1)).toBe(true);
        expect((await store.getRound('r1'))!.version).toBe(2);
        expect(await store.roundVersion('r1')).toBe(2);
        expect(await store.roundVersion('nope')).toBeNull();
      });

      it('keeps each pool version', async () => {
        const pool = [
          {
            poolIndex: 0,
            questionId: 'q1',
            version: 2,
            topicId: 'vneid',
            question: {
              id: 'q1',
              kind: 'truefalse' as const,
              pool: 'main' as const,
              prompt: 'VNeID có hai mức độ tài khoản?',
              timeLimitSec: 20,
              key: { kind: 'truefalse' as const, answer: true },
            },
          },
        ];
        await store.savePool('r1', 1, pool);
        expect(await store.loadPool('r1', 1)).toEqual(pool);
        expect(await store.loadPool('r1', 2)).toBeNull();
      });
    });

    describe('attempts', () => {
      it('starts an attempt with number 1, stores its draw, resumes it instead of a second', async () => {
        const a = await started(newAttempt('a1', 'c1'));
        expect(a).toMatchObject({ number: 1, status: 'open', revision: 0, answers: [null, null, null] });
        expect(await store.getAttempt('a1')).toEqual(a);
        expect(await store.startAttempt(newAttempt('a2', 'c1'), LIMITS, T0 + 2000, GRACE)).toEqual({
          kind: 'resume',
          attemptId: 'a1',
        });
        expect(await store.getAttempt('a2')).toBeNull();
        expect((await store.counters('r1')).started).toBe(1);
      });

      it('20 concurrent starts create one attempt; with a limit of 2 the candidate never gets a third', async () => {
        const limits = { perDay: null, perRound: 2 };
        const burst = (tag: string, at: number) =>
          Promise.all(
            Array.from({ length: 20 }, (_, i) =>
              store.startAttempt(newAttempt(`${tag}-${i}`, 'c1', { startedAt: at }), limits, at, GRACE),
            ),
          );
        const first = await burst('x', T0 + 1000);
        expect(first.filter((o) => o.kind === 'started')).toHaveLength(1);
        expect(first.filter((o) => o.kind === 'resume')).toHaveLength(19);
        const a1 = (first.find((o) => o.kind === 'started') as { attempt: AttemptRecord }).attempt;
        expect(await finish(a1, 2)).toEqual({ kind: 'finished' });

        const second = await burst('y', T0 + 100_000);
        expect(second.filter((o) => o.kind === 'started')).toHaveLength(1);
        const a2 = (second.find((o) => o.kind === 'started') as { attempt: AttemptRecord }).attempt;
        expect(a2.number).toBe(2);
        expect(await finish(a2, 1)).toEqual({ kind: 'finished' });

        const third = await burst('z', T0 + 200_000);
        expect(third.every((o) => o.kind === 'refused' && o.code === 'ATTEMPT_LIMIT_ROUND')).toBe(true);
        expect((await store.attemptsOf('r1', 'c1')).map((a) => a.number)).toEqual([1, 2]);
      });

      it('counts the daily limit per local day', async () => {
        const limits = { perDay: 1, perRound: null };
        const a = await started(newAttempt('d1', 'c1', { dayKey: '2023-11-01' }), limits);
        await finish(a, 1);
        expect(
          await store.startAttempt(
            newAttempt('d2', 'c1', { dayKey: '2023-11-01' }),
            limits,
            T0 + 5000,
            GRACE,
          ),
        ).toEqual({
          kind: 'refused',
          code: 'ATTEMPT_LIMIT_DAY',
        });
        const next = await started(newAttempt('d3', 'c1', { dayKey: '2023-11-02' }), limits, T0 + 86_400_000);
        expect(next.number).toBe(2);
      });

      it('reports an open attempt past deadline + grace as expired', async () => {
        const a = await started(newAttempt('e1', 'c1'));
        expect(
          await store.startAttempt(newAttempt('e2', 'c1'), LIMITS, a.deadline + GRACE + 1, GRACE),
        ).toEqual({
          kind: 'expired',
          attemptId: 'e1',
        });
        expect(await store.dueAttempts(a.deadline + 1, 10)).toEqual(['e1']);
        expect(await store.dueAttempts(a.deadline, 10)).toEqual([]);
      });

      it('saves answers and the prediction only into the owner’s open attempt before deadline + grace', async () => {
        const a = await started(newAttempt('s1', 'c1'));
        expect(await store.saveAnswer('s1', 'c1', { index: 0, value: 2 }, a.startedAt + 10, GRACE)).toEqual({
          kind: 'saved',
        });
        expect((await store.getAttempt('s1'))!.revision).toBe(1);
        await store.saveAnswer('s1', 'c1', { index: 0, value: 1 }, a.startedAt + 20, GRACE);
        await store.saveAnswer('s1', 'c1', { index: 2, value: [0, 3] }, a.startedAt + 30, GRACE);
        await store.saveAnswer('s1', 'c1', { prediction: 51_234 }, a.startedAt + 40, GRACE);
        expect(
          await store.saveAnswer('s1', 'c2', { index: 1, value: true }, a.startedAt + 50, GRACE),
        ).toEqual({
          kind: 'missing',
        });
        expect(
          await store.saveAnswer('nope', 'c1', { index: 1, value: true }, a.startedAt + 50, GRACE),
        ).toEqual({
          kind: 'missing',
        });
        expect(
          await store.saveAnswer('s1', 'c1', { index: 1, value: 'Hà Nội' }, a.deadline + GRACE, GRACE),
        ).toEqual({
          kind: 'saved',
        });
        expect(
          await store.saveAnswer('s1', 'c1', { index: 1, value: true }, a.deadline + GRACE + 1, GRACE),
        ).toEqual({
          kind: 'late',
        });
        const saved = (await store.getAttempt('s1'))!;
        expect(saved).toMatchObject({ revision: 5, answers: [1, 'Hà Nội', [0, 3]], prediction: 51_234 });
      });

      it('saves a submit’s answers at once: all of them, or none when refused', async () => {
        await store.register(candidate(1));
        const a = await started(newAttempt('m1', 'c1'));
        const saveMany = (attemptId: string, candidateId: string, targets: SaveTarget[], now: number) =>
          store.saveAnswers({ attemptId, candidateId, targets, now, graceMs: GRACE });
        await store.saveAnswer('m1', 'c1', { index: 0, value: 2 }, a.startedAt + 10, GRACE);
        const many = [
          { index: 0, value: 1 },
          { index: 2, value: [0, 3] },
          { prediction: 77 },
          { index: 1, value: 'Hà Nội' },
        ];
        expect(await saveMany('m1', 'c1', many, a.startedAt + 20)).toEqual({ kind: 'saved' });
        expect((await store.getAttempt('m1'))!).toMatchObject({
          revision: 5,
          answers: [1, 'Hà Nội', [0, 3]],
          prediction: 77,
        });
        expect(await saveMany('m1', 'c1', [], a.startedAt + 30)).toEqual({ kind: 'saved' });
        const refused = [{ index: 0, value: 3 }, { prediction: 1 }];
        expect(await saveMany('m1', 'c2', refused, a.startedAt + 30)).toEqual({
          kind: 'missing',
        });
        expect(await saveMany('ghost', 'c1', refused, a.startedAt + 30)).toEqual({
          kind: 'missing',
        });
        expect(await saveMany('m1', 'c1', refused, a.deadline + GRACE + 1)).toEqual({
          kind: 'late',
        });
        // nothing of the refused writes landed
        expect((await store.getAttempt('m1'))!).toMatchObject({
          revision: 5,
          answers: [1, 'Hà Nội', [0, 3]],
          prediction: 77,
        });
        const read = (await store.getAttempt('m1'))!;
        const score = { correct: 0, total: 3, durationMs: 1, submittedAt: 1, auto: false };
        expect(
          await store.finishAttempt({
            attemptId: 'm1',
            revision: read.revision,
            prediction: read.prediction,
            score,
            perQuestion: [],
          }),
        ).toEqual({ kind: 'finished' });
        expect(await saveMany('m1', 'c1', refused, a.startedAt + 40)).toEqual({
          kind: 'closed',
        });
        expect((await store.getAttempt('m1'))!.answers).toEqual([1, 'Hà Nội', [0, 3]]);

        // the most a submit may carry (200 answers) in one write
        await store.register(candidate(2));
        const b = await started(newAttempt('m2', 'c2'));
        const all = Array.from({ length: 200 }, (_, i) => ({ index: i % 3, value: i }));
        expect(await saveMany('m2', 'c2', all, b.startedAt + 1)).toEqual({ kind: 'saved' });
        expect((await store.getAttempt('m2'))!).toMatchObject({ revision: 200, answers: [198, 199, 197] });
      });

      it('finishes once, only from the revision the score was computed on, and counts it', async () => {
        await store.register(candidate(1));
        const a = await started(newAttempt('f1', 'c1'));
        await store.saveAnswer('f1', 'c1', { prediction: 900 }, a.startedAt + 5, GRACE);
        const read = (await store.getAttempt('f1'))!;
        await store.saveAnswer('f1', 'c1', { index: 0, value: 1 }, a.startedAt + 6, GRACE);
        expect(await finish(read, 2)).toEqual({ kind: 'stale' });
        const fresh = (await store.getAttempt('f1'))!;
        const results = await Promise.all([finish(fresh, 2), finish(fresh, 2), finish(fresh, 2)]);
        expect(results.filter((r) => r.kind === 'finished')).toHaveLength(1);
        expect(results.filter((r) => r.kind === 'closed')).toHaveLength(2);
        expect(await store.saveAnswer('f1', 'c1', { index: 1, value: true }, a.startedAt + 7, GRACE)).toEqual(
          {
            kind: 'closed',
          },
        );
        expect(await store.finishAttempt({ ...(await finishInput(fresh)), attemptId: 'ghost' })).toEqual({
          kind: 'missing',
        });
        const done = (await store.getAttempt('f1'))!;
        expect(done.status).toBe('submitted');
        expect(done.score).toEqual({
          correct: 2,
          total: 3,
          durationMs: 50_000,
          submittedAt: a.startedAt + 50_000,
          auto: false,
        });
        expect(await store.dueAttempts(Number.MAX_SAFE_INTEGER, 10)).toEqual([]);

        const chunks = [];
        for await (const chunk of store.finishedAttempts('r1')) chunks.push(...chunk);
        expect(chunks).toEqual([
          {
            attemptId: 'f1',
            candidateId: 'c1',
            candidateNo: 1,
            unitId: 'u1',
            number: 1,
            correct: 2,
            total: 3,
            prediction: 900,
            durationMs: 50_000,
            submittedAt: a.startedAt + 50_000,
          },
        ]);
        const c = await store.counters('r1');
        expect(c).toMatchObject({ started: 1, submitted: 1, participants: 1 });
        expect(c.units.get('u1')).toBe(1);
        expect(c.questions.get(2)).toEqual({ shown: 1, correct: 1 });
        expect(c.questions.get(0)).toEqual({ shown: 1, correct: 1 });
        expect(c.questions.get(1)).toEqual({ shown: 1, correct: 0 });

        async function finishInput(x: AttemptRecord) {
          return {
            attemptId: x.attemptId,
            revision: x.revision,
            prediction: x.prediction,
            score: { correct: 0, total: 3, durationMs: 1, submittedAt: 1, auto: true },
            perQuestion: [],
          };
        }
      });

      it('counts a participant once however many attempts, and reads a round in chunks', async () => {
        const limits = { perDay: null, perRound: null };
        for (let n = 0; n < 7; n++) {
          const a = await started(newAttempt(`m${n}`, `c${n % 3}`, { unitId: `u${n % 3}` }), limits);
          await finish(a, n % 4);
        }
        const c = await store.counters('r1');
        expect(c).toMatchObject({ started: 7, submitted: 7, participants: 3 });
        expect(await store.participants('r1')).toBe(3);
        expect(await store.participants('r2')).toBe(0);
        expect(c.units.get('u0')).toBe(1);
        const seen: string[] = [];
        let chunks = 0;
        for await (const chunk of store.finishedAttempts('r1', 3)) {
          chunks++;
          seen.push(...chunk.map((x) => x.attemptId));
        }
        expect(chunks).toBeGreaterThanOrEqual(3);
        expect(seen.sort()).toEqual(['m0', 'm1', 'm2', 'm3', 'm4', 'm5', 'm6']);
        const raw: AttemptRecord[] = [];
        for await (const chunk of store.roundAttempts('r1', 2)) raw.push(...chunk);
        expect(raw).toHaveLength(7);
        expect(raw.every((a) => a.status === 'submitted' && a.score !== null)).toBe(true);
        expect((await store.attemptsOf('r1', 'c0')).map((a) => a.number)).toEqual([1, 2, 3]);
      });

      it('counts exactly when many submits and starts land together (one batch, shared counters)', async () => {
        const limits = { perDay: null, perRound: null };
        const first = await Promise.all(
          Array.from({ length: 12 }, (_, n) =>
            started(newAttempt(`b${n}`, `c${n}`, { unitId: `u${n % 2}` }), limits),
          ),
        );
        // a submit racing another for the same attempt, and starts racing the submits
        const outcomes = await Promise.all([
          ...first.map((a, n) => finish(a, n % 4)),
          finish(first[0], 3),
          ...Array.from({ length: 3 }, (_, n) => started(newAttempt(`b${12 + n}`, `c${20 + n}`), limits)),
        ]);
        expect(outcomes.filter((o) => 'kind' in o && o.kind === 'finished')).toHaveLength(12);
        const c = await store.counters('r1');
        expect(c).toMatchObject({ started: 15, submitted: 12, participants: 12 });
        expect(c.units.get('u0')).toBe(6);
        expect(c.units.get('u1')).toBe(6);
        // every attempt shows pool questions 2, 0, 1; the first `correct` of them count as right
        const right = [0, 1, 2].map((i) => first.filter((_, n) => n % 4 > i).length);
        expect(c.questions.get(2)).toEqual({ shown: 12, correct: right[0] });
        expect(c.questions.get(0)).toEqual({ shown: 12, correct: right[1] });
        expect(c.questions.get(1)).toEqual({ shown: 12, correct: right[2] });
      });
    });

    describe('results', () => {
      it('keeps rankings per computation, pages them, finds a candidate, prunes old ones', async () => {
        const rows = Array.from({ length: 25 }, (_, i) => ranked(i + 1, `c${i + 1}`));
        await store.saveRanking('r1', 'k1', rows);
        await store.saveRanking('r1', 'k2', rows.slice(0, 3));
        expect(await store.rankingSize('r1', 'k1')).toBe(25);
        expect((await store.rankingPage('r1', 'k1', 10, 5)).map((r) => r.position)).toEqual([
          11, 12, 13, 14, 15,
        ]);
        expect(await store.rankingPage('r1', 'k1', 24, 10)).toEqual([rows[24]]);
        expect(await store.rankingOf('r1', 'k1', 'c7')).toEqual(rows[6]);
        expect(await store.rankingOf('r1', 'k1', 'nobody')).toBeNull();
        await store.pruneRankings('r1', 'k2');
        expect(await store.rankingSize('r1', 'k1')).toBe(0);
        expect(await store.rankingSize('r1', 'k2')).toBe(3);
      });

      it('voids and restores a candidate', async () => {
        const v = { candidateId: 'c1', reason: 'Dùng phần mềm tự động', by: 'admin', at: T0 };
        await store.setVoid('r1', v);
        await store.setVoid('r1', { ...v, candidateId: 'c0' });
        expect((await store.voids('r1')).map((x) => x.candidateId)).toEqual(['c0', 'c1']);
        expect(await store.clearVoid('r1', 'c1')).toBe(true);
        expect(await store.clearVoid('r1', 'c1')).toBe(false);
        expect(await store.voids('r1')).toEqual([{ ...v, candidateId: 'c0' }]);
        expect(await store.voids('r2')).toEqual([]);
      });
    });

    describe('audit', () => {
      it('appends with one increasing sequence and filters by round', async () => {
        const seqs = await Promise.all(
          ['round:create', 'round:update', 'results:confirm'].map((action, i) =>
            store.appendAudit({
              at: T0 + i,
              actor: 'admin',
              action,
              roundId: i === 1 ? 'r2' : 'r1',
              detail: { i },
            }),
          ),
        );
        expect(new Set(seqs).size).toBe(3);
        await store.appendAudit({
          at: T0 + 9,
          actor: 'admin',
          action: 'settings:update',
          roundId: null,
          detail: {},
        });
        const all = await store.auditTrail();
        expect(all.map((e) => e.seq)).toEqual([...all.map((e) => e.seq)].sort((a, b) => a - b));
        expect(all).toHaveLength(4);
        expect((await store.auditTrail('r1')).map((e) => e.action)).toEqual([
          'round:create',
          'results:confirm',
        ]);
        expect((await store.auditTrail('r2'))[0]).toMatchObject({
          actor: 'admin',
          roundId: 'r2',
          detail: { i: 1 },
        });
      });

      it("links each round's entries into a hash chain, concurrent appends included", async () => {
        await Promise.all(
          Array.from({ length: 12 }, (_, i) =>
            store.appendAudit({
              at: T0 + i,
              actor: 'admin',
              action: `a${i}`,
              roundId: i % 3 ? 'r1' : 'r2',
              detail: { i },
            }),
          ),
        );
        for (const round of ['r1', 'r2']) {
          const lines = JSON.parse(
            `[${chainedOnlineJsonl(await store.auditTrail(round))
              .trim()
              .split('\n')
              .join(',')}]`,
          );
          expect(verifyChain(lines), round).toMatchObject({ ok: true, entries: round === 'r1' ? 8 : 4 });
          lines[1].detail = { i: 99 };
          expect(verifyChain(lines)).toMatchObject({ ok: false, line: 2 });
        }
      });
    });

    it('keeps everything across a reopen', async () => {
      await store.register(candidate(1));
      await store.createRound(round('r1'));
      const a = await started(newAttempt('p1', 'c1'));
      await store.saveAnswer('p1', 'c1', { index: 1, value: false }, a.startedAt + 1, GRACE);
      await store.close();
      store = await fixture.reopen();
      expect(await store.getCandidate('c1')).toEqual({ ...candidate(1), candidateNo: 1 });
      expect(await store.getRound('r1')).toEqual(round('r1'));
      expect((await store.getAttempt('p1'))!.answers).toEqual([null, false, null]);
      expect(await store.dueAttempts(Number.MAX_SAFE_INTEGER, 10)).toEqual(['p1']);
    });
  });
}
