/** The assembled runner with a fake clock, an in-memory store and a recording transport. */
import type { HostView, Tally, ViewDelta } from '@cv/shared/protocol';
import { describe, expect, it } from 'vitest';
import { makeSetup } from '../engine/testing.ts';
import { MemoryStore } from '../storage/memory/memory-store.ts';
import { recoverShow } from './recovery.ts';
import { ShowRunner, type RunnerDeps } from './show-runner.ts';
import { FakeTimers, RecordingTransport } from './testing.ts';

const setup = makeSetup({ seats: 3, rules: { lateGraceMs: 500 } });
const HOST = { role: 'host', id: 'host' } as const;

function start(deps: Partial<RunnerDeps> = {}) {
  const store = new MemoryStore();
  const timers = new FakeTimers();
  const transport = new RecordingTransport();
  const all: RunnerDeps = { store, timers, transport: () => transport, tallyEveryMs: 200, ...deps };
  const runner = ShowRunner.fresh(setup, all);
  const host = (type: string, extra: object = {}) =>
    runner.submit({ type, version: runner.state.controlVersion, ...extra } as never, HOST);
  /** every write queued so far has committed and been handled */
  const settled = async () => {
    await all.store.getMeta('-');
    await Promise.resolve();
  };
  return { store: all.store as MemoryStore, timers, transport, runner, host, settled, deps: all };
}

describe('ShowRunner', () => {
  it('plays a question: acks after commit, one message per room, locks by itself at deadline + grace', async () => {
    const { runner, host, timers, transport, settled } = start();
    runner.seatConnected(1, true);
    expect(await host('show:start')).toEqual({ ok: true, data: { version: 1 } });
    await host('question:show', { mode: 'main', hideOptions: false });
    await host('question:open');
    timers.flush();
    const answered = await runner.submit(
      { type: 'answer:submit', seat: 1, round: 0, value: 0 },
      { role: 'player', id: 'seat:1' },
    );
    expect(answered).toMatchObject({ ok: true, data: { version: 4 } });
    expect(transport.to('seat:1', 'seat:self').at(-1)).toMatchObject({ answer: 0 });
    timers.advance(200);
    expect((transport.to('screens', 'show:tally').at(-1) as Tally).answered).toBe(1);

    timers.advance(10_000 - 200 + 499);
    expect(runner.state.rounds[0].phase).toBe('answering');
    timers.advance(1); // deadline + grace: the server's own lock
    await settled();
    expect(runner.state.rounds[0].phase).toBe('locked');
    timers.flush();
    const last = transport.to('crowd', 'show:delta').at(-1) as ViewDelta;
    expect(last.events).toEqual([{ type: 'locked', round: 0, auto: true }]);
    runner.close();
  });

  it('takes audience answers beside the show and counts them on the tick', async () => {
    const { runner, host, timers, transport } = start();
    await host('show:start');
    await host('question:show', { mode: 'main', hideOptions: false });
    await host('question:open');
    runner.audience.join('fan', 'Khán giả');
    expect(await runner.submitAudienceAnswer('fan', 0, 2)).toMatchObject({ ok: true });
    expect(runner.state.version).toBe(3); // the show's state did not move
    timers.advance(200);
    expect((transport.to('screens', 'show:tally').at(-1) as Tally).audienceAnswered).toBe(1);
    runner.close();
  });

  it('a show caught answering comes back paused with the time it had left when last seen', async () => {
    const { runner, host, timers, store, deps } = start();
    await host('show:start');
    await host('question:show', { mode: 'main', hideOptions: false });
    await host('question:open');
    timers.advance(3_000);
    await runner.submit(
      { type: 'answer:submit', seat: 2, round: 0, value: 1 },
      { role: 'player', id: 'seat:2' },
    );
    runner.close(); // the process dies here
    timers.advance(60_000);

    const recovered = await recoverShow(setup, store);
    if (!recovered.ok) throw new Error(recovered.problem.message);
    const again = await ShowRunner.resume(setup, recovered.show, deps);
    expect(again.state.paused).toBe(true);
    expect(again.state.rounds[0]).toMatchObject({ phase: 'answering', deadline: null, remainingMs: 7_000 });
    expect(again.state.rounds[0].answers[2]?.value).toBe(1);
    // paused: the deadline timer is not armed until the MC resumes
    timers.advance(60_000);
    expect(again.state.rounds[0].phase).toBe('answering');
    again.close();
  });

  it('routes commands through the show ownership: a node that may not apply them applies nothing', async () => {
    const { runner, host, store } = start({
      ownership: { refusal: () => ({ code: 'FORBIDDEN', message: 'not the owner' }) },
    });
    expect(await host('show:start')).toMatchObject({ error: { code: 'FORBIDDEN' } });
    expect(runner.state.stage).toBe('lobby');
    expect(await store.auditTrail('show-1')).toEqual([]);
    runner.close();
  });

  it('counts a seat connected while any node has its device, and forgets a node that stops calling the roll', async () => {
    const { runner, timers } = start();
    const connected = () =>
      (runner.snapshotFor({ role: 'host', showId: runner.showId }, 0).view as HostView).seats
        .filter((s) => s.connected)
        .map((s) => s.seat);
    runner.seatConnected(1, true);
    runner.seatConnectedElsewhere(2, true, 'b');
    runner.seatsElsewhere('c', [2, 3]);
    expect(connected()).toEqual([1, 2, 3]);
    // b's tablet on seat 2 leaves; c still has one there
    runner.seatConnectedElsewhere(2, false, 'b');
    expect(connected()).toEqual([1, 2, 3]);
    // c's next roll call no longer names seat 3
    timers.advance(2_000);
    runner.seatsElsewhere('c', [2]);
    runner.forgetSilentNodes(6_000);
    expect(connected()).toEqual([1, 2]);
    // c dies without a word; b keeps calling (with nothing); seat 1 is this node's own
    timers.advance(4_000);
    runner.seatsElsewhere('b', []);
    runner.forgetSilentNodes(6_000);
    expect(connected()).toEqual([1, 2]);
    timers.advance(2_001);
    runner.forgetSilentNodes(6_000);
    expect(connected()).toEqual([1]);
    expect(runner.seatsHere()).toEqual([1]);
  });
});
