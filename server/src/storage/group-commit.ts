/**
 * Group commit: many writers, few transactions.
 *
 * The first enqueue schedules a flush with setImmediate, so everything enqueued in the same
 * event-loop turn (or while a flush is running) is written by ONE call to `flush`, which the adapter
 * runs as one transaction (SQLite) or one MULTI/EXEC (Redis). Batches run one at a time, in enqueue
 * order, capped at `maxRecords` records (an entry heavier than the cap goes alone, never split).
 *
 * Each enqueue's promise settles after its batch: it resolves when the batch committed, rejects
 * with the thrown error when `flush` threw (every entry of that batch), or rejects with its own
 * error when `flush` returns a per-entry error for it (e.g. "show exists"). Later batches proceed
 * either way.
 */

/** per-entry errors, index-aligned with the batch; undefined = that entry committed */
export type FlushResult = void | ReadonlyArray<Error | undefined>;
export type FlushFn<T> = (items: T[]) => FlushResult | Promise<FlushResult>;

export interface GroupCommitStats {
  /** committed batches = transactions */
  batches: number;
  /** records in committed batches (an entry counts as its weight) */
  records: number;
  /** batches whose flush threw; none of their entries were acknowledged */
  failedBatches: number;
  /** the most records one committed batch held */
  largestBatch: number;
}

export interface GroupCommitOptions {
  /** records per transaction at most; default 5,000 */
  maxRecords?: number;
  /** the error enqueue rejects with once closed */
  closedError?: () => Error;
  /**
   * Before each batch after the first of a run, let the event loop finish its current round of I/O
   * (setImmediate), so that requests the kernel has already delivered join the batch instead of
   * waiting a whole flush for the next one. For a store whose flush ends with a disk sync.
   */
  gatherIo?: boolean;
}

interface Entry<T> {
  item: T;
  weight: number;
  seq: number;
  resolve: () => void;
  reject: (error: unknown) => void;
}

export class GroupCommit<T> {
  private readonly maxRecords: number;
  private readonly closedError: () => Error;
  private readonly gatherIo: boolean;
  private queue: Entry<T>[] = [];
  private scheduled = false;
  private running = false;
  private closed = false;
  private nextSeq = 1;
  /** every entry with seq <= settledSeq has settled */
  private settledSeq = 0;
  private waiters: { seq: number; resolve: () => void }[] = [];
  private readonly counters: GroupCommitStats = { batches: 0, records: 0, failedBatches: 0, largestBatch: 0 };

  constructor(
    private readonly flush: FlushFn<T>,
    options: GroupCommitOptions = {},
  ) {
    this.maxRecords = Math.max(1, options.maxRecords ?? 5_000);
    this.closedError = options.closedError ?? (() => new Error('group commit is closed'));
    this.gatherIo = options.gatherIo ?? false;
  }

  /** queue one entry; `weight` is how many records it holds (for the per-batch cap and stats) */
  enqueue(item: T, weight = 1): Promise<void> {
    if (this.closed) return Promise.reject(this.closedError());
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ item, weight: Math.max(1, weight), seq: this.nextSeq++, resolve, reject });
      this.schedule();
    });
  }

  /** resolves once every entry enqueued before this call has settled (committed or failed) */
  settled(): Promise<void> {
    const seq = this.nextSeq - 1;
    if (this.settledSeq >= seq) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ seq, resolve }));
  }

  /** refuse new entries, then wait for the queued ones to settle */
  async close(): Promise<void> {
    this.closed = true;
    await this.settled();
  }

  get isClosed(): boolean {
    return this.closed;
  }

  /** entries waiting for a batch (not counting the one being flushed) */
  get pending(): number {
    return this.queue.length;
  }

  stats(): GroupCommitStats {
    return { ...this.counters };
  }

  private schedule(): void {
    if (this.scheduled || this.running) return;
    this.scheduled = true;
    setImmediate(() => void this.run());
  }

  private async run(): Promise<void> {
    this.scheduled = false;
    this.running = true;
    try {
      while (this.queue.length > 0) {
        await this.flushOne(this.takeBatch());
        if (this.gatherIo && this.queue.length > 0) await new Promise((r) => setImmediate(r));
      }
    } finally {
      this.running = false;
    }
  }

  private takeBatch(): Entry<T>[] {
    let records = 0;
    let n = 0;
    while (n < this.queue.length && (n === 0 || records + this.queue[n].weight <= this.maxRecords)) {
      records += this.queue[n].weight;
      n++;
    }
    return this.queue.splice(0, n);
  }

  private async flushOne(batch: Entry<T>[]): Promise<void> {
    let result: FlushResult;
    try {
      result = await this.flush(batch.map((e) => e.item));
    } catch (error) {
      this.counters.failedBatches++;
      for (const e of batch) e.reject(error);
      this.settle(batch);
      return;
    }
    const records = batch.reduce((sum, e) => sum + e.weight, 0);
    this.counters.batches++;
    this.counters.records += records;
    this.counters.largestBatch = Math.max(this.counters.largestBatch, records);
    batch.forEach((e, i) => {
      const error = result ? result[i] : undefined;
      if (error) e.reject(error);
      else e.resolve();
    });
    this.settle(batch);
  }

  private settle(batch: Entry<T>[]): void {
    this.settledSeq = batch[batch.length - 1].seq;
    if (this.waiters.length === 0) return;
    const ready = this.waiters.filter((w) => w.seq <= this.settledSeq);
    this.waiters = this.waiters.filter((w) => w.seq > this.settledSeq);
    for (const w of ready) w.resolve();
  }
}
