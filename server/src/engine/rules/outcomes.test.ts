import { describe, expect, it } from 'vitest';
import { crowdView, publicView, seatSelf } from '../index.ts';
import { JUDGE, started } from '../testing.ts';
import { revealOutcomes, seatOutcome } from './outcomes.ts';

const result = (d: ReturnType<typeof started>, seat: number) => seatOutcome(d.state, seat)?.result;
const field = (d: ReturnType<typeof started>) => revealOutcomes(d.state)?.field;

describe('seat outcomes of a main question', () => {
  it('right stays, wrong or missing is out at this question', () => {
    const d = started({ seats: 3 });
    d.playMain({ 1: 0, 2: 1 }); // key 0; seat 3 gives no answer
    expect(seatOutcome(d.state, 1)).toEqual({
      round: 0,
      verdict: 'correct',
      revised: false,
      result: { kind: 'stays' },
    });
    expect(seatOutcome(d.state, 2)).toEqual({
      round: 0,
      verdict: 'wrong',
      revised: false,
      result: { kind: 'eliminated', atQuestion: 1, allWrong: false },
    });
    expect(seatOutcome(d.state, 3)?.verdict).toBe('missed');
    expect(result(d, 3)).toEqual({ kind: 'eliminated', atQuestion: 1, allWrong: false });
    expect(field(d)).toEqual({ eliminated: [2, 3], returned: [], allWrong: null, bell: [], revised: [] });
  });

  it('nothing before the reveal, nothing for a withdrawn question', () => {
    const d = started({ seats: 2 });
    d.host('question:show', { mode: 'main', hideOptions: false });
    d.host('question:open');
    d.answer(1, 0);
    expect(seatOutcome(d.state, 1)).toBeNull();
    d.host('question:lock');
    expect(seatOutcome(d.state, 1)).toBeNull();
    d.host('question:reveal');
    expect(result(d, 1)).toEqual({ kind: 'stays' });
    d.host('question:swap', {});
    expect(seatOutcome(d.state, 1)).toBeNull();
    expect(revealOutcomes(d.state)).toBeNull();
  });

  it('all wrong, nobody eliminated: each wrong seat is saved by the rule — not "everybody was wrong" guessed on a device', () => {
    const d = started({ seats: 3, rules: { allWrongRule: 'nobody-eliminated' } });
    d.playMain({ 1: 1, 2: 2, 3: 3 });
    for (const seat of [1, 2, 3]) expect(result(d, seat)).toEqual({ kind: 'saved-all-wrong' });
    expect(field(d)).toMatchObject({ eliminated: [], allWrong: 'nobody-eliminated' });
  });

  it('all wrong with the tie-break rule: a tie-break among those seats decides', () => {
    const d = started({ seats: 3, rules: { allWrongRule: 'tie-break' } });
    d.playMain({ 1: 1, 2: 2, 3: 3 });
    for (const seat of [1, 2, 3]) expect(result(d, seat)).toEqual({ kind: 'tie-break' });
    expect(field(d)?.allWrong).toBe('tie-break');
  });

  it('all wrong with the all-eliminated rule: out, and the seat is told it was the rule', () => {
    const d = started({ seats: 2, rules: { allWrongRule: 'all-eliminated' } });
    d.playMain({ 1: 1, 2: 2 });
    expect(result(d, 1)).toEqual({ kind: 'eliminated', atQuestion: 1, allWrong: true });
    expect(field(d)).toMatchObject({ eliminated: [1, 2], allWrong: 'all-eliminated' });
  });

  it('wrong but rescued automatically in the same reveal: returned (auto), not "all wrong"', () => {
    const d = started({
      seats: 4,
      rules: { autoRescue: { whenStandingAtMost: 1, afterQuestionNumbers: [] } },
    });
    d.playMain({ 1: 0, 2: 1, 3: 1, 4: 1 }); // three out, one left ≤ 1: everyone out comes back
    expect(result(d, 1)).toEqual({ kind: 'stays' });
    for (const seat of [2, 3, 4]) expect(result(d, seat)).toEqual({ kind: 'returned', how: 'auto' });
    expect(seatOutcome(d.state, 2)?.verdict).toBe('wrong');
    expect(field(d)).toMatchObject({ eliminated: [], returned: [2, 3, 4] });
  });

  it("a seat out earlier only watches; the MC's rescue after the reveal brings it back", () => {
    const d = started({ seats: 3 });
    d.playMain({ 1: 0, 2: 0, 3: 1 }); // seat 3 out at 1
    d.playMain({ 1: 1, 2: 0 }); // seat 2 out at 2
    expect(seatOutcome(d.state, 3)).toEqual({
      round: 1,
      verdict: null,
      revised: false,
      result: { kind: 'watching' },
    });
    d.host('rescue:apply', { how: 'seats', seats: [2, 3] });
    expect(result(d, 2)).toEqual({ kind: 'returned', how: 'seats' });
    expect(result(d, 3)).toEqual({ kind: 'returned', how: 'seats' });
    expect(field(d)).toMatchObject({ eliminated: [], returned: [2, 3] });
  });
});

