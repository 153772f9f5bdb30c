/** The ordering kind (sắp xếp thứ tự) through the engine: answers refused or judged, counts, views. */
import type { Question } from '@cv/shared/protocol';
import { describe, expect, it } from 'vitest';
import { hostView, publicView, seatSelf } from './index.ts';
import { started } from './testing.ts';

const ordering: Question = {
  id: 'o1',
  kind: 'ordering',
  pool: 'main',
  prompt: 'Xếp các bước theo đúng thứ tự',
  options: ['Cài VNeID', 'Đến Công an', 'Nhận SMS', 'Thu nhận vân tay'],
  timeLimitSec: 30,
  key: { kind: 'ordering', order: [1, 3, 2, 0] },
};

describe('ordering questions in a show', () => {
  it('only a whole, exact order counts: partial orders eliminate, malformed ones are refused', () => {
    const d = started({ seats: 4, questions: [ordering] });
    d.host('question:show', { mode: 'main', hideOptions: false });
    d.host('question:open');
    d.answer(1, [1, 3, 2, 0]); // right
    d.answer(2, [1, 3, 0, 2]); // two places right: still wrong
    d.answer(3, [0, 1, 2, 3]); // as shown, untouched
    for (const bad of [[1, 3, 2], [1, 3, 2, 2], [1, 3, 2, 4], 2, 'B, D, C, A']) {
      const out = d.tryAnswer(4, bad as never);
      expect(out.ok ? 'accepted' : out.error.code, JSON.stringify(bad)).toBe('ANSWER_INVALID');
    }

    // before the reveal the host sees what each answer would get; nobody else sees answers or verdicts
    const host = hostView(d.state, new Set());
    expect(host.round!.answers[1].correct).toBe(true);
    expect(host.round!.answers[2].correct).toBe(false);
    d.host('question:lock');
    // right/wrong counts are verdicts: they wait for the reveal, unlike choice counts
    expect(publicView(d.state, new Set()).round!.distribution).toBeNull();

    d.host('question:reveal');
    const round = publicView(d.state, new Set()).round!;
    expect(round.revealedKey).toEqual({ kind: 'ordering', order: [1, 3, 2, 0] });
    expect(round.distribution).toEqual({ correct: 1, wrong: 2 });
    expect(round.verdicts).toEqual({ 1: true, 2: false, 3: false, 4: false });
    expect(seatSelf(d.state, 1)).toMatchObject({ correct: true, status: 'standing' });
    expect(seatSelf(d.state, 2)).toMatchObject({ correct: false, status: 'eliminated' });
  });

  it('the last order sent before the lock is the one judged', () => {
    const d = started({ seats: 2, questions: [ordering] });
    d.host('question:show', { mode: 'main', hideOptions: false });
    d.host('question:open');
    d.answer(1, [0, 1, 2, 3]);
    d.answer(1, [1, 3, 2, 0]);
    d.answer(2, [1, 3, 2, 0]);
    d.answer(2, [3, 1, 2, 0]);
    d.host('question:lock');
    d.host('question:reveal');
    expect(publicView(d.state, new Set()).round!.verdicts).toEqual({ 1: true, 2: false });
  });
});
