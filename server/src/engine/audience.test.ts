import { describe, expect, it } from 'vitest';
import {
  admitAudienceAnswer,
  audienceLeaderboard,
  audienceScores,
  audienceSelfOf,
  audienceVerdict,
  rankAudience,
} from './index.ts';
import { started, textQ } from './testing.ts';

describe('audience play-along', () => {
  it('scores revealed, non-voided rounds only; last answer per round counts; time from opening', () => {
    const d = started({ seats: 2 });
    d.host('question:show', { mode: 'main', hideOptions: false });
    d.host('question:open');
    const t0 = d.now;
    d.host('question:lock');
    d.host('question:reveal'); // round 0: key 0
    d.host('question:show', { mode: 'main', hideOptions: false });
    d.host('question:swap', {}); // round 1 voided, round 2 = backup b1 (key 1), not revealed
    const answers = [
      { audienceId: 'a', name: 'An', round: 0, value: 1, at: t0 + 500 },
      { audienceId: 'a', name: 'An', round: 0, value: 0, at: t0 + 2000 }, // changed: counts
      { audienceId: 'b', name: 'Bình', round: 0, value: 0, at: t0 + 1000 },
      { audienceId: 'c', name: 'Chi', round: 0, value: 3, at: t0 + 100 },
      { audienceId: 'c', name: 'Chi', round: 1, value: 1, at: t0 + 100 },
      { audienceId: 'c', name: 'Chi', round: 2, value: 1, at: t0 + 100 },
    ];
    const rows = audienceScores(d.state, answers);
    expect(rows).toEqual(
      expect.arrayContaining([
        { audienceId: 'a', name: 'An', score: 1, totalMs: 2000 },
        { audienceId: 'b', name: 'Bình', score: 1, totalMs: 1000 },
        { audienceId: 'c', name: 'Chi', score: 0, totalMs: 0 },
      ]),
    );
    expect(rankAudience(rows).map((r) => [r.audienceId, r.rank])).toEqual([
      ['b', 1],
      ['a', 2],
      ['c', 3],
    ]);
  });

  it('rankAudience: score desc, time asc, equal on both = same rank', () => {
    const ranked = rankAudience([
      { audienceId: 'x', name: 'X', score: 2, totalMs: 500 },
      { audienceId: 'y', name: 'Y', score: 3, totalMs: 900 },
      { audienceId: 'z', name: 'Z', score: 2, totalMs: 500 },
      { audienceId: 'w', name: 'W', score: 2, totalMs: 700 },
    ]);
    expect(ranked.map((r) => [r.audienceId, r.rank])).toEqual([
      ['y', 1],
      ['x', 2],
      ['z', 2],
      ['w', 4],
    ]);
  });
});

describe('audience admission', () => {
  it('takes answers only to the current round while answering, within the deadline + grace, fitting the question', () => {
    const d = started({ seats: 2, rules: { lateGraceMs: 800 } });
    expect(admitAudienceAnswer(d.state, 0, 0, d.now)).toMatchObject({ error: { code: 'ROUND_MISMATCH' } });
    d.host('question:show', { mode: 'main', hideOptions: false });
    expect(admitAudienceAnswer(d.state, 0, 0, d.now)).toMatchObject({ error: { code: 'WRONG_PHASE' } });
    d.host('question:open'); // 10 s
    expect(admitAudienceAnswer(d.state, 0, 2, d.now)).toEqual({ ok: true });
    expect(admitAudienceAnswer(d.state, 1, 2, d.now)).toMatchObject({ error: { code: 'ROUND_MISMATCH' } });
    expect(admitAudienceAnswer(d.state, 0, 7, d.now)).toMatchObject({ error: { code: 'ANSWER_INVALID' } });
    expect(admitAudienceAnswer(d.state, 0, 'A', d.now)).toMatchObject({ error: { code: 'ANSWER_INVALID' } });
    expect(admitAudienceAnswer(d.state, 0, 2, d.now + 10_800)).toEqual({ ok: true });
    expect(admitAudienceAnswer(d.state, 0, 2, d.now + 10_801)).toMatchObject({
      error: { code: 'ANSWER_LATE' },
    });
    d.host('show:pause');
    expect(admitAudienceAnswer(d.state, 0, 2, d.now)).toMatchObject({ error: { code: 'PAUSED' } });
    d.host('show:resume');
    d.host('question:lock');
    expect(admitAudienceAnswer(d.state, 0, 2, d.now)).toMatchObject({ error: { code: 'ANSWER_LATE' } });
  });
});

describe("a phone's own view", () => {
  it('verdict only once revealed (text matched like the contestants), score and rank from the leaderboard', () => {
    const d = started({ seats: 1, questions: [textQ('t', ['Căn cước'])] });
    d.host('question:show', { mode: 'main', hideOptions: false });
    d.host('question:open');
    const answers = [
      { audienceId: 'a', name: 'An', round: 0, value: 'can cuoc', at: d.now + 1000 },
      { audienceId: 'b', name: 'Bình', round: 0, value: 'CMND', at: d.now + 500 },
    ];
    expect(audienceVerdict(d.state, 0, 'can cuoc')).toBeNull();
    expect(audienceSelfOf(d.state, { id: 'a', name: 'An' }, 'can cuoc', undefined)).toEqual({
      id: 'a',
      name: 'An',
      score: 0,
      rank: null,
      round: 0,
      answer: 'can cuoc',
      correct: null,
    });
    d.host('question:lock');
    d.host('question:reveal');
    expect(audienceVerdict(d.state, 0, 'can cuoc')).toBe(true);
    expect(audienceVerdict(d.state, 0, undefined)).toBeNull();
    const board = audienceLeaderboard(d.state, answers, 1);
    expect(board.board).toEqual([{ rank: 1, name: 'An', score: 1 }]);
    expect(board.byId.get('b')).toEqual({ rank: 2, score: 0 });
    expect(audienceSelfOf(d.state, { id: 'b', name: 'Bình' }, 'CMND', board.byId.get('b'))).toMatchObject({
      score: 0,
      rank: 2,
      correct: false,
    });
  });
});
