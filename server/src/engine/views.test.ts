import { describe, expect, it } from 'vitest';
import type { Question } from '@cv/shared/protocol';
import { hostView, publicView, seatSelf, tallyOf } from './index.ts';
import { single, started, textQ } from './testing.ts';

const SECRET = 'KEYWORD-XYZ';
const secretQ = (): Question => ({ ...textQ('k', [SECRET]), explanation: 'EXPLAIN-ME' });

describe('public view redaction', () => {
  it('never contains the key, explanation or answer values before the reveal; does after', () => {
    const d = started({ seats: 3, questions: [secretQ()] });
    const pub = () => JSON.stringify(publicView(d.state, new Set([1, 2, 3])));
    d.host('question:show', { mode: 'main', hideOptions: false });
    expect(pub()).not.toContain(SECRET);
    d.host('question:open');
    d.answer(1, 'keyword-xyz');
    d.answer(2, 'SEAT-TWO-GUESS');
    expect(pub()).not.toContain(SECRET);
    expect(pub()).not.toContain('SEAT-TWO-GUESS');
    expect(pub()).not.toContain('EXPLAIN-ME');
    expect(JSON.stringify(hostView(d.state, new Set()))).toContain(SECRET);
    d.host('question:lock');
    expect(pub()).not.toContain(SECRET);
    expect(pub()).not.toContain('SEAT-TWO-GUESS');
    d.host('question:reveal');
    expect(pub()).toContain(SECRET);
    expect(pub()).toContain('EXPLAIN-ME');
  });

  it('single choice: no correct index, no verdicts, distribution only from lock', () => {
    const d = started({ seats: 3 });
    d.host('question:show', { mode: 'main', hideOptions: false });
    d.host('question:open');
    d.answer(1, 0);
    d.answer(2, 2);
    let round = publicView(d.state, new Set()).round!;
    expect(round).toMatchObject({
      revealedKey: null,
      verdicts: null,
      distribution: null,
      explanation: null,
      answeredCount: 2,
    });
    expect(JSON.stringify(round)).not.toContain('"key"');
    expect(publicView(d.state, new Set()).seats.map((s) => s.answered)).toEqual([true, true, false]);
    d.host('question:lock');
    round = publicView(d.state, new Set()).round!;
    expect(round.distribution).toEqual({ 0: 1, 1: 0, 2: 1, 3: 0 });
    expect(round.revealedKey).toBeNull();
    d.host('question:reveal');
    round = publicView(d.state, new Set()).round!;
    expect(round.revealedKey).toEqual({ kind: 'single', answer: 0 });
    expect(round.verdicts).toEqual({ 1: true, 2: false, 3: false });
  });

  it('text/numeric distributions count correct/wrong; multi counts each option', () => {
    const d = started({
      seats: 2,
      questions: [
        textQ('t', ['Căn cước']),
        { ...single('mu', 0), kind: 'multi', key: { kind: 'multi', answer: [0, 1] } },
      ],
    });
    d.host('question:show', { mode: 'main', hideOptions: false });
    d.host('question:open');
    d.answer(1, 'can cuoc');
    d.answer(2, 'x');
    d.host('question:lock');
    // right/wrong counts are verdicts: the public waits for the reveal, the MC does not
    expect(publicView(d.state, new Set()).round?.distribution).toBeNull();
    expect(hostView(d.state, new Set()).round?.distribution).toEqual({ correct: 1, wrong: 1 });
    d.host('question:reveal');
    expect(publicView(d.state, new Set()).round?.distribution).toEqual({ correct: 1, wrong: 1 });
    d.host('question:show', { mode: 'main', hideOptions: false });
    d.host('question:open');
    d.answer(1, [0, 1]);
    expect(tallyOf(d.state)?.distribution).toEqual({ 0: 1, 1: 1, 2: 0, 3: 0 });
  });

  it('standings, unit standings and prizes only once finished and confirmed by the BTC', () => {
    const d = started({ seats: 3, units: ['A', 'A', 'B'] });
    d.playMain({ 1: 0, 2: 0 });
    let v = publicView(d.state, new Set());
    expect([v.standings, v.unitStandings, v.prizes]).toEqual([null, null, null]);
    d.host('show:finish');
    v = publicView(d.state, new Set());
    // the MC ended the show; the hall waits for the BTC
    expect([v.standings, v.unitStandings, v.prizes]).toEqual([null, null, null]);
    expect(hostView(d.state, new Set()).standings.map((r) => r.seat)).toEqual([1, 2, 3]);
    d.host('prizes:confirm', { awards: [{ prize: 'first', seats: [1, 2] }] });
    v = publicView(d.state, new Set());
    expect(v.standings?.map((r) => r.seat)).toEqual([1, 2, 3]);
    expect(v.unitStandings?.map((u) => u.unit)).toEqual(['A', 'B']);
    expect(v.prizes).toEqual([{ prize: 'first', seats: [1, 2] }]);
  });
});

