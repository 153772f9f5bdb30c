import { describe, expect, it } from 'vitest';
import { ENGINE_VERSION } from '../engine/index.ts';
import { makeSetup } from '../engine/testing.ts';
import { MemoryStore } from '../storage/memory/memory-store.ts';
import type { CommandRecord } from '../storage/port.ts';
import { recoverShow } from './recovery.ts';
import { ShowRunner } from './show-runner.ts';
import { FakeTimers, RecordingTransport } from './testing.ts';

const setup = makeSetup({ seats: 3 });

/** plays show → question → answers → reveal on a real runner, and returns its store */
async function played(opts: { snapshotEvery?: number } = {}) {
  const store = new MemoryStore();
  const timers = new FakeTimers();
  const runner = ShowRunner.fresh(setup, {
    store,
    timers,
    transport: () => new RecordingTransport(),
    snapshotEvery: opts.snapshotEvery ?? 1000,
  });
  const host = async (type: string, extra: object = {}) => {
    const res = await runner.submit({ type, version: runner.state.controlVersion, ...extra } as never, {
      role: 'host',
      id: 'host',
    });
    if (!res.ok) throw new Error(res.error.code);
  };
  await host('show:start');
  await host('question:show', { mode: 'main', hideOptions: false });
  await host('question:open');
  for (const seat of [1, 2])
    await runner.submit(
      { type: 'answer:submit', seat, round: 0, value: seat - 1 },
      { role: 'player', id: `seat:${seat}` },
    );
  await host('question:lock');
  await host('question:reveal');
  const state = runner.state;
  runner.close();
  return { store, state };
}

/** rewrites the stored log of show-1 (the memory store keeps JSON text) */
function rewrite(store: MemoryStore, edit: (r: CommandRecord) => CommandRecord) {
  const list = store.data.commands.get('show-1')!;
  store.data.commands.set(
    'show-1',
    list.map((json) => JSON.stringify(edit(JSON.parse(json) as CommandRecord))),
  );
}

const policy = (engineVersion: number, oldestReplayable: number) => ({ engineVersion, oldestReplayable });

describe('recovery', () => {
  it("replays today's log exactly", async () => {
    const { store, state } = await played();
    const out = await recoverShow(setup, store);
    expect(out.ok && out.show.state).toEqual(state);
    expect(out.ok && out.show.olderRecords).toBe(false);
  });

  it('replays records written before versions were recorded (engine 1) with today’s engine, and says they are older', async () => {
    const { store, state } = await played();
    rewrite(store, (r) => ({ ...r, engineVersion: null }));
    const out = await recoverShow(setup, store);
    expect(out.ok && out.show.state).toEqual(state);
    expect(out.ok && out.show.olderRecords).toBe(true);
  });

  it('refuses a log written by a newer engine (ENGINE_TOO_NEW)', async () => {
    const { store } = await played();
    rewrite(store, (r) => (r.version === 3 ? { ...r, engineVersion: ENGINE_VERSION + 1 } : r));
    expect(await recoverShow(setup, store)).toEqual({
      ok: false,
      problem: expect.objectContaining({ code: 'ENGINE_TOO_NEW' }),
    });
  });

  it('refuses a snapshot written by a newer engine', async () => {
    const { store, state } = await played();
    await store.saveSnapshot('show-1', { version: state.version, state, engineVersion: ENGINE_VERSION + 1 });
    expect(await recoverShow(setup, store)).toMatchObject({ ok: false, problem: { code: 'ENGINE_TOO_NEW' } });
  });

  it('trusts the snapshot an older, no longer replayable engine wrote, and replays only newer records after it', async () => {
    const { store, state } = await played();
    // this server is engine 5 and replays engines ≥ 5; the show was played by engine 2 up to version 4 …
    rewrite(store, (r) => ({ ...r, engineVersion: r.version! <= 4 ? 2 : 5 }));
    // … and left a snapshot at version 4 (take it from a replay of the first four records)
    const first4 = (await store.loadCommands('show-1', 0)).filter((r) => r.version! <= 4);
    const replay4 = await recoverShow(setup, storeWith(first4));
    if (!replay4.ok) throw new Error(replay4.problem.message);
    await store.saveSnapshot('show-1', { version: 4, state: replay4.show.state, engineVersion: 2 });
    const out = await recoverShow(setup, store, policy(5, 5));
    expect(out.ok && out.show.state).toEqual(state);
  });

  it('without a snapshot covering them, records of a no longer replayable engine make the show unavailable (ENGINE_TOO_OLD)', async () => {
    const { store } = await played();
    rewrite(store, (r) => ({ ...r, engineVersion: 2 }));
    expect(await recoverShow(setup, store, policy(5, 5))).toMatchObject({
      ok: false,
      problem: { code: 'ENGINE_TOO_OLD' },
    });
  });

  it('a log today’s engine does not reproduce makes the show unavailable (REPLAY_DIVERGED)', async () => {
    const { store } = await played();
    // the stored reveal now claims to come before the lock
    rewrite(store, (r) =>
      r.type === 'question:lock' ? { ...r, payload: { type: 'question:reveal', version: 0 } } : r,
    );
    const out = await recoverShow(setup, store);
    expect(out).toMatchObject({ ok: false, problem: { code: 'REPLAY_DIVERGED' } });
    expect(!out.ok && out.problem.message).toContain('version 6');
  });

  it('an unreadable history is RECOVERY_FAILED, not an exception', async () => {
    const { store } = await played();
    store.data.commands.get('show-1')![2] = '{not json';
    expect(await recoverShow(setup, store)).toMatchObject({
      ok: false,
      problem: { code: 'RECOVERY_FAILED' },
    });
  });

  it('a runner resumed from a log with older records writes a fresh snapshot at once', async () => {
    const { store, state } = await played();
    rewrite(store, (r) => ({ ...r, engineVersion: null }));
    const out = await recoverShow(setup, store);
    if (!out.ok) throw new Error(out.problem.message);
    const runner = await ShowRunner.resume(setup, out.show, {
      store,
      timers: new FakeTimers(),
      transport: () => new RecordingTransport(),
    });
    runner.close();
    expect(await store.loadSnapshot('show-1')).toMatchObject({
      version: state.version,
      engineVersion: ENGINE_VERSION,
    });
  });
});

function storeWith(records: CommandRecord[]): MemoryStore {
  const store = new MemoryStore();
  store.data.commands.set(
    'show-1',
    records.map((r) => JSON.stringify(r)),
  );
  return store;
}
