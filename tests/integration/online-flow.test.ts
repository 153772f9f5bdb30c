/**
 * The online rounds end to end over HTTP against a real app and SQLite file: set-up in local time,
 * registration with what people type, attempts with resume, autosave, deadline and grace, the
 * server's own submit (also after a restart), close with the frozen prediction actual, confirmation,
 * publication, void and restore, exports.
 */
import type {
  AttemptView,
  CandidateHome,
  PublicResults,
  RankingPage,
  RegistrationFormView,
  RoundAdmin,
  RoundDashboard,
  RoundPublic,
  SessionGrant,
} from '@cv/shared/protocol/online.ts';
import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import type { SqliteOnlineStore } from '@cv/server/online/store/sqlite.ts';
import { contestFixture, person, roundBody } from '../support/online.ts';
import { startOnline, T0, type OnlineHarness } from './online-harness.ts';

let h: OnlineHarness;
afterEach(async () => h?.close());

const MIN = 60_000;
const DAY = 86_400_000;

async function round(extra: Record<string, unknown> = {}): Promise<RoundAdmin> {
  // open at 08:00 local on 1 Nov, close at 23:59:59 local on 10 Nov
  const res = await h.http.admin<RoundAdmin>(
    'POST',
    '/rounds',
    roundBody('2023-11-01T08:00', '2023-11-10T23:59:59', extra),
  );
  expect(res.status, res.text).toBe(201);
  return res.body;
}

async function registered(n: number, extra: Record<string, unknown> = {}): Promise<SessionGrant> {
  const res = await h.http.register(person(n, extra));
  expect(res.status, res.text).toBe(201);
  return res.body;
}

async function signIn(n: number): Promise<SessionGrant> {
  const p = person(n);
  const res = await h.http.candidate<SessionGrant>('POST', '/api/online/login', {
    idNumber: p.idNumber,
    phone: p.phone,
  });
  expect(res.status, res.text).toBe(200);
  return res.body;
}

/** answers every question with the first option / true / a wrong text / 0 */
function someAnswer(q: AttemptView['questions'][number]) {
  switch (q.kind) {
    case 'single':
      return 0;
    case 'multi':
      return [0];
    case 'truefalse':
      return true;
    case 'text':
      return 'không biết';
    case 'numeric':
      return 0;
    case 'ordering':
      return q.options!.map((_, i) => i);
  }
}

describe('round set-up', () => {
  it('reads local times as Việt Nam time and shows the window to the public', async () => {
    h = await startOnline();
    const r = await round();
    expect(r.opensAt).toBe(Date.UTC(2023, 10, 1, 1, 0));
    expect(r.closesAt).toBe(Date.UTC(2023, 10, 10, 16, 59, 59));
    expect(r.opensAtLocal).toBe('2023-11-01T08:00');
    expect(r.questionCount).toBe(10);
    const pub = await h.http.candidate<RoundPublic>('GET', `/api/online/rounds/${r.roundId}`);
    expect(pub.body).toMatchObject({ phase: 'open', participants: 0, resultsPublished: false });
    expect(pub.headers.get('access-control-allow-origin')).toBe('*');
    h.now.value = T0 - 1;
    expect((await h.http.candidate<RoundPublic>('GET', `/api/online/rounds/${r.roundId}`)).body.phase).toBe(
      'upcoming',
    );
  });

  it('refuses quotas the approved bank cannot fill, and fairness changes once open', async () => {
    h = await startOnline();
    const short = await h.http.admin(
      'POST',
      '/rounds',
      roundBody(T0, T0 + DAY, { quotas: [{ topicId: 'qr', count: 50 }] }),
    );
    expect(short.status).toBe(422);
    expect(short.text).toContain('POOL_TOO_SMALL');
    expect(short.text).toContain('Mã QR: có 12 câu đã duyệt, cần 50');
    const r = await round();
    const locked = await h.http.admin('PUT', `/rounds/${r.roundId}`, {
      version: r.version,
      timeLimitSec: 60,
    });
    expect(locked.status).toBe(409);
    expect(locked.text).toContain('ROUND_LOCKED');
    const stale = await h.http.admin('PUT', `/rounds/${r.roundId}`, { version: r.version + 5, title: 'x' });
    expect(stale.text).toContain('STALE_VERSION');
    const renamed = await h.http.admin<RoundAdmin>('PUT', `/rounds/${r.roundId}`, {
      version: r.version,
      title: 'Kỳ 1',
    });
    expect(renamed.body).toMatchObject({ title: 'Kỳ 1', version: r.version + 1 });
    const audit = await h.http.admin<{ action: string }[]>('GET', `/audit?round=${r.roundId}`);
    expect(audit.body.map((e) => e.action)).toEqual(['round:create', 'round:update']);
  });

  it('needs the admin token', async () => {
    h = await startOnline();
    const res = await h.http.call('GET', '/api/online/admin/rounds');
    expect(res.status).toBe(401);
    expect(res.text).toContain('UNAUTHORIZED');
  });
});

