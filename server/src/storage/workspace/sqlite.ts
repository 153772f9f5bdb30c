/** The workspace port on the show store's SQLite connection: one table of documents, one audit table. */
import type Database from 'better-sqlite3';
import { adminAuditContent, chainAdminAudit, entryHash, GENESIS } from '../../audit/chain.ts';
import { jsonOf } from '../json.ts';
import {
  checkExpectation,
  type AuditFilter,
  type AuditInput,
  type AuditRecord,
  type ChainedAuditRecord,
  type DocWrite,
  type StoredDoc,
  type WorkspaceStore,
} from './port.ts';

interface DocRow {
  id: string;
  rev: number;
  body: string;
}

export class SqliteWorkspaceStore implements WorkspaceStore {
  readonly kind = 'sqlite' as const;
  private readonly stmt: ReturnType<typeof prepare>;

  constructor(private readonly db: Database.Database) {
    this.stmt = prepare(db);
  }

  async get<T>(collection: string, id: string): Promise<StoredDoc<T> | null> {
    const row = this.stmt.get.get(collection, id);
    return row ? docOf<T>(row) : null;
  }

  async list<T>(collection: string): Promise<StoredDoc<T>[]> {
    return this.stmt.list.all(collection).map((r) => docOf<T>(r));
  }

  async write(writes: DocWrite[], audit: AuditInput[] = []): Promise<void> {
    // serialise first: a value that cannot be stored fails before anything is written
    const bodies = writes.map((w) => (w.op === 'put' ? jsonOf(w.doc, `${w.collection}/${w.id}`) : ''));
    const entries = audit.map((a) => ({ a, body: jsonOf(a, `audit ${a.action}`) }));
    this.db
      .transaction(() => {
        writes.forEach((w, i) => {
          const current = this.stmt.rev.get(w.collection, w.id)?.rev;
          checkExpectation(w, current);
          if (w.op === 'put') this.stmt.put.run(w.collection, w.id, (current ?? 0) + 1, bodies[i]);
          else this.stmt.delete.run(w.collection, w.id);
        });
        // linked to the last entry inside the transaction that writes them
        let prev = entries.length ? this.head() : GENESIS;
        for (const { a, body } of entries) {
          const seq = (this.stmt.lastSeq.get(a.scope)?.seq ?? 0) + 1;
          const hash = entryHash(prev, adminAuditContent({ ...(JSON.parse(body) as AuditInput), seq }));
          this.stmt.audit.run(a.scope, seq, a.at, body, hash);
          prev = hash;
        }
      })
      .immediate();
  }

  async audit(filter: AuditFilter = {}): Promise<AuditRecord[]> {
    const rows = this.stmt.auditRows.all({
      scope: filter.scope ?? null,
      from: filter.from ?? null,
      to: filter.to ?? null,
    });
    return rows.map((r) => ({ ...(JSON.parse(r.body) as AuditInput), seq: r.seq }));
  }

  async chainedAudit(): Promise<ChainedAuditRecord[]> {
    return chainAdminAudit(this.stmt.chainRows.all().map(chainedOf));
  }

  /** the last link (computed for entries written before chaining) */
  private head(): string {
    const last = this.stmt.lastHash.get();
    if (!last) return GENESIS;
    if (last.hash) return last.hash;
    const chain = chainAdminAudit(this.stmt.chainRows.all().map(chainedOf));
    return chain[chain.length - 1].hash;
  }

  async allocate(sequence: string, count = 1): Promise<number> {
    const next = this.db.transaction(() => this.stmt.allocate.get(sequence, count, count)!.value).immediate();
    return next - count + 1;
  }
}

function chainedOf(r: { seq: number; body: string; hash: string | null }) {
  return { ...(JSON.parse(r.body) as AuditInput), seq: r.seq, hash: r.hash };
}

function docOf<T>(row: DocRow): StoredDoc<T> {
  return { id: row.id, rev: row.rev, doc: JSON.parse(row.body) as T };
}

function prepare(db: Database.Database) {
  return {
    get: db.prepare<[string, string], DocRow>(
      `SELECT id, rev, body FROM ws_docs WHERE collection = ? AND id = ?`,
    ),
    list: db.prepare<[string], DocRow>(`SELECT id, rev, body FROM ws_docs WHERE collection = ? ORDER BY id`),
    rev: db.prepare<[string, string], { rev: number }>(
      `SELECT rev FROM ws_docs WHERE collection = ? AND id = ?`,
    ),
    put: db.prepare<[string, string, number, string]>(
      `INSERT INTO ws_docs (collection, id, rev, body) VALUES (?, ?, ?, ?)
       ON CONFLICT (collection, id) DO UPDATE SET rev = excluded.rev, body = excluded.body`,
    ),
    delete: db.prepare<[string, string]>(`DELETE FROM ws_docs WHERE collection = ? AND id = ?`),
    lastSeq: db.prepare<[string], { seq: number }>(`SELECT MAX(seq) AS seq FROM ws_audit WHERE scope = ?`),
    audit: db.prepare<[string, number, number, string, string]>(
      `INSERT INTO ws_audit (scope, seq, at, body, hash) VALUES (?, ?, ?, ?, ?)`,
    ),
    lastHash: db.prepare<[], { hash: string | null }>(`SELECT hash FROM ws_audit ORDER BY id DESC LIMIT 1`),
    chainRows: db.prepare<[], { seq: number; body: string; hash: string | null }>(
      `SELECT seq, body, hash FROM ws_audit ORDER BY id`,
    ),
    auditRows: db.prepare<
      { scope: string | null; from: number | null; to: number | null },
      { seq: number; body: string }
    >(
      `SELECT seq, body FROM ws_audit
       WHERE (@scope IS NULL OR scope = @scope) AND (@from IS NULL OR at >= @from) AND (@to IS NULL OR at <= @to)
       ORDER BY id`,
    ),
    allocate: db.prepare<[string, number, number], { value: number }>(
      `INSERT INTO ws_sequences (name, value) VALUES (?, ?)
       ON CONFLICT (name) DO UPDATE SET value = value + ? RETURNING value`,
    ),
  };
}
