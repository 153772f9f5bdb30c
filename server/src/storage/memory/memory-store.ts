/**
 * An in-memory Store for unit tests of the runtime: the same port, the same group commit (so acks still
 * wait for a "commit" on a later turn), and it passes the same contract suite as the real adapters.
 * Not a deployment option: nothing here survives the process.
 */
import { GENESIS, recordHash } from '../../audit/chain.ts';
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

/** what survives a "reopen": hand the same data to a new store */
export interface MemoryData {
  shows: Map<string, string>;
  commands: Map<string, string[]>;
  answers: Map<string, string[]>;
  snapshots: Map<string, string>;
  meta: Map<string, string>;
}

export const emptyMemoryData = (): MemoryData => ({
  shows: new Map(),
  commands: new Map(),
  answers: new Map(),
  snapshots: new Map(),
  meta: new Map(),
});

type WriteOp =
  | { kind: 'commands'; rows: { showId: string; json: string }[] }
  | { kind: 'answers'; rows: { showId: string; json: string }[] }
  | { kind: 'createShow'; showId: string; json: string }
  | { kind: 'updateShow'; showId: string; patch: string }
  | { kind: 'snapshot'; showId: string; json: string }
  | { kind: 'meta'; key: string; value: string };

const closedError = () => new StoreError('STORE_CLOSED', 'the store is closed');
const parse = <T>(json: string): T => JSON.parse(json) as T;

export class MemoryStore implements Store {
  readonly kind = 'memory' as const;
  private readonly committer: GroupCommit<WriteOp>;
  private injectedFailure: Error | null = null;

  constructor(readonly data: MemoryData = emptyMemoryData()) {
    this.committer = new GroupCommit<WriteOp>((ops) => this.writeBatch(ops), { closedError });
  }

  stats(): GroupCommitStats {
    return this.committer.stats();
  }

  failNextBatch(error: Error): void {
    this.injectedFailure = error;
  }

  async append(records: CommandRecord[]): Promise<void> {
    const rows = records.map((r) => ({
      showId: r.showId,
      json: jsonOf(
        { ...r, payload: r.payload ?? null, engineVersion: r.engineVersion ?? null },
        `command ${r.type}`,
      ),
    }));
    return this.committer.enqueue({ kind: 'commands', rows }, rows.length);
  }

  async appendAudienceAnswers(records: AudienceAnswerRecord[]): Promise<void> {
    const rows = records.map((r) => ({
      showId: r.showId,
      json: jsonOf({ ...r, value: r.value ?? null }, 'answer'),
    }));
    return this.committer.enqueue({ kind: 'answers', rows }, rows.length);
  }

  async createShow(record: ShowRecord): Promise<void> {
    return this.committer.enqueue({
      kind: 'createShow',
      showId: record.showId,
      json: jsonOf(record, 'show'),
    });
  }

  async updateShow(
    showId: string,
    patch: Partial<Pick<ShowRecord, 'title' | 'setup' | 'secrets'>>,
  ): Promise<void> {
    return this.committer.enqueue({ kind: 'updateShow', showId, patch: jsonOf(patch, 'show patch') });
  }

  async saveSnapshot(showId: string, snapshot: Snapshot): Promise<void> {
    const json = jsonOf({ ...snapshot, engineVersion: snapshot.engineVersion ?? null }, 'snapshot');
    return this.committer.enqueue({ kind: 'snapshot', showId, json });
  }

  async setMeta(key: string, value: string): Promise<void> {
    return this.committer.enqueue({ kind: 'meta', key, value });
  }

  async getShow(showId: string): Promise<ShowRecord | null> {
    await this.readable();
    const json = this.data.shows.get(showId);
    return json ? parse<ShowRecord>(json) : null;
  }

  async listShows(): Promise<ShowRecord[]> {
    await this.readable();
    return [...this.data.shows.values()]
      .map((j) => parse<ShowRecord>(j))
      .sort((a, b) => a.createdAt - b.createdAt || a.showId.localeCompare(b.showId));
  }

  async loadCommands(showId: string, afterVersion: number): Promise<CommandRecord[]> {
    return (await this.auditTrail(showId))
      .filter((c) => c.version !== null && c.version > afterVersion)
      .sort((a, b) => a.version! - b.version!);
  }

  async auditTrail(showId: string): Promise<CommandRecord[]> {
    await this.readable();
    return (this.data.commands.get(showId) ?? []).map((j) => parse<CommandRecord>(j));
  }

  async loadAudienceAnswers(showId: string): Promise<AudienceAnswerRecord[]> {
    await this.readable();
    return (this.data.answers.get(showId) ?? []).map((j) => parse<AudienceAnswerRecord>(j));
  }

  async loadSnapshot(showId: string): Promise<Snapshot | null> {
    await this.readable();
    const json = this.data.snapshots.get(showId);
    return json ? parse<Snapshot>(json) : null;
  }

  async getMeta(key: string): Promise<string | null> {
    await this.readable();
    return this.data.meta.get(key) ?? null;
  }

  async close(): Promise<void> {
    if (this.committer.isClosed) return this.committer.settled();
    await this.committer.close();
  }

  private async readable(): Promise<void> {
    if (this.committer.isClosed) throw closedError();
    await this.committer.settled();
  }

  /** all or nothing, like a transaction: the batch is checked first, then applied */
  private writeBatch(ops: WriteOp[]): (Error | undefined)[] {
    const failure = this.injectedFailure;
    if (failure) {
      this.injectedFailure = null;
      throw failure;
    }
    const d = this.data;
    const created = new Set<string>();
    return ops.map((op) => {
      switch (op.kind) {
        case 'commands':
        case 'answers': {
          const table = op.kind === 'commands' ? d.commands : d.answers;
          for (const row of op.rows) {
            const list = table.get(row.showId) ?? [];
            if (op.kind === 'commands') {
              // chained like the real adapters: each record linked to the show's last one
              const prev = list.length
                ? (parse<CommandRecord>(list[list.length - 1]).hash ?? GENESIS)
                : GENESIS;
              const record = parse<CommandRecord>(row.json);
              list.push(JSON.stringify({ ...record, hash: recordHash(prev, record) }));
            } else list.push(row.json);
            table.set(row.showId, list);
          }
          return undefined;
        }
        case 'createShow':
          if (d.shows.has(op.showId) || created.has(op.showId))
            return new StoreError('SHOW_EXISTS', `show ${op.showId} already exists`);
          created.add(op.showId);
          d.shows.set(op.showId, op.json);
          return undefined;
        case 'updateShow': {
          const current = d.shows.get(op.showId);
          if (!current) return new StoreError('SHOW_NOT_FOUND', `show ${op.showId} does not exist`);
          d.shows.set(op.showId, JSON.stringify({ ...parse<object>(current), ...parse<object>(op.patch) }));
          return undefined;
        }
        case 'snapshot':
          d.snapshots.set(op.showId, op.json);
          return undefined;
        case 'meta':
          d.meta.set(op.key, op.value);
          return undefined;
      }
    });
  }
}