describe('registration', () => {
  it('normalises what people type and signs a returning candidate in with CCCD + phone', async () => {
    h = await startOnline();
    const p = person(7);
    const typed = {
      ...p,
      fullName: `  ${p.fullName.normalize('NFD')}  `,
      idNumber: p.idNumber.replace(/(\d{3})/g, '$1 ').trim(),
      phone: `+84 ${p.phone.slice(1, 4)}.${p.phone.slice(4, 7)}.${p.phone.slice(7)}`,
    };
    const reg = await h.http.register(typed);
    expect(reg.status, reg.text).toBe(201);
    expect((reg.body as SessionGrant).candidate).toMatchObject({
      fullName: p.fullName,
      phoneMasked: `${p.phone.slice(0, 4)}***${p.phone.slice(-3)}`,
    });
    const again = await h.http.register({ ...p, phone: '0988888888' });
    expect(again.status).toBe(409);
    expect(again.text).toContain('ALREADY_REGISTERED');
    const samePhone = await h.http.register(person(8, { phone: p.phone }));
    expect(samePhone.text).toContain('Số điện thoại này đã được dùng');

    const login = await h.http.candidate<SessionGrant>('POST', '/api/online/login', {
      idNumber: p.idNumber,
      phone: `84${p.phone.slice(1)}`,
    });
    expect(login.status).toBe(200);
    expect(login.body.candidate.candidateId).toBe((reg.body as SessionGrant).candidate.candidateId);
    const wrong = await h.http.candidate('POST', '/api/online/login', {
      idNumber: p.idNumber,
      phone: '0911111111',
    });
    expect(wrong.status).toBe(404);
    expect(wrong.text).toContain('CANDIDATE_NOT_FOUND');
  });

  it('explains every bad field in Vietnamese', async () => {
    h = await startOnline();
    const res = await h.http.register({ ...person(1), fullName: 'A', phone: '12345', unitId: 'khong-co' });
    expect(res.status).toBe(422);
    const body = res.body as unknown as {
      error: { code: string; fields: { field: string; message: string }[] };
    };
    expect(body.error.code).toBe('INVALID_FIELDS');
    expect(body.error.fields.map((f) => f.field)).toEqual(['fullName', 'phone', 'unitId']);
    expect(body.error.fields[1].message).toMatch(/10 chữ số/);
  });

  it('does not ask for a unit while the contest has none', async () => {
    h = await startOnline({ fixture: { ...contestFixture(12), units: [] } });
    const form = await h.http.candidate<RegistrationFormView>('GET', '/api/online/form');
    expect(form.body.form.unitId).toBe('off');
    const { unitId: _unit, ...noUnit } = person(5);
    expect((await h.http.register(noUnit)).status).toBe(201);
  });

  it('refuses the exclusion list politely, at registration and at sign-in', async () => {
    const excluded = person(3);
    h = await startOnline();
    h.contest.exclusions.add(excluded.idNumber);
    const res = await h.http.register(excluded);
    expect(res.status).toBe(403);
    expect(res.text).toContain('EXCLUDED');
    expect(res.text).toContain('Cảm ơn bạn');
  });

  it('needs a fresh bot check: missing, forged and replayed solutions are refused', async () => {
    h = await startOnline();
    const missing = await h.http.call('POST', '/api/online/register', person(1));
    expect(missing.text).toContain('POW_REQUIRED');
    const forged = await h.http.call('POST', '/api/online/register', {
      ...person(1),
      pow: Buffer.from('{"algorithm":"SHA-256"}').toString('base64'),
    });
    expect(forged.text).toContain('POW_INVALID');
    const pow = await h.http.pow();
    expect((await h.http.call('POST', '/api/online/register', { ...person(1), pow })).status).toBe(201);
    const replay = await h.http.call('POST', '/api/online/register', { ...person(2), pow });
    expect(replay.text).toContain('POW_INVALID');
  });
});

