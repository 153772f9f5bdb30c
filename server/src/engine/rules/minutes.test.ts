import { describe, expect, it } from 'vitest';
import { JUDGE, started } from '../testing.ts';
import { minutesOf } from './minutes.ts';

describe('minutesOf: the biên bản', () => {
  it("each question with its eliminations under today's verdicts, the correction with its reason, the rescue", () => {
    const d = started({ seats: 4 });
    d.playMain({ 1: 0, 2: 0, 3: 2, 4: 1 }); // Câu 1: seats 3 and 4 wrong
    d.host('verdict:revise', { round: 0, seat: 3, correct: true, reason: 'Đáp án C cũng đúng' }, JUDGE);
    d.host('rescue:apply', { how: 'seats', seats: [4] });
    d.playMain({ 1: 1, 2: 0, 3: 0 }); // Câu 2: seat 1 right; 2, 3 wrong; 4 did not answer

    const m = minutesOf(d.state, 42);
    expect(m.generatedAt).toBe(42);
    expect(m.entries.map((e) => e.kind)).toEqual(['question', 'rescue', 'question']);
    const [q1, rescue, q2] = m.entries;
    expect(q1).toMatchObject({
      kind: 'question',
      number: 1,
      questionId: 'm1',
      correct: [1, 2, 3],
      eliminated: [4], // seat 3 was put back by the judges: not out at Câu 1
      revisions: [{ seat: 3, correct: true, reason: 'Đáp án C cũng đúng', by: 'judge' }],
    });
    expect(rescue).toEqual({ kind: 'rescue', afterQuestion: 1, how: 'seats', seats: [4] });
    expect(q2).toMatchObject({ number: 2, correct: [1], eliminated: [2, 3, 4], voided: false });
    expect(m.standings[0]).toMatchObject({ seat: 1, rank: 1 });
    expect(m.prizesConfirmed).toBe(false);
  });

  it('lists a withdrawn question in its place, voided, with nobody out', () => {
    const d = started({ seats: 3 });
    d.host('question:show', { mode: 'main', hideOptions: false });
    d.host('question:swap', {});
    d.host('question:open');
    d.answer(1, 1);
    d.host('question:lock');
    d.host('question:reveal');
    const m = minutesOf(d.state, 0);
    expect(m.entries.map((e) => e.kind === 'question' && [e.questionId, e.voided])).toEqual([
      ['m1', true],
      ['b1', false],
    ]);
  });
});
