/**
 * WAL checkpoints in a worker thread, on a connection of its own.
 *
 * SQLite's automatic checkpoint runs inside the commit that crosses 1,000 WAL pages: on the event
 * loop, with an fsync of the WAL and one of the database file. Under a burst of autosaves that is one
 * commit in a few hundred taking tens to hundreds of milliseconds while every request waits. Here
 * the main connection stops checkpointing (`wal_autocheckpoint = 0`) and a worker runs a PASSIVE
 * checkpoint every `intervalMs` — PASSIVE never blocks writers or readers; the next commit after a
 * complete one starts the WAL over. If the worker fails, the main connection checkpoints again by
 * itself, so the WAL never grows without bound.
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type Database from 'better-sqlite3';

const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file);
db.pragma('busy_timeout = 5000');
const checkpoint = db.prepare('PRAGMA wal_checkpoint(PASSIVE)');
let timer = null;
const tick = () => {
  try {
    const row = checkpoint.get();
    parentPort.postMessage({ kind: 'checkpoint', log: row.log, checkpointed: row.checkpointed });
  } catch (error) {
    parentPort.postMessage({ kind: 'error', message: String(error && error.message) });
  }
  timer = setTimeout(tick, workerData.intervalMs);
};
parentPort.on('message', (m) => {
  if (m !== 'stop') return;
  clearTimeout(timer);
  try { checkpoint.get(); } catch {}
  db.close();
  parentPort.postMessage({ kind: 'stopped' });
});
tick();
`;

const DEFAULT_AUTOCHECKPOINT = 1000;

export class WalCheckpointer {
  private readonly worker: Worker;
  private stopped = false;
  private runs = 0;
  private exited: Promise<void>;

  /** checkpoints of `db`'s file from a worker; null for a connection without a WAL file */
  static start(db: Database.Database, intervalMs = 200): WalCheckpointer | null {
    if (db.memory || String(db.pragma('journal_mode', { simple: true })).toLowerCase() !== 'wal') return null;
    return new WalCheckpointer(db, intervalMs);
  }

  private constructor(
    private readonly db: Database.Database,
    intervalMs: number,
  ) {
    const driver = createRequire(import.meta.url).resolve('better-sqlite3');
    this.worker = new Worker(WORKER, { eval: true, workerData: { driver, file: db.name, intervalMs } });
    this.worker.unref();
    db.pragma('wal_autocheckpoint = 0');
    this.worker.on('message', (m: { kind: string }) => {
      if (m.kind === 'checkpoint') this.runs++;
      else if (m.kind === 'error') this.fallBack();
    });
    this.worker.on('error', () => this.fallBack());
    this.exited = new Promise((resolve) => this.worker.once('exit', () => resolve()));
    void this.exited.then(() => this.fallBack());
  }

  /** checkpoints the worker has run (tests, metrics) */
  get checkpoints(): number {
    return this.runs;
  }

  /** a last checkpoint, then the worker ends; the connection checkpoints by itself again */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    this.restoreAutocheckpoint();
    const done = new Promise<void>((resolve) =>
      this.worker.on('message', (m: { kind: string }) => m.kind === 'stopped' && resolve()),
    );
    this.worker.postMessage('stop');
    await Promise.race([done, this.exited]);
    await this.worker.terminate();
  }

  private fallBack(): void {
    if (this.stopped) return;
    this.stopped = true;
    this.restoreAutocheckpoint();
    void this.worker.terminate();
  }

  private restoreAutocheckpoint(): void {
    if (this.db.open) this.db.pragma(`wal_autocheckpoint = ${DEFAULT_AUTOCHECKPOINT}`);
  }
}
