import { afterEach, describe, expect, it } from 'vitest';
import { StallWitness } from './stall-witness.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('stall witness', () => {
  let witness: StallWitness | null = null;
  afterEach(() => witness?.stop());

  it('reports a stall of its thread inside the window, not one outside it', async () => {
    witness = new StallWitness();
    await sleep(100);
    witness.holdForTest(80);
    await sleep(200); // the stall ends before the window opens
    const window = witness.window();
    await sleep(100);
    const quiet = await window.end();
    expect(quiet.count).toBe(0);
    expect(quiet.longestMs).toBe(0);

    const second = witness.window();
    witness.holdForTest(120);
    await sleep(300);
    const stalled = await second.end();
    expect(stalled.count).toBe(1);
    expect(stalled.longestMs).toBeGreaterThanOrEqual(100);
    expect(stalled.longestMs).toBeLessThan(1_000);
  });
});
