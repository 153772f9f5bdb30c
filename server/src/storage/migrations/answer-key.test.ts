import { describe, expect, it } from 'vitest';
import { renamedInJson, renameOldAnswerKeys } from './answer-key.ts';

describe('answer key field migration', () => {
  it('renames the keys of single, truefalse and multi wherever they sit', () => {
    const setup = {
      questions: [
        { id: 'q1', kind: 'single', key: { kind: 'single', correct: 2 } },
        { id: 'q2', kind: 'truefalse', key: { kind: 'truefalse', correct: false } },
        { id: 'q3', kind: 'multi', key: { kind: 'multi', correct: [0, 2] } },
        { id: 'q4', kind: 'text', key: { kind: 'text', accepted: ['x'] } },
      ],
      rounds: [{ revealedKey: { kind: 'single', correct: 0 } }],
    };
    expect(renameOldAnswerKeys(setup)).toBe(true);
    expect(setup.questions.map((q) => q.key)).toEqual([
      { kind: 'single', answer: 2 },
      { kind: 'truefalse', answer: false },
      { kind: 'multi', answer: [0, 2] },
      { kind: 'text', accepted: ['x'] },
    ]);
    expect(setup.rounds[0].revealedKey).toEqual({ kind: 'single', answer: 0 });
  });

  it('leaves verdicts, counts and anything not exactly an old key alone', () => {
    const state = {
      seatSelf: { correct: true, answer: 1 },
      distribution: { correct: 3, wrong: 1 },
      revisions: [{ seat: 1, correct: false, reason: 'x' }],
      // a question object has more fields than a key: not a key even with kind + correct
      odd: { kind: 'single', correct: 1, prompt: 'x' },
      other: { kind: 'ordering', correct: [1, 0, 2] },
    };
    const before = structuredClone(state);
    expect(renameOldAnswerKeys(state)).toBe(false);
    expect(state).toEqual(before);
  });

  it('is idempotent and says when a JSON text needs no rewrite', () => {
    const once = renamedInJson('{"key":{"kind":"multi","correct":[1]}}');
    expect(once).toBe('{"key":{"kind":"multi","answer":[1]}}');
    expect(renamedInJson(once!)).toBeNull();
    expect(renamedInJson('{"correct": 3')).toBeNull(); // not JSON: left to its reader
    expect(renamedInJson('{"x":1}')).toBeNull();
  });
});
