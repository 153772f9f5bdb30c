import { describe, expect, it } from 'vitest';
import { hostView, publicView } from '../index.ts';
import { JUDGE, started } from '../testing.ts';

describe('verdict:revise', () => {
  it('needs a revealed, not voided round; an eligible seat; and a reason', () => {
    const d = started({ seats: 3 });
    d.host('question:show', { mode: 'main', hideOptions: false });
    expect(d.tryHost('verdict:revise', { round: 0, seat: 1, correct: true, reason: 'abc' })).toMatchObject({
      error: { code: 'WRONG_PHASE' },
    });
    expect(d.tryHost('verdict:revise', { round: 3, seat: 1, correct: true, reason: 'abc' })).toMatchObject({
      error: { code: 'NO_ROUND' },
    });
    d.host('question:open');
    d.answer(1, 0);
    d.host('question:lock');
    d.host('question:reveal');
    expect(d.tryHost('verdict:revise', { round: 0, seat: 1, correct: true, reason: '   ' })).toMatchObject({
      error: { code: 'REASON_REQUIRED' },
    });
    expect(d.tryHost('verdict:revise', { round: 0, seat: 9, correct: true, reason: 'abc' })).toMatchObject({
      error: { code: 'SEAT_NOT_FOUND' },
    });
    d.playMain({ 1: 1 }); // seats 2,3 were out: not eligible for round 1
    expect(d.tryHost('verdict:revise', { round: 1, seat: 2, correct: true, reason: 'abc' })).toMatchObject({
      error: { code: 'SEAT_NOT_ELIGIBLE' },
    });
    d.host('question:show', { mode: 'main', hideOptions: false });
    d.host('question:swap', {});
    expect(d.tryHost('verdict:revise', { round: 2, seat: 1, correct: true, reason: 'abc' })).toMatchObject({
      error: { code: 'WRONG_PHASE' },
    });
  });

  it('judges may revise while the show is paused and after it finished', () => {
    const d = started({ seats: 2 });
    d.playMain({ 1: 0, 2: 1 });
    d.host('show:pause', undefined, JUDGE);
    d.host('verdict:revise', { round: 0, seat: 2, correct: true, reason: 'tranh chấp' }, JUDGE);
    expect(d.standing()).toEqual([1, 2]);
    d.host('show:resume');
    d.host('show:finish');
    d.host('verdict:revise', { round: 0, seat: 2, correct: false, reason: 'xem lại băng' }, JUDGE);
    expect(d.standing()).toEqual([1]);
    expect(d.state.rounds[0].revisions).toHaveLength(2);
  });

  it('a revision after the prizes were confirmed reopens them for the BTC to confirm again', () => {
    const d = started({ seats: 2 });
    d.playMain({ 1: 0, 2: 1 });
    d.host('show:finish');
    d.host('prizes:confirm', { awards: [{ prize: 'first', seats: [1] }] });
    expect(d.state.prizesConfirmed).toBe(true);
    d.host('verdict:revise', { round: 0, seat: 2, correct: true, reason: 'phúc khảo' }, JUDGE);
    expect(d.state.prizesConfirmed).toBe(false);
    expect(hostView(d.state, new Set()).nextStep).toBe('confirm-prizes');
    expect(publicView(d.state, new Set()).prizes).toBeNull();
  });
});
