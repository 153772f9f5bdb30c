import { describe, expect, it } from 'vitest';
import { makeRound, makeSeats } from './testing/fake-show-client.ts';
import {
  choicesOf,
  displaySeconds,
  formatAnswer,
  formatKey,
  isCorrectChoice,
  sameAnswer,
  seatTileState,
} from './format.ts';

const t = (key: string, named?: Record<string, unknown>) => (named ? `${key}:${JSON.stringify(named)}` : key);

describe('format helpers', () => {
  it('choices: letters for options, Đ/S for true/false, none for typed answers', () => {
    expect(choicesOf({ kind: 'single', options: ['x', 'y'] }).map((c) => c.letter)).toEqual(['A', 'B']);
    expect(choicesOf({ kind: 'truefalse' }).map((c) => c.value)).toEqual([true, false]);
    expect(choicesOf({ kind: 'text' })).toEqual([]);
  });
  it('correct choices per key kind', () => {
    expect(isCorrectChoice({ kind: 'single', answer: 2 }, 2)).toBe(true);
    expect(isCorrectChoice({ kind: 'multi', answer: [0, 3] }, 3)).toBe(true);
    expect(isCorrectChoice({ kind: 'truefalse', answer: false }, true)).toBe(false);
    expect(isCorrectChoice(null, 1)).toBe(false);
  });
  it('same answer: a multi-select is a set, per the kind', () => {
    expect(sameAnswer('multi', [2, 0], [0, 2])).toBe(true);
    expect(sameAnswer('multi', [2], [0, 2])).toBe(false);
    expect(sameAnswer('single', null, null)).toBe(true);
    expect(sameAnswer('single', 1, null)).toBe(false);
  });
  it('answer texts', () => {
    const q = { kind: 'single' as const, options: ['Hà Nội', 'Huế'] };
    expect(formatAnswer(1, q, t)).toBe('B. Huế');
    expect(formatAnswer([1, 0], { kind: 'multi', options: ['a', 'b'] }, t)).toBe('A, B');
    expect(formatAnswer(true, { kind: 'truefalse' }, t)).toBe('answer.true');
    expect(formatAnswer(1, q, t, { withText: false })).toBe('B');
    expect(formatAnswer(12.5, { kind: 'numeric' }, t)).toBe('12,5');
    expect(formatAnswer(null, q, t)).toBe('answer.none');
    expect(formatKey({ kind: 'numeric', value: 12, tolerance: 0 }, {}, t)).toBe('12');
  });
  it('seat tile states', () => {
    const [s1, s2] = makeSeats(2, (n) => (n === 2 ? { status: 'eliminated' } : { answered: true }));
    const answering = makeRound({ eligibleSeats: [1] });
    expect(seatTileState(s1, answering)).toBe('answered');
    expect(seatTileState(s2, answering)).toBe('eliminated');
    expect(seatTileState({ ...s1, answered: false }, makeRound({ eligibleSeats: [2] }))).toBe('waiting');
    expect(
      seatTileState({ ...s1, answered: false }, makeRound({ eligibleSeats: [2], phase: 'revealed' })),
    ).toBe('standing');
    expect(seatTileState({ ...s2, answered: true }, makeRound({ eligibleSeats: [2], mode: 'rescue' }))).toBe(
      'answered',
    );
    expect(
      seatTileState({ ...s2, answered: true }, makeRound({ eligibleSeats: [2], phase: 'revealed' })),
    ).toBe('eliminated');
    expect(seatTileState({ ...s1, bell: true }, null)).toBe('bell');
  });
  it('display seconds round up and never go negative', () => {
    expect(displaySeconds(12_300)).toBe(13);
    expect(displaySeconds(-5)).toBe(0);
    expect(displaySeconds(null)).toBeNull();
  });
});
