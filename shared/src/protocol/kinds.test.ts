import { describe, expect, it } from 'vitest';
import {
  answerFits,
  answerKeySchema,
  answerValueSchema,
  countAnswer,
  distributionDue,
  emptyDistribution,
  judgeAnswer,
  kindSpec,
  QUESTION_KINDS,
  sameAnswer,
  type AnswerKey,
  type QuestionKind,
} from './kinds.ts';
import { DEFAULT_RULES } from './model.ts';
import { questionSchema } from './schemas.ts';

const loose = DEFAULT_RULES.textMatch;
const t = (key: string, named?: Record<string, unknown>) => (named ? `${key}:${JSON.stringify(named)}` : key);

/** one question per kind: a new kind without a sample here does not compile */
const SAMPLES: Record<QuestionKind, { options?: string[]; key: AnswerKey }> = {
  single: { options: ['a', 'b', 'c', 'd'], key: { kind: 'single', answer: 2 } },
  truefalse: { key: { kind: 'truefalse', answer: false } },
  multi: { options: ['a', 'b', 'c', 'd'], key: { kind: 'multi', answer: [0, 2] } },
  text: { key: { kind: 'text', accepted: ['Căn cước', 'CCCD'] } },
  numeric: { key: { kind: 'numeric', value: 25, tolerance: 2 } },
  ordering: { options: ['a', 'b', 'c', 'd'], key: { kind: 'ordering', order: [2, 0, 3, 1] } },
};
const question = (kind: QuestionKind) => ({ kind, ...SAMPLES[kind] });

describe.each(QUESTION_KINDS)('kind %s, as the table describes it', (kind) => {
  const q = question(kind);
  const spec = kindSpec(kind);
  const n = q.options?.length ?? 0;
  const right = spec.examples.right(q.key);
  const wrong = spec.examples.wrong(q.key, n);

  it('a sample question passes the question schema, and its key the key schema', () => {
    expect(questionSchema.safeParse({ id: 'q', prompt: 'p', ...q }).success).toBe(true);
    expect(answerKeySchema.parse(q.key)).toEqual(q.key);
  });
  it('the right answer and a wrong one both fit and reach the edge; only the right one is correct', () => {
    for (const v of [right, wrong]) {
      expect(answerFits(q, v)).toBe(true);
      expect(answerValueSchema.safeParse(v).success).toBe(true);
    }
    expect(judgeAnswer(q, right, loose)).toBe(true);
    expect(judgeAnswer(q, wrong, loose)).toBe(false);
    expect(answerFits(q, spec.examples.any(n))).toBe(true);
  });
  it('a key of another kind judges nothing correct', () => {
    const other = QUESTION_KINDS.find((k) => k !== kind)!;
    expect(judgeAnswer({ ...q, key: SAMPLES[other].key }, right, loose)).toBe(false);
  });
  it('an answer is the same as itself, and differs from a wrong one', () => {
    expect(sameAnswer(kind, right, right)).toBe(true);
    expect(sameAnswer(kind, right, wrong)).toBe(false);
  });
  it('answers and keys read as text', () => {
    expect(spec.formatAnswer(right, q.options, t, {})).not.toBe('');
    expect(spec.formatKey(q.key, q.options, t, {})).not.toBe('');
  });
  it('the spreadsheet cell round-trips the key', () => {
    const read = spec.sheet.readKey(
      spec.sheet.writeKey(q.key),
      n,
      spec.sheet.tolerance?.(q.key) ?? undefined,
    );
    expect('key' in read && { kind, ...read.key }).toEqual(q.key);
  });
  it('kinds with options can have them shuffled, and a shuffled answer maps back', () => {
    expect(spec.unshuffle !== null).toBe(spec.options !== null);
    if (!spec.unshuffle) return;
    const identity = (q.options ?? []).map((_, i) => i);
    expect(spec.unshuffle(right, identity)).toEqual(right);
  });
  it('counts: per choice from the lock, or right/wrong from the reveal', () => {
    const dist = emptyDistribution(q);
    countAnswer(dist, q, right, () => true);
    countAnswer(dist, q, wrong, () => false);
    const total = Object.values(dist).reduce((a, b) => a + b, 0);
    expect(total).toBeGreaterThanOrEqual(2);
    expect(distributionDue(kind, 'answering')).toBe(false);
    expect(distributionDue(kind, 'locked')).toBe(spec.distribution === 'choices');
    expect(distributionDue(kind, 'revealed')).toBe(true);
  });
});

