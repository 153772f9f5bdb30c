import { describe, expect, it } from 'vitest';
import type { Question, TextMatchRules } from '@cv/shared/protocol';
import { isCorrect, normalizeAnswerText, validAnswerFor } from './answers.ts';

const loose: TextMatchRules = { ignoreCase: true, collapseSpaces: true, ignoreDiacritics: true };
const strict: TextMatchRules = { ignoreCase: false, collapseSpaces: false, ignoreDiacritics: false };
const q = (over: Partial<Question>): Question =>
  ({ id: 'q', prompt: 'p', timeLimitSec: 10, pool: 'main', ...over }) as Question;

const single = q({ kind: 'single', options: ['A', 'B', 'C', 'D'], key: { kind: 'single', answer: 2 } });
const tf = q({ kind: 'truefalse', key: { kind: 'truefalse', answer: false } });
const multi = q({ kind: 'multi', options: ['A', 'B', 'C', 'D'], key: { kind: 'multi', answer: [0, 2] } });
const text = q({ kind: 'text', key: { kind: 'text', accepted: ['Căn cước', 'CCCD'] } });
const numeric = q({ kind: 'numeric', key: { kind: 'numeric', value: 25, tolerance: 2 } });
const exact = q({ kind: 'numeric', key: { kind: 'numeric', value: 0.3, tolerance: 0 } });

describe('normalizeAnswerText', () => {
  it('trims, collapses inner spaces, lowercases and strips Vietnamese diacritics incl. đ/Đ', () => {
    expect(normalizeAnswerText('  Căn   cước  công dân ', loose)).toBe('can cuoc cong dan');
    expect(normalizeAnswerText('Định danh ĐIỆN TỬ', loose)).toBe('dinh danh dien tu');
    expect(normalizeAnswerText('Ứng dụng VNeID', loose)).toBe('ung dung vneid');
  });
  it('keeps case, spaces and marks when the rules say so (trim only)', () => {
    expect(normalizeAnswerText('  Căn  cước ', strict)).toBe('Căn  cước');
  });
  it('treats composed and decomposed Unicode input alike', () => {
    expect(normalizeAnswerText('Căn cước'.normalize('NFD'), strict)).toBe('Căn cước'.normalize('NFC'));
  });
});

describe('isCorrect per kind', () => {
  it('single: exact option index', () => {
    expect(isCorrect(single, 2, loose)).toBe(true);
    expect(isCorrect(single, 1, loose)).toBe(false);
  });
  it('truefalse: the boolean', () => {
    expect(isCorrect(tf, false, loose)).toBe(true);
    expect(isCorrect(tf, true, loose)).toBe(false);
  });
  it('multi: the same set, order irrelevant; subset or superset is wrong', () => {
    expect(isCorrect(multi, [2, 0], loose)).toBe(true);
    expect(isCorrect(multi, [0], loose)).toBe(false);
    expect(isCorrect(multi, [0, 1, 2], loose)).toBe(false);
  });
  it('text: "can cuoc" matches "Căn cước" with diacritics ignored, not without', () => {
    expect(isCorrect(text, 'can  CUOC ', loose)).toBe(true);
    expect(isCorrect(text, 'cccd', loose)).toBe(true);
    expect(isCorrect(text, 'can cuoc', { ...loose, ignoreDiacritics: false })).toBe(false);
    expect(isCorrect(text, 'căn cước', { ...loose, ignoreDiacritics: false })).toBe(true);
    expect(isCorrect(text, 'căn cước', strict)).toBe(false);
    expect(isCorrect(text, 'hộ chiếu', loose)).toBe(false);
  });
  it('numeric: within tolerance inclusive, and exact without float noise', () => {
    expect(isCorrect(numeric, 23, loose)).toBe(true);
    expect(isCorrect(numeric, 27, loose)).toBe(true);
    expect(isCorrect(numeric, 27.5, loose)).toBe(false);
    expect(isCorrect(exact, 0.1 + 0.2, loose)).toBe(true);
    expect(isCorrect(exact, 0.31, loose)).toBe(false);
  });
  it('a value of the wrong type is never correct', () => {
    expect(isCorrect(single, '2' as never, loose)).toBe(false);
    expect(isCorrect(tf, 0, loose)).toBe(false);
  });
});

describe('validAnswerFor', () => {
  it('single: integer index within options', () => {
    expect(validAnswerFor(single, 3)).toBe(true);
    expect(validAnswerFor(single, 4)).toBe(false);
    expect(validAnswerFor(single, -1)).toBe(false);
    expect(validAnswerFor(single, 1.5)).toBe(false);
    expect(validAnswerFor(single, true)).toBe(false);
  });
  it('truefalse: boolean only', () => {
    expect(validAnswerFor(tf, true)).toBe(true);
    expect(validAnswerFor(tf, 1)).toBe(false);
  });
  it('multi: non-empty array of distinct in-range indexes (an empty selection is refused)', () => {
    expect(validAnswerFor(multi, [0, 3])).toBe(true);
    expect(validAnswerFor(multi, [0, 0])).toBe(false);
    expect(validAnswerFor(multi, [4])).toBe(false);
    expect(validAnswerFor(multi, [])).toBe(false);
    expect(validAnswerFor(multi, 1)).toBe(false);
  });
  it('text: non-empty string', () => {
    expect(validAnswerFor(text, 'x')).toBe(true);
    expect(validAnswerFor(text, '   ')).toBe(false);
    expect(validAnswerFor(text, 3)).toBe(false);
  });
  it('numeric: finite number', () => {
    expect(validAnswerFor(numeric, -3.5)).toBe(true);
    expect(validAnswerFor(numeric, Number.NaN)).toBe(false);
    expect(validAnswerFor(numeric, Number.POSITIVE_INFINITY)).toBe(false);
    expect(validAnswerFor(numeric, '3')).toBe(false);
  });
});