describe('attempts', () => {
  it('starts only while open; draws per quota; resumes with the same deadline; autosaves; submits once', async () => {
    h = await startOnline();
    const r = await round();
    const me = await registered(1);
    h.now.value = T0 - MIN;
    expect((await h.http.start(r.roundId, me.token)).text).toContain('ROUND_NOT_OPEN');
    h.now.value = T0 + MIN;
    const started = await h.http.start(r.roundId, me.token);
    expect(started.status, started.text).toBe(200);
    const a = started.body as AttemptView;
    expect(a.questions).toHaveLength(10);
    expect(a.deadline).toBe(T0 + MIN + 600_000);
    expect(a.answers).toEqual(Array(10).fill(null));

    for (let i = 0; i < 10; i++) {
      const saved = await h.http.candidate(
        'PUT',
        `/api/online/attempts/${a.attemptId}/answers`,
        { index: i, value: someAnswer(a.questions[i]) },
        me.token,
      );
      expect(saved.status, saved.text).toBe(200);
    }
    await h.http.candidate(
      'PUT',
      `/api/online/attempts/${a.attemptId}/answers`,
      { prediction: 1234 },
      me.token,
    );
    const bad = await h.http.candidate(
      'PUT',
      `/api/online/attempts/${a.attemptId}/answers`,
      { index: 0, value: 'x'.repeat(3) },
      me.token,
    );
    expect(a.questions[0].kind === 'text' ? 200 : 422).toBe(bad.status);
    expect(
      (
        await h.http.candidate(
          'PUT',
          `/api/online/attempts/${a.attemptId}/answers`,
          { index: 10, value: 1 },
          me.token,
        )
      ).status,
    ).toBe(422);

    // a reload five minutes later, or another device: the same attempt, the same deadline, the saved answers
    h.now.value += 5 * MIN;
    const again = await h.http.start(r.roundId, me.token);
    const resumed = (
      await h.http.candidate<AttemptView>('GET', `/api/online/attempts/${a.attemptId}`, undefined, me.token)
    ).body;
    expect((again.body as AttemptView).attemptId).toBe(a.attemptId);
    expect(resumed.deadline).toBe(a.deadline);
    expect(resumed.questions).toEqual(a.questions);
    expect(resumed.answers[0]).not.toBeNull();
    expect(resumed.predictionValue).toBe(1234);
    expect(resumed.deadline - resumed.serverNow).toBe(a.deadline - a.serverNow - 5 * MIN);

    const other = await registered(2);
    expect(
      (await h.http.candidate('GET', `/api/online/attempts/${a.attemptId}`, undefined, other.token)).status,
    ).toBe(404);

    const submitted = await h.http.candidate<AttemptView>(
      'POST',
      `/api/online/attempts/${a.attemptId}/submit`,
      {},
      me.token,
    );
    expect(submitted.body.status).toBe('submitted');
    expect(submitted.body.score).toMatchObject({ total: 10, durationMs: 5 * MIN, auto: false });
    const twice = await h.http.candidate<AttemptView>(
      'POST',
      `/api/online/attempts/${a.attemptId}/submit`,
      {},
      me.token,
    );
    expect(twice.body.score).toEqual(submitted.body.score);
    const closed = await h.http.candidate(
      'PUT',
      `/api/online/attempts/${a.attemptId}/answers`,
      { index: 0, value: someAnswer(a.questions[0]) },
      me.token,
    );
    expect(closed.text).toContain('ATTEMPT_CLOSED');
  });

  it('a submit carries the answers not yet autosaved: saved in one durable write, then scored', async () => {
    h = await startOnline();
    const r = await round();
    const me = await registered(1);
    h.now.value = T0 + MIN;
    const a = (await h.http.start(r.roundId, me.token)).body as AttemptView;
    const riding = [0, 1, 2, 3, 4].map((i) => ({ index: i, value: someAnswer(a.questions[i]) }));

    const invalid = await h.http.candidate(
      'POST',
      `/api/online/attempts/${a.attemptId}/submit`,
      { answers: [...riding, { index: 99, value: 1 }] },
      me.token,
    );
    expect(invalid.text).toContain('ANSWER_INVALID');
    const untouched = await h.http.candidate<AttemptView>(
      'GET',
      `/api/online/attempts/${a.attemptId}`,
      undefined,
      me.token,
    );
    expect(untouched.body.answers).toEqual(Array(10).fill(null));

    const store = h.app.online.ctx.store as SqliteOnlineStore;
    const before = store.stats().batches;
    h.now.value += 2 * MIN;
    const submitted = await h.http.candidate<AttemptView>(
      'POST',
      `/api/online/attempts/${a.attemptId}/submit`,
      { answers: riding, prediction: 4_321 },
      me.token,
    );
    expect(submitted.status, submitted.text).toBe(200);
    // the five answers and the prediction in one transaction, the finish in a second — not six and one
    expect(store.stats().batches - before).toBe(2);
    expect(submitted.body.status).toBe('submitted');
    expect(submitted.body.answers.slice(0, 5)).toEqual(riding.map((x) => x.value));
    expect(submitted.body.answers.slice(5)).toEqual([null, null, null, null, null]);
    expect(submitted.body.predictionValue).toBe(4_321);
    expect(submitted.body.score).toMatchObject({ total: 10, durationMs: 2 * MIN });
  });

  it('accepts answers until deadline + grace; later ones are refused and the attempt is submitted with what was saved', async () => {
    h = await startOnline({ graceMs: 2_000 });
    const r = await round();
    const me = await registered(1);
    h.now.value = T0;
    const a = (await h.http.start(r.roundId, me.token)).body as AttemptView;
    await h.http.candidate(
      'PUT',
      `/api/online/attempts/${a.attemptId}/answers`,
      { index: 0, value: someAnswer(a.questions[0]) },
      me.token,
    );
    h.now.value = a.deadline + 2_000;
    expect(
      (
        await h.http.candidate(
          'PUT',
          `/api/online/attempts/${a.attemptId}/answers`,
          { index: 1, value: someAnswer(a.questions[1]) },
          me.token,
        )
      ).status,
    ).toBe(200);
    h.now.value = a.deadline + 2_001;
    const late = await h.http.candidate(
      'PUT',
      `/api/online/attempts/${a.attemptId}/answers`,
      { index: 2, value: someAnswer(a.questions[2]) },
      me.token,
    );
    expect(late.status).toBe(409);
    expect(late.text).toContain('ATTEMPT_LATE');
    const lateSubmit = await h.http.candidate(
      'POST',
      `/api/online/attempts/${a.attemptId}/submit`,
      { answers: [{ index: 3, value: someAnswer(a.questions[3]) }] },
      me.token,
    );
    expect(lateSubmit.text).toMatch(/ATTEMPT_LATE|ATTEMPT_CLOSED/);
    const view = (
      await h.http.candidate<AttemptView>('GET', `/api/online/attempts/${a.attemptId}`, undefined, me.token)
    ).body;
    expect(view.status).toBe('submitted');
    expect(view.answers.filter((x) => x !== null)).toHaveLength(2);
    // a submit inside the grace would have counted at the deadline: the whole limit
    expect(view.score).toMatchObject({ durationMs: 600_000, submittedAt: a.deadline, auto: true });
  });

  it('the server submits at the deadline a candidate who vanished — also after a restart', async () => {
    h = await startOnline();
    const r = await round();
    const me = await registered(1);
    const you = await registered(2);
    h.now.value = T0;
    const a = (await h.http.start(r.roundId, me.token)).body as AttemptView;
    const b = (await h.http.start(r.roundId, you.token)).body as AttemptView;
    await h.http.candidate(
      'PUT',
      `/api/online/attempts/${a.attemptId}/answers`,
      { index: 0, value: someAnswer(a.questions[0]) },
      me.token,
    );
    h.now.value = a.deadline + 2_001;
    await h.app.online.tick();
    const dash = (await h.http.admin<RoundDashboard>('GET', `/rounds/${r.roundId}/dashboard`)).body;
    expect(dash).toMatchObject({ attempts: 2, submitted: 2, openAttempts: 0, participants: 2 });

    // a third attempt runs out while the server is down; the restart submits it before serving
    h.now.value = T0 + 2 * DAY;
    const c = (await h.http.start(r.roundId, (await signIn(1)).token)).body as AttemptView;
    expect(c.number).toBe(2);
    h.now.value = c.deadline + 60_000;
    await h.restart();
    const stored = await h.app.online.ctx.store.getAttempt(c.attemptId);
    expect(stored).toMatchObject({ status: 'submitted', score: { auto: true, durationMs: 600_000 } });
    expect(b.attemptId).not.toBe(a.attemptId);
  });

  it('enforces attempts per local day and per round', async () => {
    h = await startOnline();
    const r = await round({ attemptsPerDay: 1, attemptsPerRound: 2 });
    await registered(1);
    let me: SessionGrant;
    const take = async () => {
      // a candidate coming back another day signs in again (sessions last 12 hours)
      me = await signIn(1);
      const a = await h.http.start(r.roundId, me.token);
      if (a.status !== 200) return a;
      await h.http.candidate(
        'POST',
        `/api/online/attempts/${(a.body as AttemptView).attemptId}/submit`,
        {},
        me.token,
      );
      return a;
    };
    // 23:50 local on 1 Nov, then 23:59 the same local day, then 00:01 the next
    h.now.value = Date.UTC(2023, 10, 1, 16, 50);
    expect((await take()).status).toBe(200);
    h.now.value = Date.UTC(2023, 10, 1, 16, 59);
    expect((await take()).text).toContain('ATTEMPT_LIMIT_DAY');
    h.now.value = Date.UTC(2023, 10, 1, 17, 1);
    expect((await take()).status).toBe(200);
    h.now.value += DAY;
    expect((await take()).text).toContain('ATTEMPT_LIMIT_ROUND');
    const home = (await h.http.candidate<CandidateHome>('GET', '/api/online/me', undefined, me!.token)).body;
    expect(home.rounds[0]).toMatchObject({ attemptsUsed: 2, openAttemptId: null });
  });
});

