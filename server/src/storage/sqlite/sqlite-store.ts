import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { GroupCommit, type GroupCommitStats } from '../group-commit.ts';
import { jsonOf } from '../json.ts';
import {
  StoreError,
  type AudienceAnswerRecord,
  type CommandRecord,
  type ShowRecord,
  type Snapshot,
  type Store,
} from '../port.ts';
import { migrate } from './schema.ts';
import { GENESIS, headOf, recordHash } from '../../audit/chain.ts';

export interface SqliteStoreOptions {
  dataDir: string;
  /** file name inside dataDir (or an absolute path); default chuong-vang.db */
  file?: string;
  /** records per transaction at most; default 5,000 */
  maxBatchRecords?: number;
  /** ms a writer waits for another connection's lock; default 5,000 */
  busyTimeoutMs?: number;
}

export const DEFAULT_SQLITE_FILE = 'chuong-vang.db';

interface CommandRow {
  show_id: string;
  version: number | null;
  engine_version: number | null;
  at: number;
  actor_id: string;
  role: string;
  type: string;
  payload: string;
  outcome: string;
  hash: string | null;
}

interface AnswerRow {
  show_id: string;
  audience_id: string;
  name: string;
  round: number;
  value: string;
  at: number;
}

interface ShowRow {
  show_id: string;
  title: string;
  created_at: number;
  setup: string;
  secrets: string;
}

type WriteOp =
  | { kind: 'commands'; rows: CommandRow[] }
  | { kind: 'answers'; rows: AnswerRow[] }
  | { kind: 'createShow'; row: ShowRow }
  | {
      kind: 'updateShow';
      row: { show_id: string; title: string | null; setup: string | null; secrets: string | null };
    }
  | { kind: 'snapshot'; row: SnapshotRow }
  | { kind: 'meta'; row: { key: string; value: string } };

interface SnapshotRow {
  show_id: string;
  version: number;
  state: string;
  engine_version: number | null;
}

const closedError = () => new StoreError('STORE_CLOSED', 'the store is closed');

/**
 * SQLite adapter: one file, WAL, synchronous=FULL so every commit is fsynced (an ack survives a
 * power cut), every write funnelled through one GroupCommit so a burst becomes one transaction.
 */
export class SqliteStore implements Store {
  readonly kind = 'sqlite' as const;
  readonly file: string;
  private readonly db: Database.Database;
  private readonly committer: GroupCommit<WriteOp>;
  private readonly stmt: ReturnType<typeof prepareStatements>;
  private injectedFailure: Error | null = null;
  /** the last committed link of each show's chain */
  private readonly heads = new Map<string, string>();

  static async open(options: SqliteStoreOptions): Promise<SqliteStore> {
    return new SqliteStore(options);
  }

  private constructor(options: SqliteStoreOptions) {
    fs.mkdirSync(options.dataDir, { recursive: true });
    this.file = path.resolve(options.dataDir, options.file ?? DEFAULT_SQLITE_FILE);
    const db = new Database(this.file);
    try {
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = FULL');
      db.pragma(`busy_timeout = ${options.busyTimeoutMs ?? 5_000}`);
      // 64 MB of page cache instead of SQLite's 2 MB: on deadline day a submit reads an attempt and its
      // answers among hundreds of thousands; every page found here is a pread system call saved
      db.pragma('cache_size = -65536');
      migrate(db);
    } catch (error) {
      db.close();
      throw error;
    }
    this.db = db;
    this.stmt = prepareStatements(db);
    this.committer = new GroupCommit<WriteOp>((ops) => this.writeBatch(ops), {
      maxRecords: options.maxBatchRecords,
      closedError,
    });
  }

  /** the open connection, shared by the workspace port (storage/workspace/sqlite.ts) */
  get connection(): Database.Database {
    return this.db;
  }

  /** group-commit counters (transactions and records); for tests and metrics, not part of Store */
  stats(): GroupCommitStats {
    return this.committer.stats();
  }

  /** test seam: the next batch throws `error` inside its transaction, after its rows were written */
  failNextBatch(error: Error): void {
    this.injectedFailure = error;
  }

  async append(records: CommandRecord[]): Promise<void> {
    const rows = records.map((r): CommandRow => ({
      show_id: r.showId,
      version: r.version,
      engine_version: r.engineVersion ?? null,
      at: r.at,
      actor_id: r.actorId,
      role: r.role,
      type: r.type,
      payload: jsonOf(r.payload, `payload of ${r.type}`),
      outcome: r.outcome,
      hash: null, // linked in the transaction that writes it
    }));
    return this.committer.enqueue({ kind: 'commands', rows }, rows.length);
  }

