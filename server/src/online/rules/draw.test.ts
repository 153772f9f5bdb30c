import type { Question } from '@cv/shared/protocol';
import { describe, expect, it } from 'vitest';
import { seededRng } from '../../runtime/rng.ts';
import { drawAttempt, quotaShortfalls, shownOptions, toOriginal, type PoolQuestion } from './draw.ts';

function pool(spec: Record<string, number>): PoolQuestion[] {
  const out: PoolQuestion[] = [];
  for (const [topicId, n] of Object.entries(spec))
    for (let i = 0; i < n; i++) {
      const question: Question = {
        id: `${topicId}-${i}`,
        kind: i % 3 === 2 ? 'truefalse' : 'single',
        pool: 'main',
        prompt: `${topicId} câu ${i}`,
        timeLimitSec: 30,
        ...(i % 3 === 2
          ? { key: { kind: 'truefalse', answer: true } }
          : { options: ['A0', 'A1', 'A2', 'A3'], key: { kind: 'single', answer: 1 } }),
      } as Question;
      out.push({ poolIndex: out.length, questionId: question.id, version: 1, topicId, question });
    }
  return out;
}

const POOL = pool({ vneid: 12, qr: 8, dvc: 5 });
const QUOTAS = [
  { topicId: 'vneid', count: 5 },
  { topicId: 'qr', count: 3 },
  { topicId: 'dvc', count: 2 },
];

describe('drawing an attempt by topic quota', () => {
  it('takes exactly the quota from each topic, never the same question twice', () => {
    for (let seed = 0; seed < 200; seed++) {
      const drawn = drawAttempt(POOL, QUOTAS, seededRng('draw', seed));
      expect(drawn).toHaveLength(10);
      const topics = drawn.map((d) => POOL[d.poolIndex].topicId);
      expect(topics.filter((t) => t === 'vneid')).toHaveLength(5);
      expect(topics.filter((t) => t === 'qr')).toHaveLength(3);
      expect(topics.filter((t) => t === 'dvc')).toHaveLength(2);
      expect(new Set(drawn.map((d) => d.poolIndex)).size).toBe(10);
    }
  });

  it('a topic named in two quotas still never repeats a question', () => {
    const drawn = drawAttempt(
      pool({ t: 4 }),
      [
        { topicId: 't', count: 2 },
        { topicId: 't', count: 2 },
      ],
      seededRng('x', 1),
    );
    expect(new Set(drawn.map((d) => d.poolIndex)).size).toBe(4);
  });

  it('covers the whole pool and mixes topics over many attempts (not a fixed subset or order)', () => {
    const seen = new Set<number>();
    const firstTopics = new Set<string>();
    for (let seed = 0; seed < 300; seed++) {
      const drawn = drawAttempt(POOL, QUOTAS, seededRng('cover', seed));
      drawn.forEach((d) => seen.add(d.poolIndex));
      firstTopics.add(POOL[drawn[0].poolIndex].topicId);
    }
    expect(seen.size).toBe(POOL.length);
    expect(firstTopics).toEqual(new Set(['vneid', 'qr', 'dvc']));
  });

  it('shuffles the options of each choice question per attempt, and maps answers back', () => {
    const orders = new Set<string>();
    for (let seed = 0; seed < 100; seed++) {
      for (const d of drawAttempt(POOL, QUOTAS, seededRng('opt', seed))) {
        const q = POOL[d.poolIndex].question;
        if (q.kind === 'truefalse') {
          expect(d.order).toBeNull();
          continue;
        }
        expect([...d.order!].sort()).toEqual([0, 1, 2, 3]);
        orders.add(d.order!.join(''));
        const shown = shownOptions(q, d.order)!;
        const correctShown = shown.indexOf('A1');
        expect(toOriginal(correctShown, q, d.order)).toBe(1);
      }
    }
    expect(orders.size).toBe(24); // every permutation of four options occurs
  });

  it('refuses a value that is no option of the attempt', () => {
    const q = POOL[0].question;
    expect(toOriginal(4, q, [3, 2, 1, 0])).toBeNull();
    expect(toOriginal(-1, q, [3, 2, 1, 0])).toBeNull();
    expect(toOriginal(1.5, q, [3, 2, 1, 0])).toBeNull();
  });

  it('reports topics short of their quota, and drawing from them throws', () => {
    const short = quotaShortfalls(POOL, [
      ...QUOTAS,
      { topicId: 'qr', count: 6 },
      { topicId: 'luat', count: 1 },
    ]);
    expect(short).toEqual(
      new Map([
        ['qr', [8, 9]],
        ['luat', [0, 1]],
      ]),
    );
    expect(quotaShortfalls(POOL, QUOTAS).size).toBe(0);
    expect(() => drawAttempt(POOL, [{ topicId: 'luat', count: 1 }], seededRng('x', 0))).toThrow(/luat/);
  });

  it('never deals an ordering question in its right order (an untouched list would look answered), and deals every other', () => {
    const question = {
      id: 'thu-tu',
      kind: 'ordering',
      pool: 'main',
      prompt: 'Sắp xếp các bước đăng ký VNeID',
      timeLimitSec: 30,
      options: ['Tải ứng dụng', 'Quét CCCD', 'Xác thực khuôn mặt'],
      key: { kind: 'ordering', order: [2, 0, 1] },
    } as Question;
    const ordering: PoolQuestion[] = [
      { poolIndex: 0, questionId: question.id, version: 1, topicId: 't', question },
    ];
    const dealt = new Set<string>();
    for (let seed = 0; seed < 600; seed++) {
      const [drawn] = drawAttempt(ordering, [{ topicId: 't', count: 1 }], seededRng('ordering', seed));
      dealt.add(drawn.order!.join(','));
      // what the candidate sends untouched maps back to the bank's order: never the key's
      expect(toOriginal([0, 1, 2], question, drawn.order)).not.toEqual([2, 0, 1]);
    }
    expect([...dealt].sort()).toEqual(['0,1,2', '0,2,1', '1,0,2', '1,2,0', '2,1,0']);
  });
});
