import { describe, expect, it } from 'vitest';
import { autoLockDue } from '../engine/index.ts';
import { started } from '../engine/testing.ts';
import { DeadlineTimer } from './deadline.ts';
import { FakeTimers } from './testing.ts';
import type { Timers } from './timers.ts';

function setup() {
  const d = started({ seats: 2, rules: { lateGraceMs: 800 } });
  const timers = new FakeTimers(d.now);
  const locks: number[] = [];
  const deadline = new DeadlineTimer(timers, (cmd) => {
    if (cmd.type === 'system:lock') locks.push(cmd.round);
  });
  const host = (type: Parameters<typeof d.host>[0], payload?: Parameters<typeof d.host>[1]) => {
    d.now = timers.now();
    d.host(type, payload);
    deadline.arm(d.state);
  };
  return { d, timers, locks, deadline, host };
}

describe('DeadlineTimer', () => {
  it('locks at the deadline plus the grace, once', () => {
    const { timers, locks, host, d } = setup();
    host('question:show', { mode: 'main', hideOptions: false });
    expect(timers.pending).toBe(0); // shown: no clock runs
    host('question:open'); // 10 s
    expect(autoLockDue(d.state)).toMatchObject({ round: 0, at: timers.now() + 10_800 });
    timers.advance(10_799);
    expect(locks).toEqual([]);
    timers.advance(1);
    expect(locks).toEqual([0]);
    timers.advance(60_000);
    expect(locks).toEqual([0]);
  });

  it('a pause disarms it; a resume arms it for the time that was left', () => {
    const { timers, locks, host } = setup();
    host('question:show', { mode: 'main', hideOptions: false });
    host('question:open');
    timers.advance(4_000);
    host('show:pause');
    expect(timers.pending).toBe(0);
    timers.advance(60_000);
    host('show:resume'); // 6 s were left
    timers.advance(6_799);
    expect(locks).toEqual([]);
    timers.advance(1);
    expect(locks).toEqual([0]);
  });

  it("the MC's lock disarms it; re-arming for the same deadline keeps the one timer", () => {
    const { timers, locks, host, deadline, d } = setup();
    host('question:show', { mode: 'main', hideOptions: false });
    host('question:open');
    deadline.arm(d.state);
    deadline.arm(d.state);
    expect(timers.pending).toBe(1);
    host('question:lock');
    timers.advance(60_000);
    expect(locks).toEqual([]);
  });

  it('a timer that wakes before the clock reaches the step waits out the rest, then fires once', () => {
    const d = started({ seats: 2, rules: { lateGraceMs: 800 } });
    const fake = new FakeTimers(d.now);
    // as setTimeout can: awake a millisecond before Date.now() says the time has come
    const early: Timers = {
      now: fake.now,
      after: (ms, fn) => fake.after(ms > 1 ? ms - 1 : ms, fn),
      every: (ms, fn) => fake.every(ms, fn),
      defer: (fn) => fake.defer(fn),
    };
    const fired: number[] = [];
    const deadline = new DeadlineTimer(early, () => fired.push(fake.now()));
    d.host('question:show', { mode: 'main', hideOptions: false });
    d.now = fake.now();
    d.host('question:open');
    deadline.arm(d.state);
    const due = autoLockDue(d.state)!.at;
    fake.advance(due - fake.now() - 1);
    expect(fired).toEqual([]);
    fake.advance(60_000);
    expect(fired).toHaveLength(1);
    expect(fired[0]).toBeGreaterThanOrEqual(due);
  });

  it('fires nothing once closed', () => {
    const { timers, locks, host, deadline } = setup();
    host('question:show', { mode: 'main', hideOptions: false });
    host('question:open');
    deadline.close();
    timers.advance(60_000);
    expect(locks).toEqual([]);
  });
});
