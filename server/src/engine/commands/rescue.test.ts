import { describe, expect, it } from 'vitest';
import { started } from '../testing.ts';

/** 5 seats: q1 (correct 0) seat 5 out at 1; q2 (correct 1) seat 4 out at 2; q3 (correct 2) seat 3 out at 3 */
function afterThree(rules = {}) {
  const d = started({ rules });
  d.playMain({ 1: 0, 2: 0, 3: 0, 4: 0 });
  d.playMain({ 1: 1, 2: 1, 3: 1 });
  d.playMain({ 1: 2, 2: 2 });
  return d;
}

describe('rescue:apply', () => {
  it('seats: the listed eliminated seats return, marked rescued', () => {
    const d = afterThree();
    const out = d.host('rescue:apply', { how: 'seats', seats: [4] });
    expect(out.events).toEqual([{ type: 'rescued', seats: [4], how: 'seats' }]);
    expect(d.state.seats[3]).toMatchObject({ status: 'standing', rescued: true, eliminatedAt: null });
    expect(d.state.effects.at(-1)).toEqual({ type: 'rescue', seats: [4], how: 'seats' });
  });

  it('seats / hall-game: standing, unknown, duplicate or empty seats are INVALID_SEATS', () => {
    const d = afterThree();
    for (const seats of [[1], [9], [4, 4], []]) {
      expect(d.tryHost('rescue:apply', { how: 'hall-game', seats })).toMatchObject({
        error: { code: 'INVALID_SEATS' },
      });
    }
    d.host('rescue:apply', { how: 'hall-game', seats: [3, 5] });
    expect(d.standing()).toEqual([1, 2, 3, 5]);
  });

  it('all: every eliminated seat returns; with nobody out it is INVALID_SEATS', () => {
    const d = afterThree();
    const out = d.host('rescue:apply', { how: 'all' });
    expect(out.events[0]).toMatchObject({ seats: [3, 4, 5] });
    expect(d.standing()).toEqual([1, 2, 3, 4, 5]);
    expect(d.tryHost('rescue:apply', { how: 'all' })).toMatchObject({ error: { code: 'INVALID_SEATS' } });
  });

  it('since: seats eliminated at question ≥ k return, the effect stores the resolved seats', () => {
    const d = afterThree();
    d.host('rescue:apply', { how: 'since', sinceQuestion: 2 });
    expect(d.standing()).toEqual([1, 2, 3, 4]);
    expect(d.state.effects.at(-1)).toEqual({ type: 'rescue', seats: [3, 4], how: 'since' });
    expect(d.tryHost('rescue:apply', { how: 'since' })).toMatchObject({ error: { code: 'BAD_REQUEST' } });
  });

  it('not while a question is shown, answering or locked', () => {
    const d = afterThree();
    d.host('question:show', { mode: 'main', hideOptions: false });
    expect(d.tryHost('rescue:apply', { how: 'all' })).toMatchObject({ error: { code: 'WRONG_PHASE' } });
    d.host('question:open');
    expect(d.tryHost('rescue:apply', { how: 'all' })).toMatchObject({ error: { code: 'WRONG_PHASE' } });
    d.host('question:lock');
    expect(d.tryHost('rescue:apply', { how: 'all' })).toMatchObject({ error: { code: 'WRONG_PHASE' } });
  });

  it('a rescued seat eliminated again keeps rescued=true and gets the new elimination number', () => {
    const d = afterThree();
    d.host('rescue:apply', { how: 'seats', seats: [5] });
    d.playMain({ 1: 3, 2: 3 }); // q4 correct = 3; seat 5 silent
    expect(d.state.seats[4]).toMatchObject({ status: 'eliminated', rescued: true, eliminatedAt: 4 });
  });
});

describe('rescue question', () => {
  it('only eliminated seats answer; the correct ones return', () => {
    const d = afterThree();
    d.host('question:show', { mode: 'rescue', hideOptions: false });
    const round = d.state.rounds[3];
    expect(round).toMatchObject({ mode: 'rescue', number: null, questionId: 'r1', eligibleSeats: [3, 4, 5] });
    d.host('question:open');
    expect(d.tryAnswer(1, 0)).toMatchObject({ error: { code: 'SEAT_NOT_ELIGIBLE' } });
    d.answer(3, 0);
    d.answer(4, 1);
    d.host('question:lock');
    const out = d.host('question:reveal');
    expect(out.events[0]).toMatchObject({ type: 'revealed', eliminated: [], returned: [3] });
    expect(d.standing()).toEqual([1, 2, 3]);
    expect(d.state.seats[2].rescued).toBe(true);
    // the next main question keeps counting from 4
    d.host('question:show', { mode: 'main', hideOptions: false });
    expect(d.state.rounds[4].number).toBe(4);
  });

  it('with nobody eliminated a rescue question is INVALID_SEATS', () => {
    const d = started();
    expect(d.tryHost('question:show', { mode: 'rescue', hideOptions: false })).toMatchObject({
      error: { code: 'INVALID_SEATS' },
    });
  });
});

describe('automatic rescue', () => {
  it('after a listed main question number every eliminated seat returns', () => {
    const d = started({ rules: { autoRescue: { whenStandingAtMost: null, afterQuestionNumbers: [2] } } });
    d.playMain({ 1: 0, 2: 0, 3: 0 });
    const out = d.playMain({ 1: 1 });
    expect(out.events[0]).toMatchObject({ type: 'revealed', eliminated: [2, 3] });
    expect(out.events[1]).toEqual({ type: 'rescued', seats: [2, 3, 4, 5], how: 'auto' });
    expect(d.standing()).toEqual([1, 2, 3, 4, 5]);
    expect(d.state.effects.at(-1)).toEqual({ type: 'rescue', seats: [2, 3, 4, 5], how: 'auto' });
  });

  it('when the number standing falls to the threshold (once per fall, not while staying below)', () => {
    const d = started({ rules: { autoRescue: { whenStandingAtMost: 2, afterQuestionNumbers: [] } } });
    let out = d.playMain({ 1: 0, 2: 0, 3: 0, 4: 0 });
    expect(out.events).toHaveLength(1);
    out = d.playMain({ 1: 1, 2: 1 }); // 4 → 2 standing
    expect(out.events[1]).toEqual({ type: 'rescued', seats: [3, 4, 5], how: 'auto' });
    expect(d.standing()).toEqual([1, 2, 3, 4, 5]);
  });

  it('a show that starts at or below the threshold never auto-rescues (it must fall to it)', () => {
    const d = started({
      seats: 3,
      rules: { autoRescue: { whenStandingAtMost: 3, afterQuestionNumbers: [] } },
    });
    const out = d.playMain({ 1: 0, 2: 1 });
    expect(out.events).toHaveLength(1);
    expect(d.standing()).toEqual([1]);
  });
});