describe('results', () => {
  /** three candidates with known answers: c1 all right, c2 and c3 the same score, c3 predicts better */
  async function playedRound() {
    const r = await round({ attemptsPerRound: 3 });
    const pool = (
      await h.http.admin<{
        questions: {
          poolIndex: number;
          question: { kind: string; options?: string[]; key: Record<string, unknown> };
        }[];
      }>('GET', `/rounds/${r.roundId}/pool`)
    ).body.questions;
    const people = [await registered(1), await registered(2), await registered(3), await registered(4)];
    const correctAnswer = async (attempt: AttemptView, i: number) => {
      const stored = (await h.app.online.ctx.store.getAttempt(attempt.attemptId))!;
      const d = stored.draw[i];
      const q = pool[d.poolIndex].question;
      const key = q.key as {
        answer?: number | number[] | boolean;
        accepted?: string[];
        value?: number;
        order?: number[];
      };
      if (q.kind === 'single') return d.order!.indexOf(key.answer as number);
      if (q.kind === 'multi') return (key.answer as number[]).map((c) => d.order!.indexOf(c));
      if (q.kind === 'truefalse') return key.answer as boolean;
      if (q.kind === 'text') return key.accepted![0];
      if (q.kind === 'ordering') return (key.order as number[]).map((c) => d.order!.indexOf(c));
      return key.value!;
    };
    const play = async (who: SessionGrant, right: number, prediction: number, minutes: number) => {
      const a = (await h.http.start(r.roundId, who.token)).body as AttemptView;
      for (let i = 0; i < 10; i++) {
        const value = i < right ? await correctAnswer(a, i) : null;
        if (value !== null)
          await h.http.candidate(
            'PUT',
            `/api/online/attempts/${a.attemptId}/answers`,
            { index: i, value },
            who.token,
          );
      }
      await h.http.candidate('PUT', `/api/online/attempts/${a.attemptId}/answers`, { prediction }, who.token);
      h.now.value += minutes * MIN;
      await h.http.candidate('POST', `/api/online/attempts/${a.attemptId}/submit`, {}, who.token);
    };
    h.now.value = T0;
    await play(people[0], 10, 100, 9);
    await play(people[1], 7, 10, 2);
    await play(people[2], 7, 5, 8); // participants will be 4: |5−4| = 1 beats |10−4| = 6
    await play(people[3], 3, 4, 1);
    await play(people[1], 5, 4, 1); // a worse second attempt: "best" keeps the first
    return { r, people };
  }

  it('closes, freezes the actual, ranks, proposes prizes; the BTC confirms, then publishes', async () => {
    h = await startOnline();
    const { r, people } = await playedRound();
    expect((await h.http.candidate('GET', `/api/online/rounds/${r.roundId}/results`)).text).toContain(
      'RESULTS_NOT_READY',
    );
    h.now.value = Date.UTC(2023, 10, 10, 17, 0);
    await h.app.online.tick();
    const admin = (await h.http.admin<RoundAdmin>('GET', `/rounds/${r.roundId}`)).body;
    expect(admin.results).toMatchObject({ status: 'proposed', actual: 4 });
    const ranking = (await h.http.admin<RankingPage>('GET', `/rounds/${r.roundId}/ranking`)).body;
    expect(ranking.rows.map((x) => [x.candidateId, x.rank, x.correct, x.distance, x.prize])).toEqual([
      [people[0].candidate.candidateId, 1, 10, 96, 'first'],
      [people[2].candidate.candidateId, 2, 7, 1, 'second'],
      [people[1].candidate.candidateId, 3, 7, 6, 'third'],
      [people[3].candidate.candidateId, 4, 3, 0, 'consolation'],
    ]);
    expect(ranking.rows[0].idNumber).toBe(person(1).idNumber);

    expect((await h.http.admin('POST', `/rounds/${r.roundId}/results/publish`)).text).toContain(
      'RESULTS_NOT_READY',
    );
    const confirmed = await h.http.admin<{ status: string; confirmation: { by: string; at: number } }>(
      'POST',
      `/rounds/${r.roundId}/results/confirm`,
      { note: 'Họp BTC ngày 11/11' },
    );
    expect(confirmed.body).toMatchObject({
      status: 'confirmed',
      confirmation: { by: 'ADMIN_TOKEN', at: h.now.value },
    });
    await h.http.admin('POST', `/rounds/${r.roundId}/results/publish`);
    const pub = await h.http.candidate<PublicResults>('GET', `/api/online/rounds/${r.roundId}/results`);
    expect(pub.status).toBe(200);
    expect(pub.body.prediction).toMatchObject({ actual: 4 });
    expect(pub.body.winners.map((w) => [w.rank, w.prize, w.fullName])).toEqual([
      [1, 'first', person(1).fullName],
      [2, 'second', person(3).fullName],
      [3, 'third', person(2).fullName],
      [4, 'consolation', person(4).fullName],
    ]);
    expect(pub.body.stats).toMatchObject({ participants: 4, attempts: 5, perfect: 1 });
    expect(pub.body.collective[0].prize).toBe('first');
    // the portal polls with the ETag: the same version answers 304 without a body
    const etag = pub.headers.get('etag')!;
    expect(etag).toMatch(/^".+"$/);
    const again = await fetch(`${h.http.url}/api/online/rounds/${r.roundId}/results`, {
      headers: { 'if-none-match': etag },
    });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
    const other = await fetch(`${h.http.url}/api/online/rounds/${r.roundId}/results`, {
      headers: { 'if-none-match': '"r0.1"' },
    });
    expect(other.status).toBe(200);
    expect(((await other.json()) as PublicResults).winners).toHaveLength(4);
    const home = (
      await h.http.candidate<CandidateHome>('GET', '/api/online/me', undefined, (await signIn(3)).token)
    ).body;
    expect(home.rounds[0].standing).toEqual({ rank: 2, prize: 'second', voided: false });
    const feed = await h.http.candidate<{ rounds: { results: PublicResults | null }[] }>(
      'GET',
      '/api/online/feed.json',
    );
    expect(feed.body.rounds[0].results?.winners).toHaveLength(4);
    const widget = await h.http.candidate('GET', `/api/online/rounds/${r.roundId}/widget`);
    expect(widget.headers.get('content-type')).toContain('text/html');
    expect(widget.text).toContain(person(1).fullName);
    expect(widget.text).not.toContain('<script');
    // meant to be framed by the province portal: none of the app-wide framing refusals
    expect(widget.headers.get('x-frame-options')).toBeNull();
    expect(widget.headers.get('content-security-policy')).toContain('frame-ancestors *');
    expect(widget.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
  });

  it('voiding a result recomputes everything, withdraws the publication, and is audited; restoring brings it back', async () => {
    h = await startOnline();
    const { r, people } = await playedRound();
    h.now.value = Date.UTC(2023, 10, 11, 0, 0);
    await h.app.online.tick();
    await h.http.admin('POST', `/rounds/${r.roundId}/results/confirm`, {});
    await h.http.admin('POST', `/rounds/${r.roundId}/results/publish`);
    const published = await h.http.candidate<PublicResults>('GET', `/api/online/rounds/${r.roundId}/results`);
    const cheater = people[0].candidate.candidateId;
    expect(
      (await h.http.admin('POST', `/rounds/${r.roundId}/candidates/${cheater}/void`, { reason: '' })).status,
    ).toBe(400);
    const voided = await h.http.admin<{ results: { status: string; actual: number } }>(
      'POST',
      `/rounds/${r.roundId}/candidates/${cheater}/void`,
      { reason: 'Thi hộ: xác minh qua CCCD' },
    );
    expect(voided.body.results).toMatchObject({ status: 'proposed', actual: 4 });
    const ranking = (await h.http.admin<RankingPage>('GET', `/rounds/${r.roundId}/ranking`)).body;
    expect(ranking.rows.map((x) => [x.candidateId, x.rank, x.prize])).toEqual([
      [people[2].candidate.candidateId, 1, 'first'],
      [people[1].candidate.candidateId, 2, 'second'],
      [people[3].candidate.candidateId, 3, 'third'],
    ]);
    expect((await h.http.candidate('GET', `/api/online/rounds/${r.roundId}/results`)).status).toBe(409);
    const home = (
      await h.http.candidate<CandidateHome>('GET', '/api/online/me', undefined, (await signIn(1)).token)
    ).body;
    expect(home.rounds[0].standing).toBeNull();
    await h.http.admin('POST', `/rounds/${r.roundId}/candidates/${cheater}/restore`, {
      reason: 'Đã xác minh: tự làm bài',
    });
    expect(
      (await h.http.admin<RankingPage>('GET', `/rounds/${r.roundId}/ranking`)).body.rows[0].candidateId,
    ).toBe(cheater);
    // published again: a new version, a new ETag; the old one no longer answers 304
    await h.http.admin('POST', `/rounds/${r.roundId}/results/confirm`, {});
    await h.http.admin('POST', `/rounds/${r.roundId}/results/publish`);
    const republished = await fetch(`${h.http.url}/api/online/rounds/${r.roundId}/results`, {
      headers: { 'if-none-match': published.headers.get('etag')! },
    });
    expect(republished.status).toBe(200);
    expect(republished.headers.get('etag')).not.toBe(published.headers.get('etag'));
    expect(((await republished.json()) as PublicResults).winners[0].fullName).toBe(
      published.body.winners[0].fullName,
    );
    const audit = (
      await h.http.admin<{ action: string; detail: { reason?: string } }[]>(
        'GET',
        `/audit?round=${r.roundId}`,
      )
    ).body;
    expect(audit.map((e) => e.action)).toEqual([
      'round:create',
      'results:compute',
      'results:confirm',
      'results:publish',
      'result:void',
      'results:compute',
      'result:restore',
      'results:compute',
      'results:confirm',
      'results:publish',
    ]);
    expect(audit[4].detail.reason).toBe('Thi hộ: xác minh qua CCCD');
  });

  it('computes one round once at a time, also on one node (the closer and a recomputation at once)', async () => {
    h = await startOnline();
    const { r } = await playedRound();
    h.now.value = Date.UTC(2023, 10, 11, 0, 0);
    const outcomes = await Promise.all([
      h.app.online.results.compute(r.roundId, 'system'),
      h.app.online.results.compute(r.roundId, 'ADMIN_TOKEN'),
    ]);
    expect(outcomes.filter((o) => o.ok)).toHaveLength(1);
    expect(outcomes.find((o) => !o.ok)).toMatchObject({ error: { code: 'RESULTS_NOT_READY' } });
    const ranking = (await h.http.admin<RankingPage>('GET', `/rounds/${r.roundId}/ranking`)).body;
    expect(ranking.total).toBe(4);
    expect(ranking.rows).toHaveLength(4);
    // and once it is done, the next one runs
    expect((await h.app.online.results.compute(r.roundId, 'system')).ok).toBe(true);
  });

  it('exports the ranking and the units as XLSX, CCCD as text with its leading zero', async () => {
    h = await startOnline();
    const { r } = await playedRound();
    h.now.value = Date.UTC(2023, 10, 11);
    await h.app.online.tick();
    const res = await fetch(`${h.http.url}/api/online/admin/rounds/${r.roundId}/export.xlsx?kind=ranking`, {
      headers: { authorization: 'Bearer online-admin-token' },
    });
    expect(res.status).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(await res.arrayBuffer()) as unknown as ArrayBuffer);
    const sheet = book.getWorksheet('Xếp hạng')!;
    expect(sheet.getRow(1).getCell(3).value).toBe('Họ và tên');
    expect(sheet.rowCount).toBe(5);
    expect(sheet.getRow(2).getCell(4).value).toBe(person(1).idNumber);
    expect(String(sheet.getRow(2).getCell(4).value).startsWith('0')).toBe(true);
    const units = await fetch(`${h.http.url}/api/online/admin/rounds/${r.roundId}/export.xlsx?kind=units`, {
      headers: { authorization: 'Bearer online-admin-token' },
    });
    const unitsBook = new ExcelJS.Workbook();
    await unitsBook.xlsx.load(Buffer.from(await units.arrayBuffer()) as unknown as ArrayBuffer);
    expect(unitsBook.getWorksheet('Tập thể')!.rowCount).toBe(5);
  });
});
