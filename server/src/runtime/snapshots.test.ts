import { describe, expect, it } from 'vitest';
import { ENGINE_VERSION } from '../engine/index.ts';
import { makeShow } from '../engine/testing.ts';
import { MemoryStore } from '../storage/memory/memory-store.ts';
import { Snapshotter } from './snapshots.ts';

describe('Snapshotter', () => {
  it('saves the state every N versions, stamped with the engine version', async () => {
    const store = new MemoryStore();
    const snapshots = new Snapshotter('show-1', store, 0, 3);
    const at = (version: number) => ({ ...makeShow(), version });
    snapshots.committed(at(1));
    snapshots.committed(at(2));
    expect(await store.loadSnapshot('show-1')).toBeNull();
    snapshots.committed(at(3));
    expect(await store.loadSnapshot('show-1')).toMatchObject({ version: 3, engineVersion: ENGINE_VERSION });
    snapshots.committed(at(5));
    expect((await store.loadSnapshot('show-1'))?.version).toBe(3);
    snapshots.committed(at(6));
    expect((await store.loadSnapshot('show-1'))?.version).toBe(6);
  });

  it('a failed snapshot is logged, not thrown: the log still holds everything', async () => {
    const store = new MemoryStore();
    const lines: string[] = [];
    const snapshots = new Snapshotter('show-1', store, 0, 1, (m) => lines.push(m));
    store.failNextBatch(new Error('disk'));
    await snapshots.save({ ...makeShow(), version: 1 });
    expect(lines).toEqual(['show show-1: snapshot failed']);
  });
});
