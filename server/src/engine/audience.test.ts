import { describe, expect, it } from 'vitest';
import { audienceScores, rankAudience } from './index.ts';
import { started } from './testing.ts';

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