describe('host view', () => {
  it('has the key, answers with correctness, the bank with used flags, rounds, standings and proposed prizes', () => {
    const d = started({ seats: 3 });
    d.host('question:show', { mode: 'main', hideOptions: false });
    d.host('question:open');
    d.now += 1500;
    d.answer(1, 0);
    d.answer(2, 1);
    const hv = hostView(d.state, new Set([2]));
    expect(hv.round?.key).toEqual({ kind: 'single', answer: 0 });
    expect(hv.round?.answers).toEqual({
      1: { value: 0, elapsedMs: 1500, correct: true },
      2: { value: 1, elapsedMs: 1500, correct: false },
    });
    expect(hv.round?.distribution).toEqual({ 0: 1, 1: 1, 2: 0, 3: 0 });
    expect(hv.questions.find((q) => q.id === 'm1')).toMatchObject({ used: true, key: { answer: 0 } });
    expect(hv.questions.find((q) => q.id === 'm2')?.used).toBe(false);
    expect(hv.rounds).toEqual([
      {
        index: 0,
        mode: 'main',
        number: 1,
        questionId: 'm1',
        voided: false,
        eligibleSeats: [1, 2, 3],
        verdicts: null,
      },
    ]);
    expect(hv.standings).toHaveLength(3);
    expect(hv.proposedPrizes).toEqual([]); // nothing revealed yet: everyone ties, nobody is proposed
    expect(hv.rules.lateGraceMs).toBe(800);
    expect(hv.seats[1].connected).toBe(true);
  });

  it('proposes prizes only once a question was revealed (never Giải Nhất for every seat in the lobby)', () => {
    const d = started({ seats: 4 });
    expect(hostView(d.state, new Set()).proposedPrizes).toEqual([]);
    d.playMain({ 1: 0, 2: 1, 3: 0, 4: 1 });
    const first = hostView(d.state, new Set()).proposedPrizes.find((p) => p.prize === 'first');
    expect(first?.seats.length).toBeLessThan(4);
  });

  it('lists revisions of the current round', () => {
    const d = started({ seats: 2 });
    d.playMain({ 1: 0, 2: 1 });
    d.host('verdict:revise', { round: 0, seat: 2, correct: true, reason: 'đồng ý' });
    expect(hostView(d.state, new Set()).round?.revisions).toEqual([
      { seat: 2, correct: true, reason: 'đồng ý', by: 'host' },
    ]);
  });
});

describe('seatSelf', () => {
  it('own answer, canAnswer while answering, correct only after reveal', () => {
    const d = started({ seats: 2 });
    expect(seatSelf(d.state, 1)).toMatchObject({
      canAnswer: false,
      eligible: false,
      round: null,
      answer: null,
      correct: null,
    });
    d.host('question:show', { mode: 'main', hideOptions: false });
    expect(seatSelf(d.state, 1)).toMatchObject({ canAnswer: false, eligible: true, round: 0 });
    d.host('question:open');
    expect(seatSelf(d.state, 1).canAnswer).toBe(true);
    d.answer(1, 2);
    expect(seatSelf(d.state, 1)).toMatchObject({ canAnswer: true, answer: 2, correct: null });
    d.host('show:pause');
    expect(seatSelf(d.state, 1).canAnswer).toBe(false);
    d.host('show:resume');
    d.host('question:lock');
    expect(seatSelf(d.state, 1)).toMatchObject({ canAnswer: false, correct: null });
    d.host('question:reveal');
    expect(seatSelf(d.state, 1)).toMatchObject({ correct: false, status: 'standing' });
    expect(seatSelf(d.state, 2)).toMatchObject({ correct: false, answer: null });
  });
});

describe('tallyOf', () => {
  it('is null before any question', () => {
    expect(tallyOf(started().state)).toBeNull();
  });
});