describe('seat outcomes of the other rounds', () => {
  it('golden bell: right rings the bell; wrong while another rings it stays standing without a bell', () => {
    const d = started({ seats: 3, rules: { goldenBell: { whenStandingAtMost: 2, atQuestionNumber: null } } });
    d.playMain({ 1: 0, 2: 0, 3: 1 });
    d.playMain({ 1: 1, 2: 1 }, { mode: 'golden', hideOptions: false }); // g1: key 3
    expect(result(d, 1)).toEqual({ kind: 'golden-missed' });
    d.host('verdict:revise', { round: 1, seat: 1, correct: true, reason: 'thử chuông' }, JUDGE);
    expect(result(d, 1)).toEqual({ kind: 'bell' });
    expect(seatOutcome(d.state, 1)?.revised).toBe(true);
    expect(result(d, 2)).toEqual({ kind: 'golden-missed' });
    expect(result(d, 3)).toEqual({ kind: 'watching' });
    expect(field(d)).toMatchObject({ bell: [1], revised: [1] });
  });

  it('rescue question: right returns (rescue-question), wrong stays out, the standing watch', () => {
    const d = started({ seats: 4 });
    d.playMain({ 1: 0, 2: 1, 3: 1, 4: 1 });
    d.playMain({ 2: 0, 3: 1 }, { mode: 'rescue', hideOptions: false }); // r1: key 0; seat 4 silent
    expect(result(d, 2)).toEqual({ kind: 'returned', how: 'rescue-question' });
    expect(result(d, 3)).toEqual({ kind: 'still-out' });
    expect(result(d, 4)).toEqual({ kind: 'still-out' });
    expect(result(d, 1)).toEqual({ kind: 'watching' });
    expect(field(d)).toMatchObject({ eliminated: [], returned: [2] });
  });

  it('tie-break question: played by its seats (no status changes), watched by the others', () => {
    const d = started({ seats: 3 });
    d.playMain({ 1: 0, 2: 0, 3: 0 });
    d.playMain({ 1: 0, 2: 1 }, { mode: 'tiebreak', seats: [1, 2], hideOptions: false });
    expect(result(d, 1)).toEqual({ kind: 'tie-break-played' });
    expect(seatOutcome(d.state, 1)?.verdict).toBe('correct');
    expect(result(d, 2)).toEqual({ kind: 'tie-break-played' });
    expect(result(d, 3)).toEqual({ kind: 'watching' });
  });
});

describe('judges revise a verdict', () => {
  it("the seat's own revision: out becomes stays, marked revised", () => {
    const d = started({ seats: 3 });
    d.playMain({ 1: 0, 2: 1, 3: 0 });
    d.host('verdict:revise', { round: 0, seat: 2, correct: true, reason: 'đáp án B cũng đúng' }, JUDGE);
    expect(seatOutcome(d.state, 2)).toEqual({
      round: 0,
      verdict: 'correct',
      revised: true,
      result: { kind: 'stays' },
    });
    expect(field(d)).toMatchObject({ eliminated: [], revised: [2] });
  });

  it("another seat's revision ends an all-wrong save: the others are out after all", () => {
    const d = started({ seats: 3 });
    d.playMain({ 1: 1, 2: 2, 3: 3 });
    expect(result(d, 2)).toEqual({ kind: 'saved-all-wrong' });
    d.host('verdict:revise', { round: 0, seat: 1, correct: true, reason: 'phúc khảo' }, JUDGE);
    expect(result(d, 1)).toEqual({ kind: 'stays' });
    expect(result(d, 2)).toEqual({ kind: 'eliminated', atQuestion: 1, allWrong: false });
    expect(seatOutcome(d.state, 2)?.revised).toBe(false);
    expect(field(d)).toMatchObject({ eliminated: [2, 3], allWrong: null });
  });

  it('a revision of an earlier question puts a seat out that answered this one right', () => {
    const d = started({ seats: 3 });
    d.playMain({ 1: 0, 2: 0, 3: 1 });
    d.playMain({ 1: 1, 2: 1 });
    d.host('verdict:revise', { round: 0, seat: 2, correct: false, reason: 'ghi nhầm' }, JUDGE);
    expect(result(d, 2)).toEqual({ kind: 'eliminated', atQuestion: 1, allWrong: false });
    expect(seatOutcome(d.state, 2)?.verdict).toBe('correct');
  });
});

describe('outcomes in the views', () => {
  it("seat:self carries its own outcome; screens get the field; the crowd view carries neither nor others' verdicts", () => {
    const d = started({ seats: 3 });
    d.playMain({ 1: 0, 2: 1 });
    expect(seatSelf(d.state, 2).outcome?.result).toEqual({
      kind: 'eliminated',
      atQuestion: 1,
      allWrong: false,
    });
    const view = publicView(d.state, new Set([1, 2, 3]));
    expect(view.round?.outcome).toEqual({
      eliminated: [2, 3],
      returned: [],
      allWrong: null,
      bell: [],
      revised: [],
    });
    const crowd = crowdView(view);
    expect(crowd.round).toMatchObject({ outcome: null, verdicts: null, phase: 'revealed' });
    expect(crowd.round?.revealedKey).toEqual({ kind: 'single', answer: 0 });
    expect(crowd.seats).toEqual([]);
  });
});
