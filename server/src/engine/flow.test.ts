import { describe, expect, it } from 'vitest';
import { hostView, publicView, seatSelf, tallyOf } from './index.ts';
import { Driver, makeShow, single, started } from './testing.ts';

describe('basic flow', () => {
  it('start, show, open, answer, lock, reveal eliminates wrong and missing answers', () => {
    const d = started();
    expect(d.state.stage).toBe('running');
    d.host('question:show', { mode: 'main', hideOptions: false });
    expect(d.state.rounds[0]).toMatchObject({
      number: 1,
      phase: 'shown',
      remainingMs: 10_000,
      eligibleSeats: [1, 2, 3, 4, 5],
    });
    d.host('question:open');
    expect(d.state.rounds[0].deadline).toBe(d.now + 10_000);
    d.now += 2_000;
    d.answer(1, 0);
    d.answer(2, 1);
    d.answer(3, 0);
    expect(d.state.rounds[0].answers[1].elapsedMs).toBe(2_000);
    expect(tallyOf(d.state)).toMatchObject({ round: 0, answered: 3, eligible: 5, answeredSeats: [1, 2, 3] });
    d.host('question:lock');
    const out = d.host('question:reveal');
    expect(out.events).toContainEqual({
      type: 'revealed',
      round: 0,
      eliminated: [2, 4, 5],
      returned: [],
      allWrong: false,
    });
    expect(d.standing()).toEqual([1, 3]);
    expect(d.state.seats[1].eliminatedAt).toBe(1);
    const pv = publicView(d.state, new Set([1]));
    expect(pv.round?.verdicts).toEqual({ 1: true, 2: false, 3: true, 4: false, 5: false });
    expect(pv.seats[0].connected).toBe(true);
    expect(hostView(d.state, new Set()).nextStep).toBe('show-question');
    expect(seatSelf(d.state, 2)).toMatchObject({
      correct: false,
      status: 'eliminated',
      answer: 1,
      canAnswer: false,
    });
  });
});

describe('question:show', () => {
  it('picks the next unused main question and numbers main rounds', () => {
    const d = started();
    d.playMain({ 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 });
    d.host('question:show', { mode: 'main', hideOptions: false });
    expect(d.state.rounds[1]).toMatchObject({ questionId: 'm2', number: 2, mode: 'main' });
  });

  it('refuses while a question is in progress, a used or unknown question, and an exhausted pool', () => {
    const d = started({ seats: 2 });
    d.host('question:show', { mode: 'main', hideOptions: false });
    expect(d.tryHost('question:show', { mode: 'main', hideOptions: false })).toMatchObject({
      error: { code: 'WRONG_PHASE' },
    });
    d.host('question:open');
    d.answer(1, 0);
    d.answer(2, 0);
    d.host('question:lock');
    d.host('question:reveal');
    expect(d.tryHost('question:show', { questionId: 'm1', mode: 'main', hideOptions: false })).toMatchObject({
      error: { code: 'QUESTION_USED' },
    });
    expect(
      d.tryHost('question:show', { questionId: 'nope', mode: 'main', hideOptions: false }),
    ).toMatchObject({
      error: { code: 'QUESTION_NOT_FOUND' },
    });
    d.playMain({ 1: 1, 2: 1 }, { questionId: 'm2', mode: 'main', hideOptions: false });
    for (const id of ['m3', 'm4', 'm5']) d.playMain({}, { questionId: id, mode: 'main', hideOptions: false });
    expect(d.tryHost('question:show', { mode: 'main', hideOptions: false })).toMatchObject({
      error: { code: 'QUESTION_NOT_FOUND' },
    });
  });

  it('main needs someone standing', () => {
    const d = started({ seats: 2, rules: { allWrongRule: 'all-eliminated' } });
    d.playMain({ 1: 1, 2: 1 });
    expect(d.tryHost('question:show', { mode: 'main', hideOptions: false })).toMatchObject({
      error: { code: 'INVALID_SEATS' },
    });
  });

  it('hidden options are withheld from the public view until question:options or open', () => {
    const d = started();
    d.host('question:show', { mode: 'main', hideOptions: true });
    expect(publicView(d.state, new Set()).round?.question.options).toBeUndefined();
    expect(hostView(d.state, new Set()).round?.question.options).toEqual(['A', 'B', 'C', 'D']);
    d.host('question:options');
    expect(publicView(d.state, new Set()).round?.question.options).toEqual(['A', 'B', 'C', 'D']);
    expect(d.tryHost('question:options')).toMatchObject({ error: { code: 'WRONG_PHASE' } });
  });

  it('open also reveals hidden options', () => {
    const d = started();
    d.host('question:show', { mode: 'main', hideOptions: true });
    d.host('question:open');
    expect(d.state.rounds[0].optionsHidden).toBe(false);
  });

  it('phases go in order: open only from shown, lock only from answering, reveal only from locked', () => {
    const d = started();
    expect(d.tryHost('question:open')).toMatchObject({ error: { code: 'NO_ROUND' } });
    d.host('question:show', { mode: 'main', hideOptions: false });
    expect(d.tryHost('question:lock')).toMatchObject({ error: { code: 'WRONG_PHASE' } });
    expect(d.tryHost('question:reveal')).toMatchObject({ error: { code: 'WRONG_PHASE' } });
    d.host('question:open');
    expect(d.tryHost('question:open')).toMatchObject({ error: { code: 'WRONG_PHASE' } });
    expect(d.tryHost('question:reveal')).toMatchObject({ error: { code: 'WRONG_PHASE' } });
    expect(d.host('question:lock').events).toEqual([{ type: 'locked', round: 0, auto: false }]);
    expect(d.state.rounds[0].deadline).toBeNull();
    d.host('question:reveal');
    expect(d.tryHost('question:reveal')).toMatchObject({ error: { code: 'WRONG_PHASE' } });
  });
});

