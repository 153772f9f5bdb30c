import { describe, expect, it } from 'vitest';
import { formatAnswer, formatKey } from '@cv/shared/ui/format.ts';
import { distributionFromAnswers, parseSeatList } from './format.ts';

const t = (k: string) => ({ 'answer.true': 'Đúng', 'answer.false': 'Sai' })[k] ?? k;

describe('format helpers', () => {
  it('reads answers and keys aloud', () => {
    const aloud = { withText: false };
    expect(formatAnswer(2, { kind: 'single', options: ['a', 'b', 'c'] }, t, aloud)).toBe('C');
    expect(formatAnswer([3, 0], { kind: 'multi' }, t, aloud)).toBe('A, D');
    expect(formatAnswer(false, { kind: 'truefalse' }, t, aloud)).toBe('Sai');
    expect(formatKey({ kind: 'text', accepted: ['VNeID', 'V-NeID'] }, {}, t)).toBe('VNeID / V-NeID');
    expect(formatKey({ kind: 'truefalse', answer: true }, {}, t)).toBe('Đúng');
  });

  it('parses seat lists with ranges and reports junk', () => {
    expect(parseSeatList('3, 5;12-14  2')).toEqual({ seats: [2, 3, 5, 12, 13, 14], invalid: [] });
    expect(parseSeatList('4 abc 0')).toEqual({ seats: [4], invalid: ['abc', '0'] });
  });

  it('counts answers per option when no tally has arrived', () => {
    const answers = {
      1: { value: 0, correct: true },
      2: { value: 1, correct: false },
      3: { value: 0, correct: true },
    };
    expect(distributionFromAnswers({ kind: 'single', options: ['a', 'b'] }, answers)).toEqual({
      '0': 2,
      '1': 1,
    });
    expect(distributionFromAnswers({ kind: 'text' }, answers)).toEqual({ correct: 2, wrong: 1 });
  });
});
