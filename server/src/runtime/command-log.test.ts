import { describe, expect, it } from 'vitest';
import { ENGINE_VERSION } from '../engine/index.ts';
import { HOST, makeShow, player } from '../engine/testing.ts';
import type { EngineCommand } from '../engine/types.ts';
import { MemoryStore } from '../storage/memory/memory-store.ts';
import { CommandLog, type CommittedChange } from './command-log.ts';
import { FakeTimers } from './testing.ts';

function setup() {
  const store = new MemoryStore();
  const timers = new FakeTimers();
  const committed: CommittedChange[] = [];
  const applied: number[] = [];
  const logLines: string[] = [];
  const log = new CommandLog('show-1', makeShow({ seats: 3 }), {
    store,
    now: timers.now,
    onApplied: (s) => applied.push(s.version),
    onCommitted: (c) => committed.push(c),
    log: (m) => logLines.push(m),
  });
  const host = (type: string, extra: object = {}) =>
    log.submit({ type, version: log.applied.controlVersion, ...extra } as EngineCommand, HOST);
  return { store, timers, log, committed, applied, logLines, host };
}

describe('CommandLog: apply → append → commit → ack', () => {
  it('applies at once, shows and acknowledges only after the commit', async () => {
    const { log, committed, applied, host, store } = setup();
    const ack = host('show:start');
    // applied (new commands are checked against it) but not yet committed: nobody has seen it
    expect(log.applied.stage).toBe('running');
    expect(log.committed.stage).toBe('lobby');
    expect(applied).toEqual([1]);
    expect(committed).toEqual([]);
    expect(await ack).toEqual({ ok: true, data: { version: 1 } });
    expect(log.committed.stage).toBe('running');
    expect(committed.map((c) => c.command.type)).toEqual(['show:start']);
    expect(await store.loadCommands('show-1', 0)).toEqual([
      expect.objectContaining({
        version: 1,
        engineVersion: ENGINE_VERSION,
        type: 'show:start',
        outcome: 'ok',
      }),
    ]);
  });

  it('applies a burst one at a time in arrival order and commits it in that order', async () => {
    const { log, committed, host, store } = setup();
    await host('show:start');
    await host('question:show', { mode: 'main', hideOptions: false });
    await host('question:open');
    const acks = [1, 2, 3].map((seat) =>
      log.submit({ type: 'answer:submit', seat, round: 0, value: seat - 1 }, player(seat)),
    );
    expect((await Promise.all(acks)).map((a) => a.ok && a.data.version)).toEqual([4, 5, 6]);
    expect(committed.slice(-3).map((c) => c.state.version)).toEqual([4, 5, 6]);
    expect(store.stats().batches).toBeLessThan(6); // the burst shared a commit
  });

  it('audits a refusal and changes nothing', async () => {
    const { log, committed, host, store } = setup();
    const res = await host('question:open');
    expect(res).toMatchObject({ ok: false, error: { code: 'WRONG_STAGE' } });
    expect(log.applied.version).toBe(0);
    expect(committed).toEqual([]);
    expect(await store.auditTrail('show-1')).toEqual([
      expect.objectContaining({ version: null, outcome: 'WRONG_STAGE', type: 'question:open' }),
    ]);
  });

  it('refuses a command whose commit failed, never acks it, and carries on from the durable state', async () => {
    const { log, committed, host, store, logLines } = setup();
    await host('show:start');
    store.failNextBatch(new Error('disk full'));
    expect(await host('question:show', { mode: 'main', hideOptions: false })).toMatchObject({
      error: { code: 'STORAGE_FAILED' },
    });
    // nothing of the failed command is shown, stored or kept as the state new commands are checked against
    expect(log.committed.rounds).toEqual([]);
    expect(log.applied.rounds).toEqual([]);
    expect(log.failed).toBe(false);
    expect(committed).toHaveLength(1);
    expect(logLines.join()).toContain('commit failed');
    expect((await store.loadCommands('show-1', 0)).map((c) => c.type)).toEqual(['show:start']);
    // the MC presses again, and the show goes on
    expect(await host('question:show', { mode: 'main', hideOptions: false })).toMatchObject({ ok: true });
    expect(log.committed.rounds).toHaveLength(1);
  });

  it('refuses new commands while a failed commit is still settling', async () => {
    const { log, host, store } = setup();
    await host('show:start');
    store.failNextBatch(new Error('disk full'));
    const failing = host('question:show', { mode: 'main', hideOptions: false });
    // the same turn: the failure is not known yet, so this one rides in the same (failing) batch
    const riding = host('show:pause');
    expect(await failing).toMatchObject({ error: { code: 'STORAGE_FAILED' } });
    expect(await riding).toMatchObject({ error: { code: 'STORAGE_FAILED' } });
    expect(log.failed).toBe(false);
    expect(log.applied.version).toBe(1);
    expect(await host('show:pause')).toMatchObject({ ok: true });
  });

  it('refuses everything once closed, and a commit landing after the close is not published', async () => {
    const { log, committed, host } = setup();
    const pending = host('show:start');
    log.close();
    expect(await pending).toMatchObject({ ok: true });
    expect(committed).toEqual([]);
    expect(await host('show:pause')).toMatchObject({ error: { code: 'INTERNAL' } });
  });
});
