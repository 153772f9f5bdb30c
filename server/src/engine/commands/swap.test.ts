import { describe, expect, it } from 'vitest';
import { hostView } from '../index.ts';
import { started } from '../testing.ts';

describe('question:swap (backup question)', () => {
  it('before reveal: the round is voided with its answers, a backup round with the same number and seats replaces it', () => {
    const d = started();
    d.playMain({ 1: 0, 2: 0, 3: 0, 4: 0 }); // seat 5 out
    d.host('question:show', { mode: 'main', hideOptions: false });
    d.host('question:open');
    d.answer(1, 1);
    d.answer(2, 3);
    const out = d.host('question:swap', {});
    expect(out.events).toEqual([{ type: 'question-swapped', round: 2 }]);
    expect(d.state.rounds[1].voided).toBe(true);
    expect(d.state.rounds[2]).toMatchObject({
      mode: 'main',
      number: 2,
      questionId: 'b1',
      eligibleSeats: [1, 2, 3, 4],
      phase: 'shown',
      remainingMs: 10_000,
      answers: {},
    });
    expect(d.state.current).toBe(2);
    // b1's key is 1: seat 2 must answer again
    d.host('question:open');
    d.answer(1, 1);
    d.host('question:lock');
    d.host('question:reveal');
    expect(d.standing()).toEqual([1]);
    expect(d.state.seats[1].eliminatedAt).toBe(2);
    // the next main question is number 3, and the voided one is not picked again
    d.host('question:show', { mode: 'main', hideOptions: false });
    expect(d.state.rounds[3]).toMatchObject({ number: 3, questionId: 'm3' });
  });

  it('after reveal: the eliminations of the withdrawn question are undone', () => {
    const d = started();
    d.playMain({ 1: 0, 2: 0, 3: 1 });
    expect(d.standing()).toEqual([1, 2]);
    d.host('question:swap', { backupId: 'b2' });
    expect(d.standing()).toEqual([1, 2, 3, 4, 5]);
    expect(d.state.rounds[1]).toMatchObject({ questionId: 'b2', number: 1, eligibleSeats: [1, 2, 3, 4, 5] });
    const hv = hostView(d.state, new Set());
    expect(hv.rounds.map((r) => r.voided)).toEqual([true, false]);
    expect(hv.questions.find((q) => q.id === 'm1')?.used).toBe(false);
    expect(hv.questions.find((q) => q.id === 'b2')?.used).toBe(true);
  });

  it('is allowed while paused (the MC fixes a faulty question during a pause)', () => {
    const d = started();
    d.host('question:show', { mode: 'main', hideOptions: false });
    d.host('show:pause');
    expect(d.tryHost('question:swap', {}).ok).toBe(true);
  });

  it('rejects a non-backup question, an unknown one, a used one, and an empty backup pool', () => {
    const d = started();
    expect(d.tryHost('question:swap', {})).toMatchObject({ error: { code: 'NO_ROUND' } });
    d.host('question:show', { mode: 'main', hideOptions: false });
    expect(d.tryHost('question:swap', { backupId: 'm2' })).toMatchObject({ error: { code: 'NOT_BACKUP' } });
    expect(d.tryHost('question:swap', { backupId: 'zz' })).toMatchObject({
      error: { code: 'QUESTION_NOT_FOUND' },
    });
    d.host('question:swap', {});
    expect(d.tryHost('question:swap', { backupId: 'b1' })).toMatchObject({
      error: { code: 'QUESTION_USED' },
    });
    d.host('question:swap', {});
    expect(d.tryHost('question:swap', {})).toMatchObject({ error: { code: 'QUESTION_NOT_FOUND' } });
  });
});
