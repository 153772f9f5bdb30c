/** The rehearsal question on a real runner: the server's clock moves it on, and a restart picks it up. */
import { describe, expect, it } from 'vitest';
import { makeSetup } from '../engine/testing.ts';
import { MemoryStore } from '../storage/memory/memory-store.ts';
import { recoverShow } from './recovery.ts';
import { ShowRunner } from './show-runner.ts';
import { FakeTimers, RecordingTransport } from './testing.ts';

const setup = makeSetup({ seats: 3 });
const host = { role: 'host' as const, id: 'host' };

/** moves the clock a second at a time, letting each timer's command commit before the next is armed */
async function run(timers: FakeTimers, store: MemoryStore, ms: number) {
  for (let t = 0; t < ms; t += 1000) {
    timers.advance(1000);
    await store.getMeta('-');
    await Promise.resolve();
  }
}

describe('rehearsal question on the runner', () => {
  it('runs by the timer, survives a restart mid-answering, ends in the lobby with nothing counted', async () => {
    const store = new MemoryStore();
    const timers = new FakeTimers();
    const deps = { store, timers, transport: () => new RecordingTransport(), snapshotEvery: 1000 };
    const runner = ShowRunner.fresh(setup, deps);
    const lobby = structuredClone(runner.state);
    const started = await runner.submit(
      { type: 'preshow:rehearse', version: runner.state.controlVersion, action: 'start' },
      host,
    );
    expect(started.ok).toBe(true);
    const round = runner.state.rehearsal!.round.index;
    await run(timers, store, 4_000);
    expect(runner.state.rehearsal!.round.phase).toBe('answering');
    const answer = await runner.submit(
      { type: 'answer:submit', seat: 2, round, value: 0 },
      { role: 'player', id: 'seat:2' },
    );
    expect(answer.ok).toBe(true);
    runner.close();

    // the server restarts 3 s later: the log rebuilds the rehearsal with its answer, and its clock carries on
    timers.advance(3_000);
    const recovered = await recoverShow(setup, store);
    if (!recovered.ok) throw new Error('not recovered');
    const again = await ShowRunner.resume(setup, recovered.show, deps);
    expect(again.state.rehearsal!.round).toMatchObject({ phase: 'answering', answers: { 2: { value: 0 } } });
    expect(again.state.paused).toBe(false);
    await run(timers, store, 60_000);
    expect(again.state.rehearsal ?? null).toBeNull();
    expect(again.state.stage).toBe('lobby');
    expect(again.state.seats).toEqual(lobby.seats);
    expect(again.state.rounds).toEqual([]);
    expect(again.state.effects).toEqual([]);
    const kinds = (await store.auditTrail('show-1')).map((r) => r.type);
    expect(kinds).toContain('preshow:rehearse');
    expect(kinds.filter((k) => k === 'system:rehearsal-step')).toHaveLength(4);
    // the real show starts with everyone standing
    const start = await again.submit({ type: 'show:start', version: again.state.controlVersion }, host);
    expect(start.ok).toBe(true);
    again.close();
  });
});
