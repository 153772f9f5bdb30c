/**
 * A witness of the machine's own stalls, for reading a latency p99: a thread of the bench process
 * that does nothing but ask for a 1 ms timer and note each time it came late by more than
 * STALL_MS. It does no work, so when it is late the machine did not run it — the same stall a
 * server meets at that moment, whatever that server's code. The machine's steal time (the
 * hypervisor running someone else) is read from /proc/stat beside it.
 */
import fs from 'node:fs';
import { Worker } from 'node:worker_threads';

const STALL_MS = 15;

// plain JavaScript: a worker started with `eval` is not run through the bench's TypeScript loader
const WITNESS_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
let expected = performance.now() + 1;
const tick = () => {
  const now = performance.now();
  const late = now - expected;
  if (late > workerData.stallMs) parentPort.postMessage({ at: performance.timeOrigin + now, ms: late });
  expected = now + 1;
  setTimeout(tick, 1);
};
setTimeout(tick, 1);
// for its test: hold the thread as a stalled machine would
parentPort.on('message', (m) => { const until = performance.now() + m.holdMs; while (performance.now() < until); });
`;

export interface StallSummary {
  /** the witness's longest stall in the window, ms (0: none over STALL_MS) */
  longestMs: number;
  /** its stalls over STALL_MS in the window */
  count: number;
  /** the machine's steal time in the window, ms (all cores; null without /proc/stat) */
  stealMs: number | null;
}

export interface StallWindow {
  end(): Promise<StallSummary>;
}

/** the machine's steal time so far, ms (USER_HZ ticks of 10 ms), or null */
function stealMsNow(): number | null {
  try {
    const cpu = fs.readFileSync('/proc/stat', 'utf8').split('\n', 1)[0].trim().split(/\s+/);
    const steal = Number(cpu[8]);
    return Number.isFinite(steal) ? steal * 10 : null;
  } catch {
    return null;
  }
}

export class StallWitness {
  private readonly worker = new Worker(WITNESS_SOURCE, { eval: true, workerData: { stallMs: STALL_MS } });
  private readonly stalls: { at: number; ms: number }[] = [];

  constructor() {
    this.worker.on('message', (stall: { at: number; ms: number }) => this.stalls.push(stall));
    this.worker.unref();
  }

  /** open a window now; `end()` summarises the stalls that ended inside it */
  window(): StallWindow {
    const from = performance.timeOrigin + performance.now();
    const stealFrom = stealMsNow();
    return {
      end: async () => {
        const to = performance.timeOrigin + performance.now();
        const stealTo = stealMsNow();
        // a stall that ended just before `to` may still be on its way from the worker
        await new Promise((r) => setTimeout(r, 50));
        const inside = this.stalls.filter((s) => s.at >= from && s.at <= to);
        return {
          longestMs: Math.round(Math.max(0, ...inside.map((s) => s.ms)) * 10) / 10,
          count: inside.length,
          stealMs: stealFrom === null || stealTo === null ? null : stealTo - stealFrom,
        };
      },
    };
  }

  /** keep the witness's thread busy for `ms` (its test: a stall it must report) */
  holdForTest(ms: number): void {
    this.worker.postMessage({ holdMs: ms });
  }

  async stop(): Promise<void> {
    await this.worker.terminate();
  }
}
