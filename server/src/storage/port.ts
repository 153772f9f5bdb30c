/**
 * The storage port. The runtime codes against this interface only; `sqlite/` and `redis/` are the
 * adapters, and `contract.ts` is the one test suite both must pass. Async only: no sync branches.
 *
 * "An ack means durable": every promise that writes resolves only once its write has committed.
 */
import type { ShowSecrets } from '@cv/shared/protocol';
import type { ShowSetup } from '../engine/types.ts';

export type { ShowSecrets };

export interface ShowRecord {
  showId: string;
  title: string;
  createdAt: number;
  setup: ShowSetup;
  secrets: ShowSecrets;
}

/** one command as the audit trail and replay see it; version is the state version it produced, null when rejected */
export interface CommandRecord {
  showId: string;
  version: number | null;
  /** the show engine that applied it (ENGINE_VERSION); null for records written before engines were recorded */
  engineVersion: number | null;
  at: number;
  actorId: string;
  role: string;
  type: string;
  payload: unknown;
  outcome: string /* 'ok' or an error code */;
  /**
   * its link in the trail's hash chain (audit/chain.ts), set by the store when it writes the record
   * and returned on reads; absent for records written before chaining (their link is computed on export)
   */
  hash?: string | null;
}

export interface AudienceAnswerRecord {
  showId: string;
  audienceId: string;
  name: string;
  round: number;
  value: unknown;
  at: number;
}

export interface Snapshot {
  version: number;
  state: unknown;
  /** the engine that produced the state; null for snapshots written before engines were recorded */
  engineVersion: number | null;
}

export interface Store {
  readonly kind: 'sqlite' | 'redis' | 'memory';
  /**
   * resolves when the append is committed durably; appends commit in call order; a failed batch
   * rejects every promise in it. Each record is chained to the one before it of the same show.
   */
  append(records: CommandRecord[]): Promise<void>;
  appendAudienceAnswers(records: AudienceAnswerRecord[]): Promise<void>;
  createShow(record: ShowRecord): Promise<void>; // rejects if the id exists
  updateShow(showId: string, patch: Partial<Pick<ShowRecord, 'title' | 'setup' | 'secrets'>>): Promise<void>;
  getShow(showId: string): Promise<ShowRecord | null>;
  listShows(): Promise<ShowRecord[]>; // oldest first
  /** accepted commands with version > afterVersion, ascending */
  loadCommands(showId: string, afterVersion: number): Promise<CommandRecord[]>;
  /** every command incl. rejected ones, in arrival order */
  auditTrail(showId: string): Promise<CommandRecord[]>;
  loadAudienceAnswers(showId: string): Promise<AudienceAnswerRecord[]>;
  saveSnapshot(showId: string, snapshot: Snapshot): Promise<void>;
  loadSnapshot(showId: string): Promise<Snapshot | null>;
  getMeta(key: string): Promise<string | null>;
  setMeta(key: string, value: string): Promise<void>;
  close(): Promise<void>; // flushes pending writes first
  /**
   * Many nodes (Redis): from now on this show's log, answer and snapshot writes commit only while
   * `lease` is still the show's lease in the store, checked atomically with each write; a write under a
   * lost lease rejects with FENCED and writes nothing. Single-node adapters do not need it.
   */
  fence?(showId: string, lease: string): void;
}

export type StoreErrorCode =
  'SHOW_EXISTS' | 'SHOW_NOT_FOUND' | 'STORE_CLOSED' | 'NOT_SERIALIZABLE' | 'SCHEMA_TOO_NEW' | 'FENCED';

/** What a store rejects with when the caller asked for something it cannot do (not for I/O failures). */
export class StoreError extends Error {
  override readonly name = 'StoreError';
  constructor(
    readonly code: StoreErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
