/** A whole show over real sockets: eliminations, all-wrong, rescue, judge revision, backup swap,
 *  tie-break, golden bell, standings, prizes, audience play-along and the audit export. */
import type { ShowClient } from '@cv/shared/client';
import type { HostView, Question } from '@cv/shared/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectOk, single, startHarness, until, type CreatedShow, type Harness } from './harness.ts';

let h: Harness;
let show: CreatedShow;
let host: ShowClient;
let judge: ShowClient;
let screen: ShowClient;
let fan: ShowClient;
const seats: Record<number, ShowClient> = {};

const questions: Question[] = [
  single('m1', 0),
  single('m2', 1),
  single('m3', 2),
  {
    id: 'm4',
    kind: 'truefalse',
    pool: 'main',
    prompt: 'VNeID là ứng dụng định danh điện tử?',
    timeLimitSec: 10,
    key: { kind: 'truefalse', answer: true },
  },
  single('m5', 3),
  single('bk1', 1, { pool: 'backup' }),
  single('tb1', 2, { pool: 'tiebreak' }),
  {
    id: 'rs1',
    kind: 'numeric',
    pool: 'rescue',
    prompt: 'Số CCCD có bao nhiêu chữ số?',
    timeLimitSec: 10,
    key: { kind: 'numeric', value: 12, tolerance: 0 },
  },
  {
    id: 'gb1',
    kind: 'text',
    pool: 'golden',
    prompt: 'Tên ứng dụng định danh quốc gia?',
    timeLimitSec: 10,
    key: { kind: 'text', accepted: ['VNeID'] },
  },
];

const hv = () => host.state.view as HostView;

/** show → open → answers → lock → reveal; answers maps seat → value */
async function play(
  answers: Record<number, unknown>,
  show: { questionId?: string; mode?: 'main' | 'rescue' | 'golden' | 'tiebreak'; seats?: number[] } = {},
  audience?: unknown,
) {
  expectOk(await host.command('question:show', show));
  return answerCurrent(answers, audience);
}

async function answerCurrent(answers: Record<number, unknown>, audience?: unknown) {
  expectOk(await host.command('question:open'));
  const round = hv().round?.index ?? (await until(host, (c) => c.state.view?.round?.index));
  const index = (await until(host, (c) => c.state.view?.round?.phase === 'answering' && c.state.view.round))
    .index;
  expect(index).toBe(round);
  for (const [seat, value] of Object.entries(answers))
    expectOk(await seats[Number(seat)].answer(index, value as never));
  if (audience !== undefined) expectOk(await fan.audienceAnswer(index, audience as never));
  expectOk(await host.command('question:lock'));
  expectOk(await host.command('question:reveal'));
  return until(
    host,
    (c) =>
      c.state.view?.round?.index === index &&
      c.state.view.round.phase === 'revealed' &&
      (c.state.view as HostView),
  );
}

const statusOf = (seat: number) => hv().seats.find((s) => s.seat === seat)!.status;

beforeAll(async () => {
  h = await startHarness();
  show = await h.createShow({
    title: 'Rung chuông vàng — thử nghiệm',
    seats: [
      { seat: 1, name: 'Nguyễn Văn An', unit: 'Công an tỉnh' },
      { seat: 2, name: "H'Hen Niê", unit: 'Huyện Krông Pắc' },
      { seat: 3, name: 'Trần Thị Bình', unit: 'Công an tỉnh' },
      { seat: 4, name: 'Y Bhin Êban', unit: 'Sở Tư pháp' },
    ],
    rules: { prizes: { first: 1, second: 1, third: 1, consolation: 1 } },
    questions,
  });
  host = await h.connect({ role: 'host', showId: show.showId, pin: show.secrets.hostPin });
  judge = await h.connect({ role: 'judge', showId: show.showId, pin: show.secrets.judgePin });
  screen = await h.connect({ role: 'screen', showId: show.showId, displayToken: show.secrets.displayToken });
  fan = await h.connect({ role: 'audience', showId: show.showId, name: 'Khán giả Ea Kar' });
  for (const seat of [1, 2, 3, 4])
    seats[seat] = await h.connect({
      role: 'player',
      showId: show.showId,
      seat,
      pin: show.secrets.seats[String(seat)].pin,
    });
  expectOk(await host.command('show:start'));
});
afterAll(async () => h?.close());