  async appendAudienceAnswers(records: AudienceAnswerRecord[]): Promise<void> {
    const rows = records.map((r): AnswerRow => ({
      show_id: r.showId,
      audience_id: r.audienceId,
      name: r.name,
      round: r.round,
      value: jsonOf(r.value, 'audience answer value'),
      at: r.at,
    }));
    return this.committer.enqueue({ kind: 'answers', rows }, rows.length);
  }

  async createShow(record: ShowRecord): Promise<void> {
    const row: ShowRow = {
      show_id: record.showId,
      title: record.title,
      created_at: record.createdAt,
      setup: jsonOf(record.setup, 'show setup'),
      secrets: jsonOf(record.secrets, 'show secrets'),
    };
    return this.committer.enqueue({ kind: 'createShow', row });
  }

  async updateShow(
    showId: string,
    patch: Partial<Pick<ShowRecord, 'title' | 'setup' | 'secrets'>>,
  ): Promise<void> {
    const row = {
      show_id: showId,
      title: patch.title ?? null,
      setup: patch.setup === undefined ? null : jsonOf(patch.setup, 'show setup'),
      secrets: patch.secrets === undefined ? null : jsonOf(patch.secrets, 'show secrets'),
    };
    return this.committer.enqueue({ kind: 'updateShow', row });
  }

  async saveSnapshot(showId: string, snapshot: Snapshot): Promise<void> {
    const row: SnapshotRow = {
      show_id: showId,
      version: snapshot.version,
      state: jsonOf(snapshot.state, 'snapshot state'),
      engine_version: snapshot.engineVersion ?? null,
    };
    return this.committer.enqueue({ kind: 'snapshot', row });
  }

  async setMeta(key: string, value: string): Promise<void> {
    return this.committer.enqueue({ kind: 'meta', row: { key, value } });
  }

  async getShow(showId: string): Promise<ShowRecord | null> {
    await this.readable();
    const row = this.stmt.getShow.get(showId);
    return row ? showOf(row) : null;
  }

  async listShows(): Promise<ShowRecord[]> {
    await this.readable();
    return this.stmt.listShows.all().map(showOf);
  }

  async loadCommands(showId: string, afterVersion: number): Promise<CommandRecord[]> {
    await this.readable();
    return this.stmt.loadCommands.all(showId, afterVersion).map(commandOf);
  }

  async auditTrail(showId: string): Promise<CommandRecord[]> {
    await this.readable();
    return this.stmt.auditTrail.all(showId).map(commandOf);
  }

  async loadAudienceAnswers(showId: string): Promise<AudienceAnswerRecord[]> {
    await this.readable();
    return this.stmt.loadAnswers.all(showId).map((r) => ({
      showId: r.show_id,
      audienceId: r.audience_id,
      name: r.name,
      round: r.round,
      value: JSON.parse(r.value) as unknown,
      at: r.at,
    }));
  }

  async loadSnapshot(showId: string): Promise<Snapshot | null> {
    await this.readable();
    const row = this.stmt.loadSnapshot.get(showId);
    return row
      ? { version: row.version, state: JSON.parse(row.state) as unknown, engineVersion: row.engine_version }
      : null;
  }

  async getMeta(key: string): Promise<string | null> {
    await this.readable();
    return this.stmt.getMeta.get(key)?.value ?? null;
  }

  async close(): Promise<void> {
    if (this.committer.isClosed) return this.committer.settled();
    await this.committer.close();
    this.db.close();
  }

  /** reads see every write queued before them (read-your-writes in call order) */
  private async readable(): Promise<void> {
    if (this.committer.isClosed) throw closedError();
    await this.committer.settled();
    if (!this.db.open) throw closedError();
  }

  /** one transaction for the whole batch; per-entry refusals (show exists / missing) don't abort it */
  private writeBatch(ops: WriteOp[]): (Error | undefined)[] {
    const errors: (Error | undefined)[] = new Array(ops.length);
    // links made in this transaction; they become the heads only if it commits
    const heads = new Map<string, string>();
    const write = this.db.transaction(() => {
      ops.forEach((op, i) => {
        switch (op.kind) {
          case 'commands':
            for (const row of op.rows) {
              const prev = heads.get(row.show_id) ?? this.headOf(row.show_id);
              row.hash = recordHash(prev, commandOf(row));
              heads.set(row.show_id, row.hash);
              this.stmt.insertCommand.run(row);
            }
            break;
          case 'answers':
            for (const row of op.rows) this.stmt.insertAnswer.run(row);
            break;
          case 'createShow':
            if (this.stmt.insertShow.run(op.row).changes === 0) {
              errors[i] = new StoreError('SHOW_EXISTS', `show ${op.row.show_id} already exists`);
            }
            break;
          case 'updateShow':
            if (this.stmt.updateShow.run(op.row).changes === 0) {
              errors[i] = new StoreError('SHOW_NOT_FOUND', `show ${op.row.show_id} does not exist`);
            }
            break;
          case 'snapshot':
            this.stmt.upsertSnapshot.run(op.row);
            break;
          case 'meta':
            this.stmt.upsertMeta.run(op.row);
            break;
        }
      });
      const failure = this.injectedFailure;
      if (failure) {
        this.injectedFailure = null;
        throw failure;
      }
    });
    write.immediate();
    for (const [showId, hash] of heads) this.heads.set(showId, hash);
    return errors;
  }