describe('the old key field name', () => {
  it('`correct` is read as `answer` on input for the kinds whose key has an `answer`', () => {
    expect(answerKeySchema.parse({ kind: 'single', correct: 2 })).toEqual({ kind: 'single', answer: 2 });
    expect(answerKeySchema.parse({ kind: 'truefalse', correct: false })).toEqual({
      kind: 'truefalse',
      answer: false,
    });
    expect(answerKeySchema.parse({ kind: 'multi', correct: [0, 2] })).toEqual({
      kind: 'multi',
      answer: [0, 2],
    });
  });
  it('the new name wins when both are given, and other kinds get no alias', () => {
    expect(answerKeySchema.parse({ kind: 'single', answer: 1, correct: 3 })).toEqual({
      kind: 'single',
      answer: 1,
    });
    expect(answerKeySchema.safeParse({ kind: 'ordering', correct: [2, 0, 1] }).success).toBe(false);
    expect(answerKeySchema.safeParse({ kind: 'text', correct: ['x'] }).success).toBe(false);
  });
});

describe('kind specifics', () => {
  it('single: options map back through the attempt order', () => {
    expect(kindSpec('single').unshuffle!(0, [3, 1, 0, 2])).toBe(3);
    expect(kindSpec('single').unshuffle!(9, [3, 1, 0, 2])).toBeNull();
  });
  it('multi: a set — order does not matter, duplicates and empty selections do not fit', () => {
    const q = question('multi');
    expect(judgeAnswer(q, [2, 0], loose)).toBe(true);
    expect(sameAnswer('multi', [2, 0], [0, 2])).toBe(true);
    expect(answerFits(q, [0, 0])).toBe(false);
    expect(answerFits(q, [])).toBe(false);
  });
  it('text: matched after normalising case, spaces and diacritics', () => {
    const q = question('text');
    expect(judgeAnswer(q, '  can   CUOC ', loose)).toBe(true);
    expect(judgeAnswer(q, 'can cuoc', { ...loose, ignoreDiacritics: false })).toBe(false);
    expect(answerFits(q, '   ')).toBe(false);
  });
  it('numeric: within the tolerance; a string is no number', () => {
    const q = question('numeric');
    expect(judgeAnswer(q, 27, loose)).toBe(true);
    expect(judgeAnswer(q, 27.5, loose)).toBe(false);
    expect(answerFits(q, '25')).toBe(false);
    expect(kindSpec('numeric').typed!.parse('12,5')).toBe(12.5);
  });
  it('ordering: correct only when the whole order matches; every item once', () => {
    const q = question('ordering');
    expect(judgeAnswer(q, [2, 0, 3, 1], loose)).toBe(true);
    expect(judgeAnswer(q, [2, 0, 1, 3], loose)).toBe(false); // two right places are not enough
    expect(judgeAnswer(q, [0, 1, 2, 3], loose)).toBe(false);
    expect(answerFits(q, [2, 0, 3])).toBe(false); // an item left out
    expect(answerFits(q, [2, 0, 3, 3])).toBe(false); // an item twice
    expect(answerFits(q, [2, 0, 3, 4])).toBe(false); // no such item
    expect(sameAnswer('ordering', [2, 0, 3, 1], [0, 1, 2, 3])).toBe(false); // order matters, unlike multi
  });
  it('ordering: 3 to 5 items, the key names each of them once', () => {
    const base = { id: 'q', prompt: 'p', kind: 'ordering' as const };
    const ok = (options: string[], order: number[]) =>
      questionSchema.safeParse({ ...base, options, key: { kind: 'ordering', order } }).success;
    expect(ok(['a', 'b', 'c'], [1, 2, 0])).toBe(true);
    expect(ok(['a', 'b', 'c', 'd', 'e'], [4, 3, 2, 1, 0])).toBe(true);
    expect(ok(['a', 'b'], [1, 0])).toBe(false);
    expect(ok(['a', 'b', 'c', 'd', 'e', 'f'], [5, 4, 3, 2, 1, 0])).toBe(false);
    expect(ok(['a', 'b', 'c', 'd'], [0, 1, 2])).toBe(false);
    expect(ok(['a', 'b', 'c'], [0, 0, 1])).toBe(false);
    // written already in the right order, an untouched answer would win
    expect(ok(['a', 'b', 'c'], [0, 1, 2])).toBe(false);
  });
  it('ordering: reads as letters in order; a shuffled attempt maps back item by item', () => {
    const spec = kindSpec('ordering');
    expect(spec.formatAnswer([2, 0, 3, 1], undefined, t, {})).toBe('C → A → D → B');
    expect(spec.formatKey({ order: [2, 0, 3, 1] }, undefined, t, {})).toBe('C → A → D → B');
    // shown order: shown item i is bank item order[i]
    expect(spec.unshuffle!([0, 1, 2, 3], [2, 0, 3, 1])).toEqual([2, 0, 3, 1]);
    expect(spec.sheet.readKey('C > A > D > B', 4, undefined)).toEqual({ key: { order: [2, 0, 3, 1] } });
    expect(spec.sheet.readKey('C, A', 4, undefined)).toHaveProperty('error');
  });
  it('a key naming an option the question lacks is refused', () => {
    const bad = questionSchema.safeParse({
      id: 'q',
      prompt: 'p',
      ...question('single'),
      key: { kind: 'single', answer: 7 },
    });
    expect(bad.success).toBe(false);
  });
});
