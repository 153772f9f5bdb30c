import { describe, expect, it } from 'vitest';
import { foldStanding } from './standing.ts';
import { JUDGE, started } from '../testing.ts';

describe('all-wrong rule', () => {
  it("'nobody-eliminated' (default): when every standing seat is wrong nobody goes out", () => {
    const d = started({ seats: 3 });
    d.playMain({ 1: 0, 2: 1 }); // q1 correct = 0: seat 3 (no answer) and 2 out
    const out = d.playMain({ 1: 0 }); // q2 correct = 1: seat 1 (only one standing) wrong
    expect(out.events).toContainEqual(
      expect.objectContaining({ type: 'revealed', eliminated: [], allWrong: true }),
    );
    expect(d.standing()).toEqual([1]);
  });

  it("'nobody-eliminated': all of several standing wrong → all stay", () => {
    const d = started({ seats: 4 });
    const out = d.playMain({ 1: 1, 2: 2, 3: 3 });
    expect(out.events[0]).toMatchObject({ allWrong: true, eliminated: [] });
    expect(d.standing()).toEqual([1, 2, 3, 4]);
  });

  it("'all-eliminated': everyone wrong → everyone out at that number", () => {
    const d = started({ seats: 3, rules: { allWrongRule: 'all-eliminated' } });
    const out = d.playMain({ 1: 1, 2: 1, 3: 1 });
    expect(out.events[0]).toMatchObject({ allWrong: true, eliminated: [1, 2, 3] });
    expect(d.standing()).toEqual([]);
    expect(d.state.seats.every((s) => s.eliminatedAt === 1)).toBe(true);
  });

  it("'tie-break': everyone wrong → nobody out and those seats become the tie-break seats", () => {
    const d = started({ seats: 4, rules: { allWrongRule: 'tie-break' } });
    d.playMain({ 1: 0, 2: 0, 3: 0 }); // seat 4 out
    d.playMain({ 1: 0, 2: 0, 3: 0 }); // q2 correct = 1: all three wrong
    expect(d.standing()).toEqual([1, 2, 3]);
    expect(d.state.tieBreakSeats).toEqual([1, 2, 3]);
    // the tie-break question defaults to those seats and changes nobody's status
    d.host('question:show', { mode: 'tiebreak', hideOptions: false });
    expect(d.state.rounds[2].eligibleSeats).toEqual([1, 2, 3]);
    d.host('question:open');
    d.answer(1, 0);
    d.host('question:lock');
    d.host('question:reveal');
    expect(d.standing()).toEqual([1, 2, 3]);
  });

  it('a seat with no verdict (noAnswerIsWrong off) keeps the round from being all-wrong and stays', () => {
    const d = started({ seats: 3, rules: { noAnswerIsWrong: false } });
    const out = d.playMain({ 1: 1, 2: 1 });
    expect(out.events[0]).toMatchObject({ allWrong: false, eliminated: [1, 2] });
    expect(d.state.rounds[0].verdicts).toEqual({ 1: false, 2: false });
    expect(d.standing()).toEqual([3]);
  });
});

describe('the fold recomputes after revisions', () => {
  it('reversing an elimination at question k: the seat stands again and later rounds it missed do not count', () => {
    const d = started({ seats: 3 });
    d.playMain({ 1: 0, 2: 0, 3: 1 }); // seat 3 out at 1
    d.playMain({ 1: 1, 2: 0 }); // q2 correct = 1: seat 2 out at 2
    expect(d.standing()).toEqual([1]);
    const out = d.host(
      'verdict:revise',
      { round: 0, seat: 3, correct: true, reason: 'đáp án B cũng đúng' },
      JUDGE,
    );
    expect(out.events).toEqual([{ type: 'verdict-revised', round: 0, seat: 3, correct: true }]);
    expect(d.standing()).toEqual([1, 3]);
    expect(d.state.seats[2]).toMatchObject({ status: 'standing', eliminatedAt: null });
    expect(d.state.rounds[0].revisions[0]).toMatchObject({ seat: 3, correct: true, by: 'judge', at: d.now });
  });

  it('revising a correct verdict to wrong eliminates at that number and lets later rounds be ignored for that seat', () => {
    const d = started({ seats: 3 });
    d.playMain({ 1: 0, 2: 0, 3: 0 });
    d.playMain({ 1: 1, 2: 1, 3: 0 }); // seat 3 out at 2
    d.host('verdict:revise', { round: 0, seat: 2, correct: false, reason: 'viết sai chính tả' });
    expect(d.state.seats[1]).toMatchObject({ status: 'eliminated', eliminatedAt: 1 });
    expect(d.standing()).toEqual([1]);
  });

  it('a revision that breaks an all-wrong round applies the normal rule to it', () => {
    const d = started({ seats: 2 });
    d.playMain({ 1: 1, 2: 1 }); // all wrong, nobody out
    expect(d.standing()).toEqual([1, 2]);
    d.host('verdict:revise', { round: 0, seat: 1, correct: true, reason: 'chấp nhận' });
    expect(d.standing()).toEqual([1]);
  });

  it('foldStanding is deterministic from effects and does not mutate its input', () => {
    const d = started({ seats: 3 });
    d.playMain({ 1: 0 });
    const seatsBefore = JSON.stringify(d.state.seats);
    const a = foldStanding(d.state);
    const b = foldStanding(d.state);
    expect(a.seats).toEqual(b.seats);
    expect(JSON.stringify(d.state.seats)).toBe(seatsBefore);
  });
});
