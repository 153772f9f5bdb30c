import { describe, expect, it } from 'vitest';
import { hostView, publicView, seatSelf, tallyOf } from './index.ts';
import { started } from './testing.ts';

describe('basic flow', () => {
  it('start, show, open, answer, lock, reveal eliminates wrong and missing answers', () => {
    const d = started();
    expect(d.state.stage).toBe('running');
    d.host('question:show', { mode: 'main', hideOptions: false });
    expect(d.state.rounds[0]).toMatchObject({ number: 1, phase: 'shown', remainingMs: 10_000, eligibleSeats: [1, 2, 3, 4, 5] });
    d.host('question:open');
    expect(d.state.rounds[0].deadline).toBe(d.now + 10_000);
    d.now += 2_000;
    d.answer(1, 0);
    d.answer(2, 1);
    d.answer(3, 0);
    expect(d.state.rounds[0].answers[1].elapsedMs).toBe(2_000);
    expect(tallyOf(d.state)).toMatchObject({ round: 0, answered: 3, eligible: 5, answeredSeats: [1, 2, 3] });
    d.host('question:lock');
    const out = d.host('question:reveal');
    expect(out.events).toContainEqual({ type: 'revealed', round: 0, eliminated: [2, 4, 5], returned: [], allWrong: false });
    expect(d.standing()).toEqual([1, 3]);
    expect(d.state.seats[1].eliminatedAt).toBe(1);
    const pv = publicView(d.state, new Set([1]));
    expect(pv.round?.verdicts).toEqual({ 1: true, 2: false, 3: true, 4: false, 5: false });
    expect(pv.seats[0].connected).toBe(true);
    expect(hostView(d.state, new Set()).nextStep).toBe('show-question');
    expect(seatSelf(d.state, 2)).toMatchObject({ correct: false, status: 'eliminated', answer: 1, canAnswer: false });
  });
});
