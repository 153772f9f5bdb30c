import { describe, expect, it } from 'vitest';
import { GroupCommit } from './group-commit.ts';

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe('GroupCommit', () => {
  it('flushes everything enqueued in one event-loop turn as one batch, in order', async () => {
    const batches: number[][] = [];
    const gc = new GroupCommit<number>((items) => void batches.push(items));
    await Promise.all(Array.from({ length: 100 }, (_, i) => gc.enqueue(i)));
    expect(batches).toEqual([Array.from({ length: 100 }, (_, i) => i)]);
    expect(gc.stats()).toEqual({ batches: 1, records: 100, failedBatches: 0, largestBatch: 100 });
  });

  it('does not flush synchronously: the batch waits for the current turn to end', async () => {
    const batches: number[][] = [];
    const gc = new GroupCommit<number>((items) => void batches.push(items));
    const done = gc.enqueue(1);
    await Promise.resolve();
    expect(batches).toEqual([]);
    await done;
    expect(batches).toEqual([[1]]);
  });

  it('gathers what arrives during a slow flush into the next single batch', async () => {
    const batches: string[][] = [];
    const gate = deferred();
    const gc = new GroupCommit<string>(async (items) => {
      batches.push(items);
      if (batches.length === 1) await gate.promise;
    });
    const first = gc.enqueue('a');
    await new Promise((r) => setImmediate(r)); // first flush is now running, held at the gate
    const later = [gc.enqueue('b'), gc.enqueue('c')];
    await new Promise((r) => setTimeout(r, 5));
    const more = gc.enqueue('d');
    gate.resolve();
    await Promise.all([first, ...later, more]);
    expect(batches).toEqual([['a'], ['b', 'c', 'd']]);
  });

  it.each([
    [false, [['a'], ['b'], ['c']]],
    [true, [['a'], ['b', 'c']]],
  ])(
    'gatherIo %s: what the event loop delivers as a flush ends joins the next batch',
    async (gatherIo, expected) => {
      const batches: string[][] = [];
      const gate = deferred();
      const gc = new GroupCommit<string>(
        async (items) => {
          batches.push(items);
          if (batches.length === 1) await gate.promise;
        },
        { gatherIo },
      );
      const all = [gc.enqueue('a')];
      await new Promise((r) => setImmediate(r)); // the first flush is running, held at the gate
      all.push(gc.enqueue('b'));
      await new Promise<void>((resolve) =>
        setTimeout(() => {
          // an I/O callback of the same loop round as the flush's end (here: the immediate queued first)
          setImmediate(() => {
            all.push(gc.enqueue('c'));
            resolve();
          });
          gate.resolve();
        }, 1),
      );
      await Promise.all(all);
      expect(batches).toEqual(expected);
    },
  );

  it('resolves each promise only after its own batch committed', async () => {
    const committed: number[] = [];
    const gc = new GroupCommit<number>(async (items) => {
      await new Promise((r) => setTimeout(r, 1));
      committed.push(...items);
    });
    const seen: number[][] = [];
    await Promise.all([1, 2, 3].map((n) => gc.enqueue(n).then(() => seen.push([n, committed.length]))));
    expect(seen).toEqual([
      [1, 3],
      [2, 3],
      [3, 3],
    ]);
  });

  it('caps a batch by weight and never splits one entry', async () => {
    const batches: number[][] = [];
    const gc = new GroupCommit<number>((items) => void batches.push(items), { maxRecords: 10 });
    await Promise.all([
      gc.enqueue(1, 4),
      gc.enqueue(2, 4),
      gc.enqueue(3, 4),
      gc.enqueue(4, 25),
      gc.enqueue(5, 1),
    ]);
    expect(batches).toEqual([[1, 2], [3], [4], [5]]);
    expect(gc.stats().largestBatch).toBe(25);
  });

  it('rejects every entry of a batch whose flush throws, then carries on with later batches', async () => {
    let calls = 0;
    const boom = new Error('fsync failed');
    const gc = new GroupCommit<number>(() => {
      if (++calls === 1) throw boom;
    });
    const first = await Promise.allSettled([gc.enqueue(1), gc.enqueue(2)]);
    expect(first).toEqual([
      { status: 'rejected', reason: boom },
      { status: 'rejected', reason: boom },
    ]);
    await expect(gc.enqueue(3)).resolves.toBeUndefined();
    expect(gc.stats()).toMatchObject({ batches: 1, records: 1, failedBatches: 1 });
  });

  it('rejects only the entries a flush reports as failed', async () => {
    const refused = new Error('exists');
    const gc = new GroupCommit<number>((items) => items.map((n) => (n === 2 ? refused : undefined)));
    const results = await Promise.allSettled([gc.enqueue(1), gc.enqueue(2), gc.enqueue(3)]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
  });

  it('settled() waits for entries queued before it, not for later ones', async () => {
    const gate = deferred();
    const flushed: number[] = [];
    const gc = new GroupCommit<number>(async (items) => {
      if (items.includes(2)) await gate.promise;
      flushed.push(...items);
    });
    void gc.enqueue(1);
    await gc.settled();
    expect(flushed).toEqual([1]);
    const second = gc.enqueue(2);
    const waiting = gc.settled().then(() => [...flushed]);
    setTimeout(() => gate.resolve(), 5);
    expect(await waiting).toEqual([1, 2]);
    await second;
    await expect(gc.settled()).resolves.toBeUndefined();
  });

  it('close() drains the queue, then refuses new entries', async () => {
    const flushed: number[] = [];
    const gc = new GroupCommit<number>((items) => void flushed.push(...items), {
      closedError: () => new Error('closed'),
    });
    const pending = [gc.enqueue(1), gc.enqueue(2)];
    await gc.close();
    await Promise.all(pending);
    expect(flushed).toEqual([1, 2]);
    await expect(gc.enqueue(3)).rejects.toThrow('closed');
  });
});
