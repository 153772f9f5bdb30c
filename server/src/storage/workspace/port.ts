/**
 * The organizers' workspace storage port, apart from the show Store: accounts, sessions, tokens, the
 * question bank, units, exclusions, show plans and the admin audit. It is a small document store —
 * JSON documents in named collections, each with a revision — plus an append-only audit with a
 * sequence per scope. Both adapters share their show Store's connection (the same SQLite file,
 * the same Redis client), and `contract.ts` is the one suite both must pass.
 *
 * Every write is one atomic batch: all of its puts, deletes and audit entries commit, or none does.
 * The audit is hash-chained (docs/audit.md): `GET /api/admin/audit.jsonl` exports it for `npm run verify-audit`.
 */
import type { AdminAuditEntry } from '@cv/shared/protocol';

export interface StoredDoc<T> {
  id: string;
  /** 1 on creation, +1 on every put */
  rev: number;
  doc: T;
}

/** `expect`: 'absent' = must not exist yet; a number = the stored rev must equal it */
export type DocWrite =
  | { op: 'put'; collection: string; id: string; doc: unknown; expect?: 'absent' | number }
  | { op: 'delete'; collection: string; id: string; expect?: number };

/** an admin action as recorded (shared/src/protocol/admin.ts); the store gives it its place (`seq`) in its scope */
export type AuditInput = Omit<AdminAuditEntry, 'seq'>;
export type AuditRecord = AdminAuditEntry;
export type ChainedAuditRecord = AdminAuditEntry & { prev: string; hash: string };

export interface AuditFilter {
  scope?: string;
  /** inclusive */
  from?: number;
  /** inclusive */
  to?: number;
}

export interface WorkspaceStore {
  readonly kind: 'sqlite' | 'redis';
  get<T>(collection: string, id: string): Promise<StoredDoc<T> | null>;
  /** every document of a collection, by id ascending */
  list<T>(collection: string): Promise<StoredDoc<T>[]>;
  /** atomically: every expectation holds and everything is written, or WorkspaceStoreError CONFLICT and nothing is */
  write(writes: DocWrite[], audit?: AuditInput[]): Promise<void>;
  /** audit records in the order they were written (oldest first) */
  audit(filter?: AuditFilter): Promise<AuditRecord[]>;
  /**
   * the whole audit, every scope in write order, as one hash chain (audit/chain.ts): each entry's
   * link is computed when it is written, in the same atomic batch; entries written before chaining
   * get theirs computed here
   */
  chainedAudit(): Promise<ChainedAuditRecord[]>;
  /** reserve `count` consecutive numbers of a named sequence; returns the first (sequences start at 1) */
  allocate(sequence: string, count?: number): Promise<number>;
}

/** throws CONFLICT when the write's expectation does not hold for the stored revision (undefined: no such document) */
export function checkExpectation(w: DocWrite, rev: number | undefined): void {
  if (w.expect === 'absent' && rev !== undefined)
    throw new WorkspaceStoreError('CONFLICT', `${w.collection}/${w.id} already exists`);
  if (typeof w.expect === 'number' && rev !== w.expect)
    throw new WorkspaceStoreError('CONFLICT', `${w.collection}/${w.id} changed meanwhile`);
}

export class WorkspaceStoreError extends Error {
  override readonly name = 'WorkspaceStoreError';
  constructor(
    readonly code: 'CONFLICT',
    message: string,
  ) {
    super(message);
  }
}
