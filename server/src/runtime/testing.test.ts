import { describe, expect, it } from 'vitest';
import { FakeTimers } from './testing.ts';

describe('FakeTimers', () => {
  it('fires due timers in time order, work they defer included', () => {
    const timers = new FakeTimers(0);
    const seen: string[] = [];
    timers.after(20, () => seen.push(`b@${timers.now()}`));
    timers.after(10, () => {
      seen.push(`a@${timers.now()}`);
      timers.defer(() => seen.push('a-deferred'));
    });
    timers.advance(30);
    expect(seen).toEqual(['a@10', 'a-deferred', 'b@20']);
    expect(timers.now()).toBe(30);
  });

  it('stops a timer that re-arms itself for 0 ms instead of spinning for ever', () => {
    const timers = new FakeTimers(0);
    const rearm = () => void timers.after(0, rearm);
    timers.after(5, rearm);
    expect(() => timers.advance(10)).toThrow(/without the clock moving/);
  });

  it('lets a timer re-arm itself for a later instant as often as the advance covers', () => {
    const timers = new FakeTimers(0);
    let fired = 0;
    const rearm = () => {
      fired++;
      timers.after(1, rearm);
    };
    timers.after(1, rearm);
    timers.advance(50_000);
    expect(fired).toBe(50_000);
  });
});
