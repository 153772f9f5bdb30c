/**
 * The simulator's independent judge (tests/simulate/recompute.ts) on ordering questions: it must agree
 * with the kind table on every order of the items, under every shuffle an attempt may show them in —
 * two separate codes, so a bug in either shows here.
 */
import { judgeAnswer, kindSpec, type Question } from '@cv/shared/protocol';
import { DEFAULT_RULES } from '@cv/shared/protocol/model.ts';
import { describe, expect, it } from 'vitest';
import { judge, type PoolEntry } from '../simulate/recompute.ts';
import { permutations } from '../support/leak-scan.ts';

const question: Question = {
  id: 'o1',
  kind: 'ordering',
  pool: 'main',
  prompt: 'Sắp xếp',
  options: ['Tải ứng dụng', 'Đăng ký', 'Xác thực', 'Kích hoạt'],
  timeLimitSec: 30,
  key: { kind: 'ordering', order: [2, 0, 3, 1] },
};
const entry = { poolIndex: 0, question } as PoolEntry;

describe('the independent judge, ordering questions', () => {
  it('right only when every place holds the key item, read through the shown order', () => {
    // shown option i is bank item order[i]: the right answer in shown places is the key mapped back
    const order = [1, 3, 0, 2];
    const right = [2, 0, 3, 1].map((item) => order.indexOf(item));
    expect(judge(entry, order, right)).toBe(true);
    expect(judge(entry, order, [right[1], right[0], ...right.slice(2)])).toBe(false);
    expect(judge(entry, null, [2, 0, 3, 1])).toBe(true);
    expect(judge(entry, null, [2, 0, 3])).toBe(false);
    expect(judge(entry, null, [2, 0, 3, 1, 4])).toBe(false);
    expect(judge(entry, null, 'C, A, D, B')).toBe(false);
    expect(judge(entry, null, null)).toBe(false);
  });

  it('agrees with the kind table on all 24 orders under all 24 shuffles', () => {
    const spec = kindSpec('ordering');
    let agreed = 0;
    let right = 0;
    for (const order of permutations(4))
      for (const answer of permutations(4)) {
        const table = judgeAnswer(question, spec.unshuffle!(answer, order), DEFAULT_RULES.textMatch);
        expect(judge(entry, order, answer), `${order} ${answer}`).toBe(table);
        agreed++;
        if (table) right++;
      }
    expect(agreed).toBe(576);
    expect(right).toBe(24); // exactly one right answer per shuffle
  });
});
