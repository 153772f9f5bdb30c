import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { WalSync } from './wal-sync.ts';

/** a sync function the test finishes by hand */
function manualSync() {
  const pending: { resolve: () => void; reject: (e: Error) => void }[] = [];
  return {
    pending,
    syncFile: () => new Promise<void>((resolve, reject) => pending.push({ resolve, reject })),
  };
}

const flush = () => new Promise((r) => setImmediate(r));

/** count one commit and watch when it becomes durable */
function commit(wal: WalSync) {
  wal.committed();
  const state = { durable: false };
  void wal.durable().then(() => (state.durable = true));
  return state;
}

describe('WalSync', () => {
  it('resolves only after a sync that started after the commit has finished', async () => {
    const m = manualSync();
    const wal = new WalSync('unused', { syncFile: m.syncFile, maxInFlight: 1 });
    const first = commit(wal);
    expect(m.pending).toHaveLength(1);
    // a commit while that sync runs is not covered by it
    const second = commit(wal);
    m.pending[0].resolve();
    await flush();
    expect(first.durable).toBe(true);
    expect(second.durable).toBe(false);
    expect(m.pending).toHaveLength(2); // the next sync started once the first finished
    m.pending[1].resolve();
    await flush();
    expect(second.durable).toBe(true);
  });

  it('commits made while syncs run share the next one', async () => {
    const m = manualSync();
    const wal = new WalSync('unused', { syncFile: m.syncFile, maxInFlight: 1 });
    wal.committed();
    const a = wal.durable();
    const waits = [];
    for (let i = 0; i < 10; i++) {
      wal.committed();
      waits.push(wal.durable());
    }
    m.pending[0].resolve();
    await a;
    await flush();
    expect(m.pending).toHaveLength(2);
    m.pending[1].resolve();
    await Promise.all(waits);
    expect(wal.syncCount).toBe(2);
  });

  it('overlaps up to maxInFlight syncs; a later one covers earlier commits; closes after both', async () => {
    const m = manualSync();
    const wal = new WalSync('unused', { syncFile: m.syncFile, maxInFlight: 2 });
    const a = commit(wal);
    const b = commit(wal);
    expect(m.pending).toHaveLength(2);
    // the second sync started after both commits: it finishing first makes both durable
    m.pending[1].resolve();
    await flush();
    expect([a.durable, b.durable]).toEqual([true, true]);
    // the first sync still runs on the descriptor: closing waits for it
    let closed = false;
    const closing = wal.close().then(() => (closed = true));
    for (let i = 0; i < 5; i++) await flush();
    expect(closed).toBe(false);
    m.pending[0].resolve();
    await closing;
    expect(closed).toBe(true);
  });

  it('nothing committed since the last sync: resolves at once without a sync', async () => {
    const m = manualSync();
    const wal = new WalSync('unused', { syncFile: m.syncFile });
    wal.committed();
    const d = wal.durable();
    m.pending[0].resolve();
    await d;
    await wal.durable();
    expect(wal.syncCount).toBe(1);
  });

  it('a failed sync rejects the commits it was meant to cover; later ones sync again', async () => {
    const m = manualSync();
    const wal = new WalSync('unused', { syncFile: m.syncFile, maxInFlight: 1 });
    wal.committed();
    const failed = wal.durable();
    m.pending[0].reject(new Error('EIO'));
    await expect(failed).rejects.toThrow('EIO');
    wal.committed();
    const next = wal.durable();
    m.pending[1].resolve();
    await expect(next).resolves.toBeUndefined();
  });

  it('fdatasyncs a real file, and treats a missing WAL as nothing to sync', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cv-walsync-'));
    try {
      const file = path.join(dir, 'x.db-wal');
      const missing = new WalSync(file);
      missing.committed();
      await missing.durable();
      fs.writeFileSync(file, 'frames');
      const wal = new WalSync(file);
      wal.committed();
      await wal.durable();
      await wal.close();
      expect(wal.syncCount).toBe(1);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
