import { describe, expect, it } from 'vitest';
import { started } from '../engine/testing.ts';
import { MemoryStore } from '../storage/memory/memory-store.ts';
import { AudienceChannel } from './audience-channel.ts';
import { FakeTimers, RecordingTransport } from './testing.ts';

function setup(opts: { sliceSize?: number } = {}) {
  const d = started({ seats: 2 });
  const store = new MemoryStore();
  const timers = new FakeTimers(d.now);
  const transport = new RecordingTransport();
  let writable = true;
  let answered = 0;
  const channel = new AudienceChannel({
    showId: 'show-1',
    store,
    timers,
    transport: () => transport,
    applied: () => d.state,
    committed: () => d.state,
    writable: () => writable,
    onAnswer: () => void answered++,
    sliceSize: opts.sliceSize,
  });
  const open = () => {
    d.host('question:show', { mode: 'main', hideOptions: false });
    d.host('question:open');
  };
  const reveal = () => {
    d.host('question:lock');
    d.host('question:reveal');
    channel.invalidate();
  };
  return {
    d,
    store,
    timers,
    transport,
    channel,
    open,
    reveal,
    answered: () => answered,
    fail: () => (writable = false),
  };
}

describe('AudienceChannel', () => {
  it("refuses what the engine's admission rule refuses, and stores nothing", async () => {
    const { channel, store, open } = setup();
    expect(await channel.answer('a', 0, 1)).toMatchObject({ error: { code: 'ROUND_MISMATCH' } });
    open();
    expect(await channel.answer('a', 0, 9)).toMatchObject({ error: { code: 'ANSWER_INVALID' } });
    expect(await store.loadAudienceAnswers('show-1')).toEqual([]);
  });

  it('stores an answer before acknowledging it, counts it, and keeps the last one per round', async () => {
    const { channel, store, open, timers, answered } = setup();
    channel.join('a', 'An');
    open();
    expect(await channel.answer('a', 0, 1)).toEqual({
      ok: true,
      data: { round: 0, acceptedAt: timers.now() },
    });
    expect(await channel.answer('a', 0, 0)).toMatchObject({ ok: true });
    expect(await store.loadAudienceAnswers('show-1')).toEqual([
      expect.objectContaining({ audienceId: 'a', name: 'An', value: 1 }),
      expect.objectContaining({ audienceId: 'a', name: 'An', value: 0 }),
    ]);
    expect(channel.countFor(0)).toBe(1);
    expect(answered()).toBe(2);
    expect(channel.selfOf('a')).toMatchObject({ answer: 0, correct: null });
  });

  it('a failed write is not recorded; a show whose storage failed takes no answer', async () => {
    const { channel, store, open, fail } = setup();
    open();
    store.failNextBatch(new Error('disk'));
    expect(await channel.answer('a', 0, 0)).toMatchObject({ error: { code: 'STORAGE_FAILED' } });
    expect(channel.countFor(0)).toBe(0);
    fail();
    expect(await channel.answer('a', 0, 0)).toMatchObject({ error: { code: 'STORAGE_FAILED' } });
  });

  it('ranks once per change of the scores, not per phone', async () => {
    const { channel, open, reveal, d } = setup();
    channel.join('a', 'An');
    channel.join('b', 'Bình');
    open();
    await channel.answer('a', 0, 0); // key 0
    await channel.answer('b', 0, 1);
    expect(channel.board().map((r) => r.score)).toEqual([0, 0]); // nothing revealed yet: nobody scored
    reveal();
    const board = channel.board();
    expect(board).toEqual([
      { rank: 1, name: 'An', score: 1 },
      { rank: 2, name: 'Bình', score: 0 },
    ]);
    expect(channel.board()).toBe(board); // cached
    expect(channel.selfOf('b')).toMatchObject({ score: 0, rank: 2, correct: false });
    d.host('verdict:revise', { round: 0, seat: 1, correct: false, reason: 'thử' });
    expect(channel.board()).toBe(board); // the runtime invalidates on the events that move scores
    channel.invalidate();
    expect(channel.board()).not.toBe(board);
  });

  it('sends every connected phone its own result in slices, a newer round of results superseding an older one', async () => {
    const { channel, transport, timers, open, reveal } = setup({ sliceSize: 2 });
    for (const id of ['a', 'b', 'c', 'd', 'e']) transport.audience.add(id);
    open();
    reveal();
    channel.sendSelves();
    expect(transport.sent.map((s) => s.to)).toEqual(['audience:a', 'audience:b']);
    channel.sendSelves(); // superseded: the first run stops, the second goes on
    timers.flush();
    expect(transport.sent.map((s) => s.to)).toEqual([
      'audience:a',
      'audience:b',
      'audience:a',
      'audience:b',
      'audience:c',
      'audience:d',
      'audience:e',
    ]);
  });

  it('restores stored answers after a restart', async () => {
    const { channel, open, reveal, d } = setup();
    open();
    channel.restore([{ audienceId: 'z', name: 'Zung', round: 0, value: 0, at: d.now }]);
    reveal();
    expect(channel.selfOf('z')).toMatchObject({ name: 'Zung', score: 1, rank: 1, answer: 0, correct: true });
  });
});