describe('a full show', () => {
  it('eliminates wrong and missing answers', async () => {
    const view = await play({ 1: 0, 2: 0, 3: 1 }, {}, 0); // seat 4 does not answer; the fan is right
    expect(view.round?.verdicts).toEqual({ 1: true, 2: true, 3: false, 4: false });
    expect([1, 2, 3, 4].map(statusOf)).toEqual(['standing', 'standing', 'eliminated', 'eliminated']);
    const self3 = await until(seats[3], (c) => c.state.self?.correct === false && c.state.self);
    expect(self3.status).toBe('eliminated');
  });

  it('keeps everyone when all standing contestants are wrong (default all-wrong rule)', async () => {
    const view = await play({ 1: 0, 2: 0 });
    expect(view.round?.verdicts).toEqual({ 1: false, 2: false });
    expect([1, 2].map(statusOf)).toEqual(['standing', 'standing']);
  });

  it('voids the withdrawn question when a backup is swapped in', async () => {
    expectOk(await host.command('question:show', {}));
    await until(
      host,
      (c) => c.state.view?.round?.phase === 'shown' && c.state.view.round.question.id === 'm3',
    );
    expectOk(await host.command('question:open'));
    const withdrawn = (
      await until(seats[1], (c) => c.state.view?.round?.phase === 'answering' && c.state.view.round)
    ).index;
    expectOk(await seats[1].answer(withdrawn, 3)); // would be wrong on m3
    expectOk(await host.command('question:swap', { backupId: 'bk1' }));
    const swapped = await until(
      host,
      (c) => c.state.view?.round?.question.id === 'bk1' && c.state.view.round,
    );
    expect(swapped.number).toBe(3);
    expect(hv().rounds.find((r) => r.index === withdrawn)?.voided).toBe(true);
    const view = await answerCurrent({ 1: 1, 2: 0 });
    expect(view.round?.verdicts).toEqual({ 1: true, 2: false });
    expect([1, 2].map(statusOf)).toEqual(['standing', 'eliminated']);
  });

  it('lets a judge reverse a verdict with a reason, and recomputes who stands', async () => {
    const round = hv().round!.index;
    const noReason = await judge.command('verdict:revise', { round, seat: 2, correct: true, reason: ' ' });
    expect(!noReason.ok && noReason.error.code).toBe('BAD_REQUEST');
    expectOk(
      await judge.command('verdict:revise', {
        round,
        seat: 2,
        correct: true,
        reason: 'Đáp án B cũng đúng theo Luật Căn cước',
      }),
    );
    await until(host, () => statusOf(2) === 'standing');
    const trail = expectOk(await host.request('audit:recent', { limit: 5 }));
    expect(trail.some((e) => e.type === 'verdict:revise' && e.role === 'judge' && e.outcome === 'ok')).toBe(
      true,
    );
  });

  it('brings eliminated contestants back through a rescue question', async () => {
    const view = await play({ 3: 12, 4: 11 }, { mode: 'rescue', questionId: 'rs1' });
    expect(view.round?.eligibleSeats).toEqual([3, 4]);
    expect(statusOf(3)).toBe('standing');
    expect(hv().seats.find((s) => s.seat === 3)!.rescued).toBe(true);
    expect(statusOf(4)).toBe('eliminated');
    // and by the MC's hand after a hall game
    expectOk(await host.command('rescue:apply', { how: 'hall-game', seats: [4] }));
    await until(host, () => statusOf(4) === 'standing');
  });

  it('separates tied contestants with a tie-break among exactly those seats', async () => {
    expectOk(await host.command('question:show', { mode: 'tiebreak', seats: [3, 4] }));
    expectOk(await host.command('question:open'));
    const round = (
      await until(seats[1], (c) => c.state.view?.round?.phase === 'answering' && c.state.view.round)
    ).index;
    const outsider = await seats[1].answer(round, 2);
    expect(!outsider.ok && outsider.error.code).toBe('SEAT_NOT_ELIGIBLE');
    expect(seats[1].state.self?.canAnswer).toBe(false);
    expectOk(await seats[3].answer(round, 2));
    expectOk(await seats[4].answer(round, 1));
    expectOk(await host.command('question:lock'));
    expectOk(await host.command('question:reveal'));
    const view = await until(
      host,
      (c) => c.state.view?.round?.phase === 'revealed' && (c.state.view as HostView),
    );
    expect(view.round?.eligibleSeats).toEqual([3, 4]);
    expect(view.round?.verdicts).toEqual({ 3: true, 4: false });
    expect([3, 4].map(statusOf)).toEqual(['standing', 'standing']); // a tie-break eliminates nobody
  });

  it('plays on until one stands, then the golden bell rings', async () => {
    await play({ 1: true, 2: false, 3: false, 4: false }); // m4: true/false
    expect([1, 2, 3, 4].map(statusOf)).toEqual(['standing', 'eliminated', 'eliminated', 'eliminated']);
    expect(hv().nextStep).toBe('golden-bell');
    const events: string[] = [];
    screen.onEvents((evs) => events.push(...evs.map((e) => e.type)));
    const view = await play({ 1: 'vneid' }, { mode: 'golden' });
    expect(view.bellSeats).toEqual([1]);
    await until(screen, (c) => c.state.view?.bellSeats.includes(1));
    await until(screen, () => events.includes('bell-rung'));
  });

  it('finishes with standings, unit standings and confirmed prizes for every screen', async () => {
    expectOk(await host.command('show:finish'));
    const view = await until(host, (c) => c.state.view?.stage === 'finished' && (c.state.view as HostView));
    expect(view.standings.map((r) => r.seat)[0]).toBe(1);
    expect(view.standings).toHaveLength(4);
    const proposal = view.proposedPrizes;
    expect(proposal.find((p) => p.prize === 'first')?.seats).toEqual([1]);
    expectOk(await host.command('prizes:confirm', { awards: proposal }));
    const pub = await until(screen, (c) => c.state.view?.prizesConfirmed && c.state.view);
    expect(pub.standings?.[0].seat).toBe(1);
    expect(pub.unitStandings?.[0].unit).toBe('Công an tỉnh');
    expect(pub.prizes).toEqual(proposal);
  });

  it('kept the audience out of the contestants’ game, with its own board', async () => {
    const me = await until(fan, (c) => c.state.audience?.score === 1 && c.state.audience);
    expect(me).toMatchObject({ name: 'Khán giả Ea Kar', rank: 1 });
    expect(fan.state.audienceBoard[0]).toEqual({ rank: 1, name: 'Khán giả Ea Kar', score: 1 });
    // a phone in the hall is never a seat: standings hold exactly the four contestants
    expect(
      hv()
        .standings.map((r) => r.seat)
        .sort(),
    ).toEqual([1, 2, 3, 4]);
    const late = await fan.audienceAnswer(0, 1);
    expect(!late.ok && late.error.code).toBe('ROUND_MISMATCH');
  });

  it('exports the audit trail as JSONL and CSV', async () => {
    const jsonl = await h.app.inject({
      url: `/api/shows/${show.showId}/audit?format=jsonl`,
      headers: { 'x-show-pin': show.secrets.judgePin },
    });
    expect(jsonl.statusCode).toBe(200);
    const lines = jsonl.body
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(
      lines.some(
        (l) => l.type === 'verdict:revise' && String(JSON.stringify(l.payload)).includes('Luật Căn cước'),
      ),
    ).toBe(true);
    expect(lines.some((l) => l.type === 'answer:submit' && l.outcome === 'SEAT_NOT_ELIGIBLE')).toBe(true);
    const csv = await h.app.inject({
      url: `/api/shows/${show.showId}/audit?format=csv`,
      headers: { authorization: 'Bearer test-admin-token' },
    });
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body.split('\n').length).toBeGreaterThan(lines.length);
    const denied = await h.app.inject({
      url: `/api/shows/${show.showId}/audit`,
      headers: { 'x-show-pin': '000' },
    });
    expect(denied.statusCode).toBe(401);
    // a PIN in the address would sit in logs and history: refused, not judged
    const inQuery = await h.app.inject({
      url: `/api/shows/${show.showId}/audit?pin=${show.secrets.judgePin}`,
    });
    expect(inQuery.statusCode).toBe(400);
  });
});
