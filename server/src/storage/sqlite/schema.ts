import type Database from 'better-sqlite3';
import { renamedInJson } from '../migrations/answer-key.ts';
import { StoreError } from '../port.ts';

/** a step: SQL, or a data migration that reads and rewrites rows (run in the same transaction) */
export type Migration = string | ((db: Database.Database) => void);

/** rewrites one JSON column of a table in place (only the rows that change are written) */
function rewriteJson(
  db: Database.Database,
  table: string,
  column: string,
  rowKey: readonly string[],
  rename: (text: string) => string | null,
): void {
  const where = rowKey.map((c) => `${c} = ?`).join(' AND ');
  const update = db.prepare(`UPDATE ${table} SET ${column} = ? WHERE ${where}`);
  const rows = db
    .prepare(`SELECT ${column}, ${rowKey.join(', ')} FROM ${table}`)
    .raw()
    .all() as [string, ...unknown[]][];
  for (const [text, ...key] of rows) {
    const renamed = rename(text);
    if (renamed !== null) update.run(renamed, ...key);
  }
}

/**
 * Schema migrations, applied in order; PRAGMA user_version records how many have run.
 * Append new steps — never edit a shipped one.
 */
export const MIGRATIONS: readonly Migration[] = [
  `
  CREATE TABLE shows (
    show_id    TEXT PRIMARY KEY,
    title      TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    setup      TEXT NOT NULL,
    secrets    TEXT NOT NULL
  );
  CREATE INDEX shows_created ON shows (created_at, show_id);

  CREATE TABLE commands (
    id       INTEGER PRIMARY KEY AUTOINCREMENT,
    show_id  TEXT NOT NULL,
    version  INTEGER,
    at       INTEGER NOT NULL,
    actor_id TEXT NOT NULL,
    role     TEXT NOT NULL,
    type     TEXT NOT NULL,
    payload  TEXT NOT NULL,
    outcome  TEXT NOT NULL
  );
  CREATE INDEX commands_show_version ON commands (show_id, version);
  CREATE INDEX commands_show_id ON commands (show_id, id);

  CREATE TABLE audience_answers (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    show_id     TEXT NOT NULL,
    audience_id TEXT NOT NULL,
    name        TEXT NOT NULL,
    round       INTEGER NOT NULL,
    value       TEXT NOT NULL,
    at          INTEGER NOT NULL
  );
  CREATE INDEX audience_answers_show ON audience_answers (show_id, id);

  CREATE TABLE snapshots (
    show_id TEXT PRIMARY KEY,
    version INTEGER NOT NULL,
    state   TEXT NOT NULL
  );

  CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
  );
  `,
  // the organizers' workspace (storage/workspace): documents with revisions, the admin audit, sequences
  `
  CREATE TABLE ws_docs (
    collection TEXT NOT NULL,
    id         TEXT NOT NULL,
    rev        INTEGER NOT NULL,
    body       TEXT NOT NULL,
    PRIMARY KEY (collection, id)
  ) WITHOUT ROWID;

  CREATE TABLE ws_audit (
    id    INTEGER PRIMARY KEY AUTOINCREMENT,
    scope TEXT NOT NULL,
    seq   INTEGER NOT NULL,
    at    INTEGER NOT NULL,
    body  TEXT NOT NULL,
    UNIQUE (scope, seq)
  );
  CREATE INDEX ws_audit_at ON ws_audit (at);

  CREATE TABLE ws_sequences (
    name  TEXT PRIMARY KEY,
    value INTEGER NOT NULL
  );
  `,
  // 3: the engine version that applied each command and produced each snapshot (null: written before)
  `
  ALTER TABLE commands ADD COLUMN engine_version INTEGER;
  ALTER TABLE snapshots ADD COLUMN engine_version INTEGER;
  `,
  // 4: online rounds (server/src/online/store/sqlite.ts)
  `
  CREATE TABLE online_kv (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
  ) WITHOUT ROWID;

  CREATE TABLE online_candidates (
    candidate_no  INTEGER PRIMARY KEY,
    candidate_id  TEXT NOT NULL UNIQUE,
    id_number     TEXT NOT NULL UNIQUE,
    phone         TEXT NOT NULL UNIQUE,
    registered_at INTEGER NOT NULL,
    data          TEXT NOT NULL
  );

  CREATE TABLE online_rounds (
    round_id TEXT PRIMARY KEY,
    opens_at INTEGER NOT NULL,
    version  INTEGER NOT NULL,
    doc      TEXT NOT NULL
  );

  CREATE TABLE online_pools (
    round_id     TEXT NOT NULL,
    pool_version INTEGER NOT NULL,
    pool         TEXT NOT NULL,
    PRIMARY KEY (round_id, pool_version)
  ) WITHOUT ROWID;

  CREATE TABLE online_attempts (
    attempt_id   TEXT PRIMARY KEY,
    round_id     TEXT NOT NULL,
    candidate_id TEXT NOT NULL,
    candidate_no INTEGER NOT NULL,
    unit_id      TEXT,
    number       INTEGER NOT NULL,
    day_key      TEXT NOT NULL,
    started_at   INTEGER NOT NULL,
    deadline     INTEGER NOT NULL,
    pool_version INTEGER NOT NULL,
    draw         TEXT NOT NULL,
    status       TEXT NOT NULL,
    revision     INTEGER NOT NULL DEFAULT 0,
    total        INTEGER NOT NULL,
    correct      INTEGER,
    prediction   INTEGER,
    duration_ms  INTEGER,
    submitted_at INTEGER,
    auto         INTEGER,
    UNIQUE (round_id, candidate_id, number)
  );
  CREATE INDEX online_attempts_due ON online_attempts (deadline) WHERE status = 'open';
  CREATE INDEX online_attempts_finished ON online_attempts (round_id, submitted_at) WHERE status = 'submitted';

  CREATE TABLE online_answers (
    attempt_id TEXT NOT NULL,
    idx        INTEGER NOT NULL,
    value      TEXT NOT NULL,
    PRIMARY KEY (attempt_id, idx)
  ) WITHOUT ROWID;

  CREATE TABLE online_participants (
    round_id     TEXT NOT NULL,
    candidate_id TEXT NOT NULL,
    PRIMARY KEY (round_id, candidate_id)
  ) WITHOUT ROWID;

  CREATE TABLE online_counters (
    key   TEXT PRIMARY KEY,
    value INTEGER NOT NULL
  ) WITHOUT ROWID;

  CREATE TABLE online_ranking (
    round_id     TEXT NOT NULL,
    computation  TEXT NOT NULL,
    position     INTEGER NOT NULL,
    candidate_id TEXT NOT NULL,
    row          TEXT NOT NULL,
    PRIMARY KEY (round_id, computation, position)
  ) WITHOUT ROWID;
  CREATE INDEX online_ranking_candidate ON online_ranking (round_id, computation, candidate_id);

  CREATE TABLE online_voids (
    round_id     TEXT NOT NULL,
    candidate_id TEXT NOT NULL,
    record       TEXT NOT NULL,
    PRIMARY KEY (round_id, candidate_id)
  ) WITHOUT ROWID;

  CREATE TABLE online_audit (
    seq      INTEGER PRIMARY KEY AUTOINCREMENT,
    at       INTEGER NOT NULL,
    actor    TEXT NOT NULL,
    action   TEXT NOT NULL,
    round_id TEXT,
    detail   TEXT NOT NULL
  );
  CREATE INDEX online_audit_round ON online_audit (round_id, seq);

  CREATE TABLE online_once (
    key        TEXT PRIMARY KEY,
    expires_at INTEGER NOT NULL
  ) WITHOUT ROWID;

  CREATE TABLE online_leases (
    key   TEXT PRIMARY KEY,
    owner TEXT NOT NULL,
    until INTEGER NOT NULL
  ) WITHOUT ROWID;
  `,
  // 5: the audit trail's hash chain (audit/chain.ts): each command's link, written with it
  `
  ALTER TABLE commands ADD COLUMN hash TEXT;
  `,
  // 6: the online rounds' audit is hash-chained per round too
  `
  ALTER TABLE online_audit ADD COLUMN hash TEXT;
  `,
  // 7: the organizers' admin audit is hash-chained too (one chain across its scopes)
  `
  ALTER TABLE ws_audit ADD COLUMN hash TEXT;
  `,
  // 8: the answer key's field `correct` is `answer` (migrations/answer-key.ts) wherever a key is stored:
  // show setups and snapshots, workspace documents (bank versions, drafts), online pools. Command
  // payloads and audit lines hold no key and stay as written (their hash chains are untouched).
  (db) => {
    rewriteJson(db, 'shows', 'setup', ['show_id'], renamedInJson);
    rewriteJson(db, 'snapshots', 'state', ['show_id'], renamedInJson);
    rewriteJson(db, 'ws_docs', 'body', ['collection', 'id'], renamedInJson);
    rewriteJson(db, 'online_pools', 'pool', ['round_id', 'pool_version'], renamedInJson);
  },
  // 9: an online attempt's revision is the sum of its answers' saves (an autosave writes one row, not
  // two); each attempt keeps the revision it had, carried by its first answer's row
  `
  ALTER TABLE online_answers ADD COLUMN saves INTEGER NOT NULL DEFAULT 1;
  UPDATE online_answers AS n SET saves = 1 + (
      SELECT a.revision - (SELECT COUNT(*) FROM online_answers m WHERE m.attempt_id = n.attempt_id)
      FROM online_attempts a WHERE a.attempt_id = n.attempt_id)
    WHERE idx = (SELECT MIN(idx) FROM online_answers m WHERE m.attempt_id = n.attempt_id)
      AND EXISTS (SELECT 1 FROM online_attempts a WHERE a.attempt_id = n.attempt_id);
  ALTER TABLE online_attempts DROP COLUMN revision;
  `,
];

export const SCHEMA_VERSION = MIGRATIONS.length;

/** bring the database up to SCHEMA_VERSION; refuses a file written by a newer server */
export function migrate(db: Database.Database): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > SCHEMA_VERSION) {
    throw new StoreError(
      'SCHEMA_TOO_NEW',
      `database schema version ${current} is newer than this server understands (${SCHEMA_VERSION})`,
    );
  }
  if (current === SCHEMA_VERSION) return;
  db.transaction(() => {
    for (let v = current; v < SCHEMA_VERSION; v++) runMigration(db, MIGRATIONS[v]);
    db.pragma(`user_version = ${SCHEMA_VERSION}`);
  }).immediate();
}

export function runMigration(db: Database.Database, step: Migration): void {
  if (typeof step === 'string') db.exec(step);
  else step(db);
}