  /** the last link of a show's chain: cached, else from its trail (computed for records older than chaining) */
  private headOf(showId: string): string {
    const cached = this.heads.get(showId);
    if (cached) return cached;
    const last = this.stmt.lastCommand.get(showId);
    const head = !last ? GENESIS : (last.hash ?? headOf(this.stmt.auditTrail.all(showId).map(commandOf)));
    this.heads.set(showId, head);
    return head;
  }
}

function prepareStatements(db: Database.Database) {
  return {
    insertCommand: db.prepare<CommandRow>(
      `INSERT INTO commands (show_id, version, engine_version, at, actor_id, role, type, payload, outcome, hash)
       VALUES (@show_id, @version, @engine_version, @at, @actor_id, @role, @type, @payload, @outcome, @hash)`,
    ),
    insertAnswer: db.prepare<AnswerRow>(
      `INSERT INTO audience_answers (show_id, audience_id, name, round, value, at)
       VALUES (@show_id, @audience_id, @name, @round, @value, @at)`,
    ),
    insertShow: db.prepare<ShowRow>(
      `INSERT INTO shows (show_id, title, created_at, setup, secrets)
       VALUES (@show_id, @title, @created_at, @setup, @secrets) ON CONFLICT (show_id) DO NOTHING`,
    ),
    updateShow: db.prepare(
      `UPDATE shows SET title = COALESCE(@title, title), setup = COALESCE(@setup, setup),
       secrets = COALESCE(@secrets, secrets) WHERE show_id = @show_id`,
    ),
    upsertSnapshot: db.prepare(
      `INSERT INTO snapshots (show_id, version, state, engine_version)
       VALUES (@show_id, @version, @state, @engine_version)
       ON CONFLICT (show_id) DO UPDATE SET version = excluded.version, state = excluded.state,
       engine_version = excluded.engine_version`,
    ),
    upsertMeta: db.prepare(
      `INSERT INTO meta (key, value) VALUES (@key, @value) ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
    ),
    getShow: db.prepare<[string], ShowRow>(`SELECT * FROM shows WHERE show_id = ?`),
    listShows: db.prepare<[], ShowRow>(`SELECT * FROM shows ORDER BY created_at, show_id`),
    loadCommands: db.prepare<[string, number], CommandRow>(
      `SELECT * FROM commands WHERE show_id = ? AND version IS NOT NULL AND version > ? ORDER BY version, id`,
    ),
    auditTrail: db.prepare<[string], CommandRow>(`SELECT * FROM commands WHERE show_id = ? ORDER BY id`),
    lastCommand: db.prepare<[string], { hash: string | null }>(
      `SELECT hash FROM commands WHERE show_id = ? ORDER BY id DESC LIMIT 1`,
    ),
    loadAnswers: db.prepare<[string], AnswerRow>(
      `SELECT * FROM audience_answers WHERE show_id = ? ORDER BY id`,
    ),
    loadSnapshot: db.prepare<[string], Omit<SnapshotRow, 'show_id'>>(
      `SELECT version, state, engine_version FROM snapshots WHERE show_id = ?`,
    ),
    getMeta: db.prepare<[string], { value: string }>(`SELECT value FROM meta WHERE key = ?`),
  };
}

function showOf(row: ShowRow): ShowRecord {
  return {
    showId: row.show_id,
    title: row.title,
    createdAt: row.created_at,
    setup: JSON.parse(row.setup) as ShowRecord['setup'],
    secrets: JSON.parse(row.secrets) as ShowRecord['secrets'],
  };
}

function commandOf(row: CommandRow): CommandRecord {
  return {
    showId: row.show_id,
    version: row.version,
    engineVersion: row.engine_version ?? null,
    at: row.at,
    actorId: row.actor_id,
    role: row.role,
    type: row.type,
    payload: JSON.parse(row.payload) as unknown,
    outcome: row.outcome,
    hash: row.hash ?? null,
  };
}
