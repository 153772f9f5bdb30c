/** Time and scheduling for the runtime, as a dependency: production uses the process's timers, tests a manual clock. */
export type Cancel = () => void;

export interface Timers {
  /** server epoch ms */
  now(): number;
  /** run `fn` once after `ms` */
  after(ms: number, fn: () => void): Cancel;
  /** run `fn` every `ms` */
  every(ms: number, fn: () => void): Cancel;
  /** run `fn` after the current event-loop turn (everything committed in this turn is coalesced) */
  defer(fn: () => void): void;
}

/** the process's timers; none of them keeps the process alive */
export function systemTimers(now: () => number = () => Date.now()): Timers {
  return {
    now,
    after(ms, fn) {
      const t = setTimeout(fn, Math.max(0, ms));
      t.unref?.();
      return () => clearTimeout(t);
    },
    every(ms, fn) {
      const t = setInterval(fn, ms);
      t.unref?.();
      return () => clearInterval(t);
    },
    defer: (fn) => void setImmediate(fn),
  };
}
