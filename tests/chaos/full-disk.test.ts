/**
 * A real full disk, not an injected failure: the store's data dir is a small tmpfs the test mounts
 * (needs root; where mounting is refused the test is skipped with the reason), filled to the last
 * byte with a file of its own. A tablet's answer then hits ENOSPC (SQLITE_FULL) in the store: it is
 * refused with STORAGE_FAILED and never acked, the server keeps serving, and once the file is removed
 * the tablet sends again and the show carries on.
 */
import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { expectOk, startHarness, until, type Harness } from '../integration/harness.ts';
import { seatAnswering } from './storage-kit.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'cv-full-'));
/** 4 MB: room for the schema and a show, little enough to fill in a moment */
const mount = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=4m', 'tmpfs', dir], { encoding: 'utf8' });
const mounted = mount.status === 0;
if (!mounted)
  console.log(
    `[chaos:disk] real full disk skipped: cannot mount a tmpfs here (${(mount.stderr || mount.error?.message || '').trim()}); the injected failure in faults.test.ts still runs`,
  );

let h: Harness | undefined;
const logLines: string[] = [];
afterAll(async () => {
  await h?.close();
  if (mounted) spawnSync('umount', [dir]);
  rmSync(dir, { recursive: true, force: true });
});

/** writes until the filesystem refuses: big chunks, then single bytes, so not one page is left */
function fill(file: string): number {
  const fd = openSync(file, 'w');
  let written = 0;
  try {
    for (const size of [1 << 16, 4096, 1]) {
      const chunk = Buffer.alloc(size, 0x55);
      for (;;) {
        try {
          written += writeSync(fd, chunk);
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
          break;
        }
      }
    }
  } finally {
    closeSync(fd);
  }
  return written;
}

describe('chaos: a real full disk', () => {
  it.skipIf(!mounted)(
    'refuses the answer with STORAGE_FAILED, never acks it, keeps serving, and carries on once space is freed',
    async () => {
      h = await startHarness(
        { logger: { level: 'warn', stream: { write: (line: string) => void logLines.push(line) } } },
        dir,
      );
      const { show, host, seat, round } = await seatAnswering(h, 'Đĩa đầy thật');

      // empty the WAL (its pages would otherwise be reused without asking the disk for space), then fill the disk
      const dbFile = path.join(dir, 'chuong-vang.db');
      const side = new Database(dbFile);
      const [cp] = side.pragma('wal_checkpoint(TRUNCATE)') as { busy: number }[];
      side.close();
      expect(cp.busy).toBe(0);
      const filler = path.join(dir, 'filler.bin');
      const filled = fill(filler);
      expect(statSync(`${dbFile}-wal`).size, 'the WAL is empty: the answer must ask for new space').toBe(0);

      const refused = await seat.answer(round, 1);
      expect(refused).toMatchObject({ ok: false, error: { code: 'STORAGE_FAILED' } });
      expect(logLines.join('\n')).toMatch(/SQLITE_FULL|disk is full/);
      // nothing of it was kept
      expect(h.app.shows.runner(show.showId)!.state.rounds[round].answers[1]).toBeUndefined();

      // the server keeps serving: health, the MC's view of the show, a new connection
      expect((await h.app.inject({ method: 'GET', url: '/api/health' })).statusCode).toBe(200);
      const again = await h.connect({ role: 'host', showId: show.showId, pin: show.secrets.hostPin });
      expect(again.state.view?.round?.phase).toBe('answering');

      // space freed: the tablet sends again and the show goes on
      unlinkSync(filler);
      let res = await seat.answer(round, 1);
      // the first command after a failed commit may be asked to wait for the commits to settle
      for (let i = 0; !res.ok && i < 20; i++) {
        await new Promise((r) => setTimeout(r, 100));
        res = await seat.answer(round, 1);
      }
      expect(res).toMatchObject({ ok: true });
      expectOk(await host.command('question:lock'));
      expectOk(await host.command('question:reveal'));
      await until(seat, (c) => c.state.self?.outcome?.result.kind === 'stays');
      const trail = await h.app.store.auditTrail(show.showId);
      expect(trail.filter((r) => r.type === 'answer:submit' && r.outcome === 'ok')).toHaveLength(1);
      console.log(
        `[chaos:disk] real ENOSPC on a 4 MB tmpfs (filler ${Math.round(filled / 1024)} kB): refused 1, acked 0 of them, ` +
          'server kept serving, answer accepted once space was freed, question finished',
      );
    },
  );
});
