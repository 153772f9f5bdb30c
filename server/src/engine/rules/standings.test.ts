import { describe, expect, it } from 'vitest';
import type { StandingRow } from '@cv/shared/protocol';
import { proposePrizes, standingsOf, unitStandingsOf } from '../index.ts';
import { proposePrizesFrom } from './prizes.ts';
import { started } from '../testing.ts';

const order = (rows: StandingRow[]) => rows.map((r) => [r.seat, r.rank, r.tied]);

describe('standingsOf', () => {
  it('bell first, then standing, then later elimination, then correct answers, then less time', () => {
    const d = started({ seats: 5 });
    d.host('question:show', { mode: 'main', hideOptions: false });
    d.host('question:open');
    d.now += 1000;
    d.answer(1, 0);
    d.answer(2, 0);
    d.now += 1000;
    d.answer(3, 0);
    d.answer(4, 0);
    d.host('question:lock');
    d.host('question:reveal'); // seat 5 out at 1
    d.playMain({ 1: 1, 2: 1 }); // seats 3, 4 out at 2 (both answered q1 at 2000)
    d.playMain({ 1: 3, 2: 3 }, { mode: 'golden', hideOptions: false }); // golden key 3: both ring
    const rows = standingsOf(d.state);
    expect(rows[0]).toMatchObject({ bell: true, status: 'standing' });
    // 1 and 2 rang together with equal times: a shared first place
    expect(order(rows)).toEqual([
      [1, 1, true],
      [2, 1, true],
      [3, 3, true],
      [4, 3, true],
      [5, 5, false],
    ]);
    expect(rows.find((r) => r.seat === 3)).toMatchObject({
      eliminatedAt: 2,
      correct: 1,
      totalAnswerMs: 2000 + 10_000,
    });
    expect(rows.find((r) => r.seat === 5)).toMatchObject({
      eliminatedAt: 1,
      correct: 0,
      totalAnswerMs: 10_000,
    });
  });

  it('among seats eliminated at the same question: more correct, then faster wins; equal = tie', () => {
    const d = started({ seats: 4 });
    d.host('question:show', { mode: 'main', hideOptions: false });
    d.host('question:open');
    d.now += 1000;
    d.answer(1, 0);
    d.answer(2, 0);
    d.now += 2000;
    d.answer(3, 0);
    d.answer(4, 0);
    d.host('question:lock');
    d.host('question:reveal');
    d.playMain({ 1: 1 }); // 2, 3, 4 out at 2; 2 was faster on q1
    expect(order(standingsOf(d.state))).toEqual([
      [1, 1, false],
      [2, 2, false],
      [3, 3, true],
      [4, 3, true],
    ]);
  });

  it('a tie-break round separates seats eliminated together: correct first, then fastest (when configured)', () => {
    const make = (fastest: boolean) => {
      const d = started({ seats: 4, rules: { tieBreakFastestWins: fastest } });
      d.playMain({ 1: 0 }); // 2, 3, 4 out at 1, all silent: equal
      d.host('question:show', { mode: 'tiebreak', seats: [2, 3, 4], hideOptions: false });
      d.host('question:open');
      d.now += 3000;
      d.answer(2, 0);
      d.now += 1000;
      d.answer(3, 0);
      d.answer(4, 1);
      d.host('question:lock');
      d.host('question:reveal');
      return standingsOf(d.state);
    };
    // seat 2 answered the tie-break correctly 1 s before seat 3
    expect(order(make(true))).toEqual([
      [1, 1, false],
      [2, 2, false],
      [3, 3, false],
      [4, 4, false],
    ]);
    expect(order(make(false))).toEqual([
      [1, 1, false],
      [2, 2, true],
      [3, 2, true],
      [4, 4, false],
    ]);
  });

  it('voided rounds do not count', () => {
    const d = started({ seats: 2 });
    d.playMain({ 1: 0 });
    d.host('question:swap', {});
    expect(standingsOf(d.state).map((r) => r.correct)).toEqual([0, 0]);
  });
});

describe('unitStandingsOf', () => {
  it('ranks units by best seat rank, then standing count, then correct total; seats without unit skipped', () => {
    const d = started({ seats: 5, units: ['Công an', 'Công an', 'Sở Tư pháp', 'Sở Tư pháp', undefined] });
    d.playMain({ 1: 0, 3: 0, 4: 0, 5: 0 }); // seat 2 out
    const units = unitStandingsOf(d.state);
    expect(units).toEqual([
      { unit: 'Sở Tư pháp', rank: 1, seats: 2, standing: 2, bestRank: 1, correct: 2 },
      { unit: 'Công an', rank: 2, seats: 2, standing: 1, bestRank: 1, correct: 1 },
    ]);
  });
});

describe('proposePrizes', () => {
  const row = (seat: number, rank: number): StandingRow => ({
    seat,
    name: `S${seat}`,
    rank,
    tied: false,
    status: 'eliminated',
    bell: false,
    eliminatedAt: 1,
    correct: 0,
    totalAnswerMs: 0,
  });

  it('walks ranks: first, second, third, consolation × counts', () => {
    const rows = [1, 2, 3, 4, 5, 6, 7].map((s) => row(s, s));
    expect(proposePrizesFrom(rows, { first: 1, second: 1, third: 1, consolation: 2 })).toEqual([
      { prize: 'first', seats: [1] },
      { prize: 'second', seats: [2] },
      { prize: 'third', seats: [3] },
      { prize: 'consolation', seats: [4, 5] },
    ]);
  });

  it('a tied group shares the prize of its place and uses up as many places', () => {
    const rows = [row(1, 1), row(2, 2), row(3, 2), row(4, 4), row(5, 5), row(6, 6)];
    expect(proposePrizesFrom(rows, { first: 1, second: 1, third: 1, consolation: 2 })).toEqual([
      { prize: 'first', seats: [1] },
      { prize: 'second', seats: [2, 3] },
      { prize: 'consolation', seats: [4, 5] },
    ]);
  });

  it('a tie at the last prize place takes it whole', () => {
    const rows = [row(1, 1), row(2, 2), row(3, 2), row(4, 2)];
    expect(proposePrizesFrom(rows, { first: 1, second: 1, third: 0, consolation: 0 })).toEqual([
      { prize: 'first', seats: [1] },
      { prize: 'second', seats: [2, 3, 4] },
    ]);
  });

  it('proposes the golden-bell honour on top of the ranked prizes', () => {
    const rows = [{ ...row(1, 1), bell: true, status: 'standing' as const }, row(2, 2)];
    expect(proposePrizesFrom(rows, { first: 1, second: 1, third: 0, consolation: 0 })).toEqual([
      { prize: 'bell', seats: [1] },
      { prize: 'first', seats: [1] },
      { prize: 'second', seats: [2] },
    ]);
  });

  it('from a show state', () => {
    const d = started({ seats: 3 });
    d.playMain({ 1: 0 });
    expect(proposePrizes(d.state)).toEqual([
      { prize: 'first', seats: [1] },
      { prize: 'second', seats: [2, 3] },
    ]);
  });
});
