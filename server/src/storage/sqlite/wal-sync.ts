/**
 * Durability off the event loop for a WAL connection that commits with synchronous=NORMAL.
 *
 * A NORMAL commit writes its frames into the WAL file without fsync: safe from a process crash (the
 * kernel holds them) but not yet from a power cut. `durable()` resolves once an fdatasync of the WAL
 * file that STARTED AFTER every commit counted so far has finished. Syncs run in libuv's thread
 * pool, so the event loop keeps serving meanwhile; a few may overlap (the disk completes overlapping
 * flushes together), and every commit made while they run shares the next one. Callers acknowledge
 * only after `durable()` — the promise synchronous=FULL made, without stopping the process for
 * each fsync.
 *
 * Checkpoints stay SQLite's: with NORMAL it syncs the WAL before a checkpoint and the database file
 * after it, so frames moved out of the WAL (and a WAL rewritten from its start) lose nothing.
 */
import fs from 'node:fs';

/** fdatasync of the WAL file, given as a function so tests can slow it down or make it fail */
export type SyncFile = (file: string) => Promise<void>;

interface Waiter {
  target: number;
  resolve: () => void;
  reject: (error: unknown) => void;
}

export interface WalSyncOptions {
  /** default: fdatasync through a handle kept open on the WAL file */
  syncFile?: SyncFile;
  /** syncs running at once at most; default 3 (libuv's pool has 4 threads) */
  maxInFlight?: number;
}

export class WalSync {
  private commits = 0;
  /** every commit up to this one is on disk */
  private durableUpTo = 0;
  /** the commits the most recently started sync covers */
  private startedUpTo = 0;
  private inFlight = 0;
  private waiters: Waiter[] = [];
  /** close() waiting for the last running sync to end */
  private idle: (() => void) | null = null;
  private syncs = 0;
  private fd: number | null = null;
  private readonly syncFile: SyncFile;
  private readonly maxInFlight: number;

  constructor(
    private readonly walFile: string,
    options: WalSyncOptions = {},
  ) {
    this.syncFile = options.syncFile ?? (() => this.datasync());
    this.maxInFlight = Math.max(1, options.maxInFlight ?? 3);
  }

  /** count one commit (call right after it, synchronously) */
  committed(): void {
    this.commits++;
  }

  /** resolves once every commit counted so far is on disk; rejects if a sync meant for it fails */
  durable(): Promise<void> {
    const target = this.commits;
    if (target <= this.durableUpTo) return Promise.resolve();
    const done = new Promise<void>((resolve, reject) => this.waiters.push({ target, resolve, reject }));
    this.startIfNeeded();
    return done;
  }

  /** fsyncs started so far (tests, metrics) */
  get syncCount(): number {
    return this.syncs;
  }

  /** wait for running syncs, then close the WAL descriptor */
  async close(): Promise<void> {
    await this.durable().catch(() => undefined);
    // a sync that finished out of order may leave an earlier one running on the descriptor
    if (this.inFlight > 0) await new Promise<void>((resolve) => (this.idle = resolve));
    if (this.fd !== null) fs.closeSync(this.fd);
    this.fd = null;
  }

  private startIfNeeded(): void {
    if (this.inFlight >= this.maxInFlight) return;
    if (!this.waiters.some((w) => w.target > this.startedUpTo)) return;
    const covers = this.commits;
    this.startedUpTo = covers;
    this.inFlight++;
    this.syncs++;
    this.syncFile(this.walFile).then(
      () => this.finished(covers, null),
      (error: unknown) => this.finished(covers, error),
    );
  }

  private finished(covers: number, error: unknown): void {
    this.inFlight--;
    if (error === null) this.durableUpTo = Math.max(this.durableUpTo, covers);
    const limit = error === null ? this.durableUpTo : covers;
    const settled = this.waiters.filter((w) => w.target <= limit);
    this.waiters = this.waiters.filter((w) => w.target > limit);
    for (const w of settled) {
      if (error === null) w.resolve();
      else w.reject(error);
    }
    this.startIfNeeded();
    if (this.inFlight === 0 && this.idle) {
      this.idle();
      this.idle = null;
    }
  }

  // a plain descriptor and callback: a FileHandle's promise machinery cost more main-thread time
  // per sync, and there is one sync per batch
  private datasync(): Promise<void> {
    return new Promise((resolve, reject) => {
      if (this.fd === null) {
        try {
          this.fd = fs.openSync(this.walFile, 'r');
        } catch (error) {
          // no WAL file: nothing is waiting in one (SQLite checkpointed and removed it)
          if ((error as NodeJS.ErrnoException).code === 'ENOENT') return resolve();
          return reject(error as Error);
        }
      }
      fs.fdatasync(this.fd, (error) => (error ? reject(error) : resolve()));
    });
  }
}