describe('golden bell', () => {
  it('a correct golden answer rings the bell; nobody is eliminated on a golden question', () => {
    const d = started({ seats: 3 });
    d.playMain({ 1: 0, 2: 0 }); // seat 3 out → 2 standing
    d.host('question:show', { mode: 'golden', hideOptions: false });
    expect(d.state.rounds[1]).toMatchObject({
      mode: 'golden',
      number: null,
      questionId: 'g1',
      eligibleSeats: [1, 2],
    });
    d.host('question:open');
    d.answer(1, 3);
    d.answer(2, 0);
    d.host('question:lock');
    const out = d.host('question:reveal');
    expect(out.events).toContainEqual({ type: 'bell-rung', seats: [1] });
    expect(d.standing()).toEqual([1, 2]);
    expect(d.state.seats[0].bell).toBe(true);
    expect(publicView(d.state, new Set()).bellSeats).toEqual([1]);
    expect(hostView(d.state, new Set()).nextStep).toBe('finish');
  });

  it('a wrong golden answer rings nothing', () => {
    const d = started({ seats: 1 });
    const out = d.playMain({ 1: 0 }, { mode: 'golden', hideOptions: false });
    expect(out.events.some((e) => e.type === 'bell-rung')).toBe(false);
    expect(d.state.seats[0].bell).toBe(false);
  });

  it('is due when ≤ K remain, or when the fixed question number is next; not once rung', () => {
    const d = started({ seats: 3, rules: { goldenBell: { whenStandingAtMost: 1, atQuestionNumber: 3 } } });
    expect(publicView(d.state, new Set()).goldenBellDue).toBe(false);
    d.playMain({ 1: 0, 2: 0, 3: 0 });
    d.playMain({ 1: 1, 2: 1, 3: 1 });
    expect(publicView(d.state, new Set()).goldenBellDue).toBe(true); // next main number is 3
    expect(hostView(d.state, new Set()).nextStep).toBe('golden-bell');
    d.playMain({ 1: 2 }); // seats 2,3 out → 1 standing
    expect(publicView(d.state, new Set()).goldenBellDue).toBe(true);
    d.playMain({ 1: 3 }, { mode: 'golden', hideOptions: false });
    expect(publicView(d.state, new Set()).goldenBellDue).toBe(false);
  });
});

describe('tie-break', () => {
  it('only the given seats answer, statuses do not change, and bad seat lists are INVALID_SEATS', () => {
    const d = started({ seats: 4 });
    d.playMain({ 1: 0, 2: 0 }); // 3, 4 out at 1
    for (const seats of [[3], [3, 9], [3, 3]]) {
      expect(d.tryHost('question:show', { mode: 'tiebreak', seats, hideOptions: false })).toMatchObject({
        error: { code: 'INVALID_SEATS' },
      });
    }
    expect(d.tryHost('question:show', { mode: 'tiebreak', hideOptions: false })).toMatchObject({
      error: { code: 'INVALID_SEATS' },
    });
    d.host('question:show', { mode: 'tiebreak', seats: [4, 3], hideOptions: false });
    expect(d.state.rounds[1]).toMatchObject({
      mode: 'tiebreak',
      number: null,
      eligibleSeats: [3, 4],
      questionId: 't1',
    });
    d.host('question:open');
    expect(d.tryAnswer(1, 0)).toMatchObject({ error: { code: 'SEAT_NOT_ELIGIBLE' } });
    d.answer(3, 0);
    d.host('question:lock');
    const out = d.host('question:reveal');
    expect(out.events[0]).toMatchObject({ eliminated: [], returned: [] });
    expect(d.standing()).toEqual([1, 2]);
  });
});

describe('nextStep', () => {
  it('walks lobby → start, shown → open, answering → lock, locked → reveal, finished → confirm-prizes → done', () => {
    const d = new Driver(makeShow({ seats: 3 }));
    const step = () => hostView(d.state, new Set()).nextStep;
    expect(step()).toBe('start');
    d.host('show:start');
    expect(step()).toBe('show-question');
    d.host('question:show', { mode: 'main', hideOptions: false });
    expect(step()).toBe('open');
    d.host('question:open');
    expect(step()).toBe('lock');
    d.host('question:lock');
    expect(step()).toBe('reveal');
    d.host('question:reveal'); // all wrong: nobody out
    expect(step()).toBe('show-question');
    d.host('show:finish');
    expect(step()).toBe('confirm-prizes');
    d.host('prizes:confirm', { awards: [] });
    expect(step()).toBe('done');
  });

  it('suggests finish when one or none remain and no golden question is left, or the main pool is empty', () => {
    const d = started({ seats: 2, questions: [single('m1', 0)] });
    d.playMain({ 1: 0, 2: 0 });
    expect(hostView(d.state, new Set()).nextStep).toBe('finish');
    const e = started({ seats: 2, questions: [single('m1', 0), single('m2', 0)] });
    e.playMain({ 1: 0 });
    expect(hostView(e.state, new Set()).nextStep).toBe('finish');
  });
});
