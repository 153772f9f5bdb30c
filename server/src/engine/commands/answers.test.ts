import { describe, expect, it } from 'vitest';
import { seatSelf } from '../index.ts';
import { HOST, JUDGE, SYSTEM, player, started, textQ } from '../testing.ts';

function opened(rules = {}) {
  const d = started({ rules });
  d.host('question:show', { mode: 'main', hideOptions: false });
  d.host('question:open');
  return d;
}

describe('answer:submit', () => {
  it('answers may change until lock; the last one counts', () => {
    const d = opened();
    d.answer(1, 1);
    d.now += 1000;
    d.answer(1, 0);
    expect(d.state.rounds[0].answers[1]).toMatchObject({ value: 0, elapsedMs: 1000 });
    expect(seatSelf(d.state, 1)).toMatchObject({ canAnswer: true, answer: 0 });
    d.host('question:lock');
    expect(d.tryAnswer(1, 2)).toMatchObject({ ok: false, error: { code: 'ANSWER_LATE' } });
    d.host('question:reveal');
    expect(d.status(1)).toBe('standing');
  });

  it('with allowAnswerChange off a second answer is ANSWER_LOCKED and the first counts', () => {
    const d = opened({ allowAnswerChange: false });
    d.answer(1, 1);
    expect(seatSelf(d.state, 1).canAnswer).toBe(false);
    expect(d.tryAnswer(1, 0)).toMatchObject({ ok: false, error: { code: 'ANSWER_LOCKED' } });
    expect(d.state.rounds[0].answers[1].value).toBe(1);
  });

  it('an answer within the network grace after the deadline is accepted, after it ANSWER_LATE', () => {
    const d = opened({ lateGraceMs: 800 });
    d.now += 10_000 + 800;
    d.answer(1, 0);
    expect(d.state.rounds[0].answers[1].elapsedMs).toBe(10_800);
    d.now += 1;
    expect(d.tryAnswer(2, 0)).toMatchObject({ ok: false, error: { code: 'ANSWER_LATE' } });
  });

  it('rejects: wrong round, unknown seat, not eligible, not opened, invalid value', () => {
    const d = started();
    d.host('question:show', { mode: 'main', hideOptions: false });
    expect(d.tryAnswer(1, 0)).toMatchObject({ ok: false, error: { code: 'WRONG_PHASE' } });
    d.host('question:open');
    expect(d.try({ type: 'answer:submit', seat: 1, round: 5, value: 0 }, player(1))).toMatchObject({
      error: { code: 'ROUND_MISMATCH' },
    });
    expect(d.try({ type: 'answer:submit', seat: 99, round: 0, value: 0 }, player(99))).toMatchObject({
      error: { code: 'SEAT_NOT_FOUND' },
    });
    expect(d.tryAnswer(1, 7)).toMatchObject({ error: { code: 'ANSWER_INVALID' } });
    expect(d.tryAnswer(1, 'A')).toMatchObject({ error: { code: 'ANSWER_INVALID' } });
    // seat 2 goes out on question 1 and may not answer question 2
    d.answer(1, 0);
    d.answer(2, 3);
    d.host('question:lock');
    d.host('question:reveal');
    d.host('question:show', { mode: 'main', hideOptions: false });
    d.host('question:open');
    expect(d.tryAnswer(2, 1)).toMatchObject({ error: { code: 'SEAT_NOT_ELIGIBLE' } });
  });

  it('answers before any question are NO_ROUND, in the lobby WRONG_STAGE', () => {
    const d = started();
    expect(d.try({ type: 'answer:submit', seat: 1, round: 0, value: 0 }, player(1))).toMatchObject({
      error: { code: 'NO_ROUND' },
    });
  });

  it('only players (own seat) and the host may answer; judges and system may not', () => {
    const d = opened();
    expect(d.try({ type: 'answer:submit', seat: 2, round: 0, value: 0 }, player(1))).toMatchObject({
      error: { code: 'FORBIDDEN' },
    });
    expect(d.try({ type: 'answer:submit', seat: 2, round: 0, value: 0 }, JUDGE)).toMatchObject({
      error: { code: 'FORBIDDEN' },
    });
    expect(d.try({ type: 'answer:submit', seat: 2, round: 0, value: 0 }, SYSTEM)).toMatchObject({
      error: { code: 'FORBIDDEN' },
    });
    // the MC may key in the answer of a seat whose tablet failed
    expect(d.try({ type: 'answer:submit', seat: 2, round: 0, value: 0 }, HOST).ok).toBe(true);
  });

  it('answers bump version but not controlVersion, so the MC commands built before them stay valid', () => {
    const d = opened();
    const cv = d.state.controlVersion;
    const v = d.state.version;
    d.answer(1, 0);
    d.answer(2, 0);
    expect(d.state.version).toBe(v + 2);
    expect(d.state.controlVersion).toBe(cv);
    expect(d.try({ type: 'question:lock', version: cv }, HOST).ok).toBe(true);
  });

  it('an answer copies only the answers map and rounds array (seats, questions, effects shared)', () => {
    const d = opened();
    const before = d.state;
    d.answer(1, 0);
    expect(d.state.seats).toBe(before.seats);
    expect(d.state.questions).toBe(before.questions);
    expect(d.state.effects).toBe(before.effects);
    expect(before.rounds[0].answers[1]).toBeUndefined();
  });

  it('elapsed time excludes pauses', () => {
    const d = opened();
    d.now += 3000;
    d.host('show:pause');
    d.now += 60_000;
    d.host('show:resume');
    d.now += 1000;
    d.answer(1, 0);
    expect(d.state.rounds[0].answers[1].elapsedMs).toBe(4000);
  });

  it('a text question records the string as typed and judges it normalised', () => {
    const d = started({ questions: [textQ('t', ['Căn cước'])] });
    d.host('question:show', { mode: 'main', hideOptions: false });
    d.host('question:open');
    d.answer(1, ' can  cuoc');
    d.answer(2, 'cmnd');
    d.host('question:lock');
    d.host('question:reveal');
    expect(d.state.rounds[0].verdicts).toMatchObject({ 1: true, 2: false });
  });
});
