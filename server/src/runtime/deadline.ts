/**
 * The server-owned clock: locks the current round by itself at deadline + grace, and moves a rehearsal
 * question on (the engine says when and what).
 */
import { systemStepDue } from '../engine/index.ts';
import type { EngineCommand, ShowState } from '../engine/types.ts';
import type { Cancel, Timers } from './timers.ts';

export class DeadlineTimer {
  private cancel: Cancel | null = null;
  private armedFor: string | null = null;
  private closed = false;

  constructor(
    private readonly timers: Timers,
    /** submits the due system command (the engine refuses a stale one harmlessly) */
    private readonly fire: (command: EngineCommand) => void,
  ) {}

  /** re-armed after every applied change: a new round, a pause, a resume with a new deadline */
  arm(state: ShowState): void {
    const due = systemStepDue(state);
    if (due?.key === this.armedFor) return;
    this.cancel?.();
    this.cancel = null;
    this.armedFor = due?.key ?? null;
    if (!due || this.closed) return;
    const sleepUntilDue = () => {
      this.cancel = this.timers.after(due.at - this.timers.now(), wake);
    };
    const wake = () => {
      // a process timer can wake a millisecond before the wall clock reaches `at` (it counts on a
      // monotonic clock, rounded): fired then, the engine refuses the step as not due yet and nothing
      // would arm it again, so the show would wait for ever
      if (due.at > this.timers.now()) return sleepUntilDue();
      this.cancel = null;
      this.armedFor = null;
      this.fire(due.command);
    };
    sleepUntilDue();
  }

  /** stop the pending lock without closing (this node no longer runs the show; the owner's timer does) */
  disarm(): void {
    this.cancel?.();
    this.cancel = null;
    this.armedFor = null;
  }

  close(): void {
    this.closed = true;
    this.cancel?.();
    this.cancel = null;
  }
}
