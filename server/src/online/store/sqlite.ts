/**
 * SQLite adapter of the online port: the show store's file and connection (WAL, the shared
 * migration list), every write through one group commit so a deadline-day burst of autosaves shares
 * one transaction. Each write's checks and changes are one atomic step inside the batch's
 * transaction (better-sqlite3 is synchronous, so nothing interleaves inside it), and a write that
 * throws fails alone (see writeBatch).
 *
 * Durability without stalling the process: the online batches commit with synchronous=NORMAL and
 * resolve only after an fdatasync of the WAL in the thread pool (WalSync); the next batch, holding
 * everything that arrived meanwhile, commits when that sync is done. A synchronous=FULL commit
 * would block the event loop for each fsync, which on a busy day is most of the time; so would
 * SQLite's automatic checkpoints, which a worker runs instead (WalCheckpointer). Counter
 * increments of a batch are summed and written once per key.
 */
import { chainLines, entryHash, GENESIS, onlineAuditContent } from '../../audit/chain.ts';
import type Database from 'better-sqlite3';
import type { AnswerValue } from '@cv/shared/protocol';
import type { OnlineAuditEntry, RankedCandidate, VoidRecord } from '@cv/shared/protocol/online.ts';
import { GroupCommit } from '../../storage/group-commit.ts';
import { SqliteStore } from '../../storage/sqlite/sqlite-store.ts';
import { WalCheckpointer } from '../../storage/sqlite/checkpointer.ts';
import { WalSync, type SyncFile } from '../../storage/sqlite/wal-sync.ts';
import { startDecision, type AttemptLimits } from '../rules/attempts.ts';
import type { PoolQuestion } from '../rules/draw.ts';
import type { FinishedAttempt } from '../rules/ranking.ts';
import {
  OnlineStoreError,
  type AttemptRecord,
  type CandidateRecord,
  type FinishInput,
  type FinishOutcome,
  type NewAttempt,
  type OnlineSettingsRecord,
  type OnlineStore,
  type RoundCounters,
  type RoundRecord,
  type SaveAnswersInput,
  type SaveOutcome,
  type SaveTarget,
  type StartOutcome,
} from './port.ts';
import { answerSlot, counterKeys, PREDICTION_INDEX } from './shared.ts';

export interface SqliteOnlineStoreOptions {
  dataDir: string;
  file?: string;
  busyTimeoutMs?: number;
  /** test seam: how the WAL file is synced (default fdatasync in the thread pool) */
  syncFile?: SyncFile;
}

interface AttemptRow {
  attempt_id: string;
  round_id: string;
  candidate_id: string;
  candidate_no: number;
  unit_id: string | null;
  number: number;
  day_key: string;
  started_at: number;
  deadline: number;
  pool_version: number;
  draw: string;
  status: 'open' | 'submitted';
  total: number;
  correct: number | null;
  prediction: number | null;
  duration_ms: number | null;
  submitted_at: number | null;
  auto: number | null;
}

type Write = () => void;
/** PRAGMA synchronous's value for FULL */
const FULL = 2;
const closedError = () => new OnlineStoreError('STORE_CLOSED', 'the online store is closed');

export class SqliteOnlineStore implements OnlineStore {
  readonly kind = 'sqlite' as const;
  private readonly committer: GroupCommit<Write>;
  private readonly s: ReturnType<typeof statements>;
  private readonly runAll: Database.Transaction<(ops: Write[]) => void>;
  private readonly runOne: Database.Transaction<(op: Write) => void>;
  /** null when the connection is not in WAL mode (then commits stay synchronous=FULL as opened) */
  private readonly wal: WalSync | null;
  private readonly syncMode: {
    get: Database.Statement;
    normal: Database.Statement;
    full: Database.Statement;
  };
  /** WAL checkpoints off the event loop, started with the first write (null without a WAL file) */
  private checkpointer: WalCheckpointer | null | undefined;
  /** counter increments of the running transaction, written once per key at its end */
  private readonly deltas = new Map<string, number>();

  /** a store of its own on a file (tests, tools): the show store opens and migrates the file */
  static async open(options: SqliteOnlineStoreOptions): Promise<SqliteOnlineStore> {
    const file = await SqliteStore.open(options);
    return new SqliteOnlineStore(file.connection, () => file.close(), options.syncFile);
  }

  /** on the show store's open connection (the app): same file, migrated already, no second handle */
  static on(connection: Database.Database): SqliteOnlineStore {
    return new SqliteOnlineStore(connection, null);
  }

  private constructor(
    private readonly db: Database.Database,
    /** closes what open() opened; null when the connection belongs to the show store */
    private readonly release: (() => Promise<void>) | null,
    syncFile?: SyncFile,
  ) {
    this.s = statements(db);
    this.runAll = db.transaction((ops: Write[]) => {
      this.deltas.clear();
      for (const op of ops) op();
      this.writeCounters();
    });
    this.runOne = db.transaction((op: Write) => {
      this.deltas.clear();
      op();
      this.writeCounters();
    });
    const walMode = String(db.pragma('journal_mode', { simple: true })).toLowerCase() === 'wal';
    this.wal = walMode && !db.memory ? new WalSync(`${db.name}-wal`, { syncFile }) : null;
    this.syncMode = {
      get: db.prepare('PRAGMA synchronous').pluck(),
      normal: db.prepare('PRAGMA synchronous = NORMAL'),
      full: db.prepare('PRAGMA synchronous = FULL'),
    };
    // the next batch waits for this one's sync: what arrives meanwhile is validated and queued, then
    // committed as one transaction — few large commits, few WAL pages and syncs per write
    this.committer = new GroupCommit<Write>(
      async (ops) => {
        const errors = this.writeBatch(ops);
        await this.wal?.durable();
        return errors;
      },
      // at 32 connections on 2 cores the server's CPU per autosave went from 2.53x the bare route's to
      // 2.10x (means of five paired runs): batches grow, and syncs, each a fixed cost, get fewer
      { closedError, gatherIo: true },
    );
  }

  /** group-commit counters and WAL syncs, for tests and metrics */
  stats() {
    return {
      ...this.committer.stats(),
      syncs: this.wal?.syncCount ?? 0,
      checkpoints: this.checkpointer?.checkpoints ?? 0,
    };
  }

  /** run `fn` inside the next batch's transaction and resolve with its result once committed and synced */
  private write<T>(fn: () => T, weight = 1): Promise<T> {
    let result: T;
    return this.committer.enqueue(() => void (result = fn()), weight).then(() => result);
  }

  /** add to a counter in the running transaction (one upsert per key when it ends) */
  private bump(key: string, by = 1): void {
    this.deltas.set(key, (this.deltas.get(key) ?? 0) + by);
  }

  private writeCounters(): void {
    for (const [key, by] of this.deltas) this.s.bump.run(key, by);
    this.deltas.clear();
  }

  /**
   * One transaction for the whole batch. The writes' own checks refuse by returning a value, so a
   * write throws only on a bug or a constraint: then the batch is undone and every write is run again
   * in a transaction of its own, and only the one that throws fails.
   */
  private writeBatch(ops: Write[]): (Error | undefined)[] {
    const errors: (Error | undefined)[] = new Array(ops.length);
    if (this.checkpointer === undefined) this.checkpointer = WalCheckpointer.start(this.db);
    // the connection may be shared (the show store's): its own setting comes back after the batch
    const previous = this.wal ? Number(this.syncMode.get.get()) : null;
    if (previous !== null) this.syncMode.normal.run();
    try {
      try {
        this.runAll.immediate(ops);
      } catch {
        ops.forEach((op, i) => {
          try {
            this.runOne.immediate(op);
          } catch (error) {
            errors[i] = error as Error;
          }
        });
      }
    } finally {
      if (previous === FULL) this.syncMode.full.run();
      else if (previous !== null) this.db.pragma(`synchronous = ${previous}`);
      // counted even when writes failed: a later durable() must cover whatever did commit
      this.wal?.committed();
    }
    return errors;
  }

  private readable(): void {
    if (this.committer.isClosed || !this.db.open) throw closedError();
  }

  // — settings, secrets, once, leases —

  async getSettings(): Promise<OnlineSettingsRecord | null> {
    this.readable();
    const row = this.s.kvGet.get('settings');
    return row ? (JSON.parse(row.value) as OnlineSettingsRecord) : null;
  }

  saveSettings(settings: OnlineSettingsRecord): Promise<void> {
    const value = JSON.stringify(settings);
    return this.write(() => void this.s.kvPut.run('settings', value));
  }

  secret(name: string, fresh: string): Promise<string> {
    return this.write(() => {
      this.s.kvInsertIgnore.run(`secret:${name}`, fresh);
      return this.s.kvGet.get(`secret:${name}`)!.value;
    });
  }

  useOnce(key: string, expiresAt: number, now: number): Promise<boolean> {
    return this.write(() => {
      this.s.onceExpire.run(key, now);
      return this.s.onceInsert.run(key, expiresAt).changes === 1;
    });
  }

  lease(key: string, owner: string, now: number, ms: number): Promise<boolean> {
    return this.write(() => this.s.lease.run({ key, owner, now, until: now + ms }).changes === 1);
  }

  // — candidates —

  register(
    c: Omit<CandidateRecord, 'candidateNo'>,
  ): Promise<{ ok: true; candidateNo: number } | { ok: false; taken: 'idNumber' | 'phone' }> {
    const data = JSON.stringify(c);
    return this.write(() => {
      if (this.s.candidateByIdNumber.get(c.idNumber)) return { ok: false, taken: 'idNumber' as const };
      if (this.s.candidateByPhone.get(c.phone)) return { ok: false, taken: 'phone' as const };
      const { lastInsertRowid } = this.s.insertCandidate.run(
        c.candidateId,
        c.idNumber,
        c.phone,
        c.registeredAt,
        data,
      );
      this.bump(counterKeys.registered);
      return { ok: true as const, candidateNo: Number(lastInsertRowid) };
    });
  }

  async getCandidate(candidateId: string): Promise<CandidateRecord | null> {
    this.readable();
    const row = this.s.candidateById.get(candidateId);
    return row ? candidateOf(row) : null;
  }

  async getCandidates(ids: readonly string[]): Promise<Map<string, CandidateRecord>> {
    this.readable();
    const out = new Map<string, CandidateRecord>();
    for (const id of ids) {
      const row = this.s.candidateById.get(id);
      if (row) out.set(id, candidateOf(row));
    }
    return out;
  }

  async findCandidate(by: { idNumber: string } | { phone: string }): Promise<CandidateRecord | null> {
    this.readable();
    const row =
      'idNumber' in by ? this.s.candidateByIdNumber.get(by.idNumber) : this.s.candidateByPhone.get(by.phone);
    return row ? candidateOf(row) : null;
  }

  async countCandidates(): Promise<number> {
    this.readable();
    return this.s.counter.get(counterKeys.registered)?.value ?? 0;
  }

  // — rounds —

  createRound(round: RoundRecord): Promise<void> {
    const doc = JSON.stringify(round);
    return this.write(() => {
      if (this.s.insertRound.run(round.roundId, round.settings.opensAt, round.version, doc).changes === 0)
        throw new OnlineStoreError('ROUND_EXISTS', `round ${round.roundId} exists`);
    });
  }

  async getRound(roundId: string): Promise<RoundRecord | null> {
    this.readable();
    const row = this.s.getRound.get(roundId);
    return row ? (JSON.parse(row.doc) as RoundRecord) : null;
  }

  async roundVersion(roundId: string): Promise<number | null> {
    this.readable();
    return this.s.roundVersion.get(roundId)?.version ?? null;
  }

  async listRounds(): Promise<RoundRecord[]> {
    this.readable();
    return this.s.listRounds.all().map((r) => JSON.parse(r.doc) as RoundRecord);
  }

  updateRound(round: RoundRecord, expectedVersion: number): Promise<boolean> {
    const next = { ...round, version: expectedVersion + 1 };
    const doc = JSON.stringify(next);
    return this.write(
      () =>
        this.s.updateRound.run({
          round_id: round.roundId,
          opens_at: round.settings.opensAt,
          expected: expectedVersion,
          version: next.version,
          doc,
        }).changes === 1,
    );
  }

  savePool(roundId: string, poolVersion: number, pool: PoolQuestion[]): Promise<void> {
    const json = JSON.stringify(pool);
    return this.write(() => void this.s.putPool.run(roundId, poolVersion, json));
  }

  async loadPool(roundId: string, poolVersion: number): Promise<PoolQuestion[] | null> {
    this.readable();
    const row = this.s.getPool.get(roundId, poolVersion);
    return row ? (JSON.parse(row.pool) as PoolQuestion[]) : null;
  }

  // — attempts —

  startAttempt(
    attempt: NewAttempt,
    limits: AttemptLimits,
    now: number,
    graceMs: number,
  ): Promise<StartOutcome> {
    const draw = JSON.stringify(attempt.draw);
    return this.write((): StartOutcome => {
      const counts = this.s.attemptCounts.get({
        round_id: attempt.roundId,
        candidate_id: attempt.candidateId,
        day_key: attempt.dayKey,
      })!;
      const decision = startDecision(
        {
          used: counts.used,
          today: counts.today ?? 0,
          open: counts.open_id ? { attemptId: counts.open_id, deadline: counts.open_deadline! } : null,
        },
        limits,
        now,
        graceMs,
      );
      if (decision.kind !== 'start') return decision;
      this.s.insertAttempt.run({
        attempt_id: attempt.attemptId,
        round_id: attempt.roundId,
        candidate_id: attempt.candidateId,
        candidate_no: attempt.candidateNo,
        unit_id: attempt.unitId,
        number: decision.number,
        day_key: attempt.dayKey,
        started_at: attempt.startedAt,
        deadline: attempt.deadline,
        pool_version: attempt.poolVersion,
        draw,
        total: attempt.draw.length,
      });
      this.bump(counterKeys.started(attempt.roundId));
      return {
        kind: 'started',
        attempt: {
          ...attempt,
          number: decision.number,
          status: 'open',
          revision: 0,
          answers: attempt.draw.map(() => null),
          prediction: null,
          score: null,
        },
      };
    });
  }

  async getAttempt(attemptId: string): Promise<AttemptRecord | null> {
    this.readable();
    const row = this.s.attemptById.get(attemptId);
    return row ? this.attemptOf(row) : null;
  }

  async attemptsOf(roundId: string, candidateId: string): Promise<AttemptRecord[]> {
    this.readable();
    return this.s.attemptsOf.all(roundId, candidateId).map((r) => this.attemptOf(r));
  }

  private attemptOf(row: AttemptRow): AttemptRecord {
    const draw = JSON.parse(row.draw) as AttemptRecord['draw'];
    const answers: (AnswerValue | null)[] = draw.map(() => null);
    let prediction: number | null = null;
    let revision = 0;
    for (const a of this.s.answersOf.all(row.attempt_id)) {
      revision += a.saves;
      if (a.idx === PREDICTION_INDEX) prediction = JSON.parse(a.value) as number | null;
      else if (a.idx < answers.length) answers[a.idx] = JSON.parse(a.value) as AnswerValue | null;
    }
    return {
      attemptId: row.attempt_id,
      roundId: row.round_id,
      candidateId: row.candidate_id,
      candidateNo: row.candidate_no,
      unitId: row.unit_id,
      number: row.number,
      dayKey: row.day_key,
      startedAt: row.started_at,
      deadline: row.deadline,
      poolVersion: row.pool_version,
      draw,
      status: row.status,
      revision,
      answers,
      prediction,
      score:
        row.status === 'submitted'
          ? {
              correct: row.correct!,
              total: row.total,
              durationMs: row.duration_ms!,
              submittedAt: row.submitted_at!,
              auto: row.auto === 1,
            }
          : null,
    };
  }

  saveAnswer(
    attemptId: string,
    candidateId: string,
    target: SaveTarget,
    now: number,
    graceMs: number,
  ): Promise<SaveOutcome> {
    return this.saveAnswers({ attemptId, candidateId, targets: [target], now, graceMs });
  }

  saveAnswers({ attemptId, candidateId, targets, now, graceMs }: SaveAnswersInput): Promise<SaveOutcome> {
    const slots = targets.map(answerSlot);
    if (slots.length === 0) return Promise.resolve({ kind: 'saved' });
    return this.write((): SaveOutcome => {
      if (this.s.answerAllowed.get(attemptId, candidateId, now, graceMs)) {
        for (const [idx, value] of slots) this.s.putAnswer.run(attemptId, idx, value);
        return { kind: 'saved' };
      }
      const row = this.s.attemptState.get(attemptId);
      if (!row || row.candidate_id !== candidateId) return { kind: 'missing' };
      return row.status === 'open' ? { kind: 'late' } : { kind: 'closed' };
    }, slots.length);
  }

  finishAttempt(input: FinishInput): Promise<FinishOutcome> {
    return this.write((): FinishOutcome => {
      const row = this.s.attemptState.get(input.attemptId);
      if (!row) return { kind: 'missing' };
      if (row.status !== 'open') return { kind: 'closed' };
      if (row.revision !== input.revision) return { kind: 'stale' };
      const sc = input.score;
      this.s.finish.run({
        attempt_id: input.attemptId,
        correct: sc.correct,
        duration_ms: sc.durationMs,
        submitted_at: sc.submittedAt,
        auto: sc.auto ? 1 : 0,
        prediction: input.prediction,
      });
      const round = row.round_id;
      this.bump(counterKeys.submitted(round));
      if (this.s.addParticipant.run(round, row.candidate_id).changes === 1) {
        this.bump(counterKeys.participants(round));
        if (row.unit_id !== null) this.bump(counterKeys.unit(round, row.unit_id));
      }
      for (const q of input.perQuestion) {
        this.bump(counterKeys.shown(round, q.poolIndex));
        if (q.correct) this.bump(counterKeys.correct(round, q.poolIndex));
      }
      return { kind: 'finished' };
    });
  }

  async dueAttempts(before: number, limit: number): Promise<string[]> {
    this.readable();
    return this.s.due.all(before, limit).map((r) => r.attempt_id);
  }

  async *finishedAttempts(
    roundId: string,
    chunk = 10_000,
  ): AsyncIterable<(FinishedAttempt & { unitId: string | null })[]> {
    this.readable();
    let after = '';
    for (;;) {
      const rows = this.s.finishedPage.all(roundId, after, chunk);
      if (rows.length === 0) return;
      after = rows[rows.length - 1].attempt_id;
      yield rows.map((r) => ({
        attemptId: r.attempt_id,
        candidateId: r.candidate_id,
        candidateNo: r.candidate_no,
        unitId: r.unit_id,
        number: r.number,
        correct: r.correct,
        total: r.total,
        prediction: r.prediction,
        durationMs: r.duration_ms,
        submittedAt: r.submitted_at,
      }));
      // let requests in between chunks: a close on a busy day must not stall the site
      await new Promise((r) => setImmediate(r));
    }
  }

  async *roundAttempts(roundId: string, chunk = 2_000): AsyncIterable<AttemptRecord[]> {
    this.readable();
    let after = '';
    for (;;) {
      const rows = this.s.roundPage.all(roundId, after, chunk);
      if (rows.length === 0) return;
      after = rows[rows.length - 1].attempt_id;
      yield rows.map((r) => this.attemptOf(r));
      await new Promise((r) => setImmediate(r));
    }
  }

  async counters(roundId: string): Promise<RoundCounters> {
    this.readable();
    const prefix = counterKeys.roundPrefix(roundId);
    const out: RoundCounters = {
      started: 0,
      submitted: 0,
      participants: 0,
      units: new Map(),
      questions: new Map(),
    };
    for (const { key, value } of this.s.countersWithPrefix.all(`${prefix}*`)) {
      counterKeys.apply(out, key.slice(prefix.length), value);
    }
    return out;
  }

  async participants(roundId: string): Promise<number> {
    this.readable();
    return this.s.counter.get(counterKeys.participants(roundId))?.value ?? 0;
  }

  // — results —

  saveRanking(roundId: string, computationId: string, rows: RankedCandidate[]): Promise<void> {
    // one transaction per 20,000 rows keeps the batch (and the event loop) from stalling other writes
    const CHUNK = 20_000;
    const writes: Promise<void>[] = [];
    for (let i = 0; i < rows.length; i += CHUNK) {
      const slice = rows
        .slice(i, i + CHUNK)
        .map((r) => [r.position, r.candidateId, JSON.stringify(r)] as const);
      writes.push(
        this.write(() => {
          for (const [position, candidateId, json] of slice)
            this.s.putRanking.run(roundId, computationId, position, candidateId, json);
        }, slice.length),
      );
    }
    return Promise.all(writes).then(() => undefined);
  }

  pruneRankings(roundId: string, keep: string): Promise<void> {
    return this.write(() => void this.s.pruneRanking.run(roundId, keep));
  }

  async rankingPage(
    roundId: string,
    computationId: string,
    offset: number,
    limit: number,
  ): Promise<RankedCandidate[]> {
    this.readable();
    return this.s.rankingPage
      .all(roundId, computationId, offset, offset + limit)
      .map((r) => JSON.parse(r.row) as RankedCandidate);
  }

  async rankingOf(
    roundId: string,
    computationId: string,
    candidateId: string,
  ): Promise<RankedCandidate | null> {
    this.readable();
    const row = this.s.rankingOf.get(roundId, computationId, candidateId);
    return row ? (JSON.parse(row.row) as RankedCandidate) : null;
  }

  async rankingSize(roundId: string, computationId: string): Promise<number> {
    this.readable();
    return this.s.rankingSize.get(roundId, computationId)?.n ?? 0;
  }

  setVoid(roundId: string, record: VoidRecord): Promise<void> {
    const json = JSON.stringify(record);
    return this.write(() => void this.s.putVoid.run(roundId, record.candidateId, json));
  }

  clearVoid(roundId: string, candidateId: string): Promise<boolean> {
    return this.write(() => this.s.deleteVoid.run(roundId, candidateId).changes === 1);
  }

  async voids(roundId: string): Promise<VoidRecord[]> {
    this.readable();
    return this.s.voids.all(roundId).map((r) => JSON.parse(r.record) as VoidRecord);
  }

  // — audit —

  appendAudit(entry: Omit<OnlineAuditEntry, 'seq'>): Promise<number> {
    const detail = JSON.stringify(entry.detail);
    return this.write(() => {
      // linked to the round's last entry inside the transaction that writes it
      const hash = entryHash(this.auditHead(entry.roundId), onlineAuditContent(entry));
      return Number(
        this.s.insertAudit.run(entry.at, entry.actor, entry.action, entry.roundId, detail, hash)
          .lastInsertRowid,
      );
    });
  }

  /** the last link of a round's audit chain (computed for entries written before chaining) */
  private auditHead(roundId: string | null): string {
    const last = this.s.auditLast.get(roundId);
    if (!last) return GENESIS;
    if (last.hash) return last.hash;
    const chain = chainLines(
      this.s.auditOfScope.all(roundId).map(auditEntryOf),
      onlineAuditContent,
      (e) => e.hash,
    );
    return chain[chain.length - 1].hash;
  }

  async auditTrail(roundId?: string): Promise<OnlineAuditEntry[]> {
    this.readable();
    const rows = roundId === undefined ? this.s.auditAll.all() : this.s.auditOfRound.all(roundId);
    return rows.map(auditEntryOf);
  }

  async close(): Promise<void> {
    if (this.committer.isClosed) return this.committer.settled();
    await this.committer.close();
    await this.wal?.close();
    await this.checkpointer?.stop();
    await this.release?.();
  }
}

/** every statement of the adapter, prepared on `db` (exported for tests/bench/id-locality.ts) */
export function statements(db: Database.Database) {
  const attemptCols = `attempt_id, round_id, candidate_id, candidate_no, unit_id, number, day_key, started_at, deadline,
    pool_version, draw, status, total, correct, prediction, duration_ms, submitted_at, auto`;
  return {
    kvGet: db.prepare<[string], { value: string }>(`SELECT value FROM online_kv WHERE key = ?`),
    kvPut: db.prepare(
      `INSERT INTO online_kv (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
    ),
    kvInsertIgnore: db.prepare(
      `INSERT INTO online_kv (key, value) VALUES (?, ?) ON CONFLICT (key) DO NOTHING`,
    ),
    onceExpire: db.prepare(`DELETE FROM online_once WHERE key = ? AND expires_at <= ?`),
    onceInsert: db.prepare(
      `INSERT INTO online_once (key, expires_at) VALUES (?, ?) ON CONFLICT (key) DO NOTHING`,
    ),
    lease: db.prepare(
      `INSERT INTO online_leases (key, owner, until) VALUES (@key, @owner, @until)
       ON CONFLICT (key) DO UPDATE SET owner = excluded.owner, until = excluded.until
       WHERE online_leases.owner = excluded.owner OR online_leases.until <= @now`,
    ),
    bump: db.prepare(
      `INSERT INTO online_counters (key, value) VALUES (?, ?)
       ON CONFLICT (key) DO UPDATE SET value = value + excluded.value`,
    ),
    counter: db.prepare<[string], { value: number }>(`SELECT value FROM online_counters WHERE key = ?`),
    countersWithPrefix: db.prepare<[string], { key: string; value: number }>(
      `SELECT key, value FROM online_counters WHERE key GLOB ?`,
    ),
    insertCandidate: db.prepare(
      `INSERT INTO online_candidates (candidate_id, id_number, phone, registered_at, data) VALUES (?, ?, ?, ?, ?)`,
    ),
    candidateById: db.prepare<[string], CandidateRow>(
      `SELECT candidate_no, data FROM online_candidates WHERE candidate_id = ?`,
    ),
    candidateByIdNumber: db.prepare<[string], CandidateRow>(
      `SELECT candidate_no, data FROM online_candidates WHERE id_number = ?`,
    ),
    candidateByPhone: db.prepare<[string], CandidateRow>(
      `SELECT candidate_no, data FROM online_candidates WHERE phone = ?`,
    ),
    insertRound: db.prepare(
      `INSERT INTO online_rounds (round_id, opens_at, version, doc) VALUES (?, ?, ?, ?) ON CONFLICT (round_id) DO NOTHING`,
    ),
    getRound: db.prepare<[string], { doc: string }>(`SELECT doc FROM online_rounds WHERE round_id = ?`),
    roundVersion: db.prepare<[string], { version: number }>(
      `SELECT version FROM online_rounds WHERE round_id = ?`,
    ),
    listRounds: db.prepare<[], { doc: string }>(`SELECT doc FROM online_rounds ORDER BY opens_at, round_id`),
    updateRound: db.prepare(
      `UPDATE online_rounds SET version = @version, opens_at = @opens_at, doc = @doc
       WHERE round_id = @round_id AND version = @expected`,
    ),
    putPool: db.prepare(
      `INSERT INTO online_pools (round_id, pool_version, pool) VALUES (?, ?, ?)
       ON CONFLICT (round_id, pool_version) DO UPDATE SET pool = excluded.pool`,
    ),
    getPool: db.prepare<[string, number], { pool: string }>(
      `SELECT pool FROM online_pools WHERE round_id = ? AND pool_version = ?`,
    ),
    attemptCounts: db.prepare<
      [{ round_id: string; candidate_id: string; day_key: string }],
      { used: number; today: number | null; open_id: string | null; open_deadline: number | null }
    >(
      `SELECT COUNT(*) AS used, SUM(day_key = @day_key) AS today,
              MAX(CASE WHEN status = 'open' THEN attempt_id END) AS open_id,
              MAX(CASE WHEN status = 'open' THEN deadline END) AS open_deadline
       FROM online_attempts WHERE round_id = @round_id AND candidate_id = @candidate_id`,
    ),
    insertAttempt: db.prepare(
      `INSERT INTO online_attempts (attempt_id, round_id, candidate_id, candidate_no, unit_id, number, day_key,
         started_at, deadline, pool_version, draw, status, total)
       VALUES (@attempt_id, @round_id, @candidate_id, @candidate_no, @unit_id, @number, @day_key, @started_at, @deadline,
         @pool_version, @draw, 'open', @total)`,
    ),
    attemptById: db.prepare<[string], AttemptRow>(
      `SELECT ${attemptCols} FROM online_attempts WHERE attempt_id = ?`,
    ),
    attemptsOf: db.prepare<[string, string], AttemptRow>(
      `SELECT ${attemptCols} FROM online_attempts WHERE round_id = ? AND candidate_id = ? ORDER BY number`,
    ),
    answersOf: db.prepare<[string], { idx: number; value: string; saves: number }>(
      `SELECT idx, value, saves FROM online_answers WHERE attempt_id = ?`,
    ),
    /** the owner's attempt is open and the deadline + grace not passed (a read: the row is not rewritten) */
    answerAllowed: db
      .prepare<[string, string, number, number], 1>(
        `SELECT 1 FROM online_attempts
         WHERE attempt_id = ? AND candidate_id = ? AND status = 'open' AND ? <= deadline + ?`,
      )
      .pluck(),
    // an attempt's revision is the sum of its answers' saves: an autosave writes only the answer's row
    // (the attempt's answers share a page), where bumping a counter on the attempt's row doubled the
    // pages each commit writes and syncs
    putAnswer: db.prepare(
      `INSERT INTO online_answers (attempt_id, idx, value) VALUES (?, ?, ?)
       ON CONFLICT (attempt_id, idx) DO UPDATE SET value = excluded.value, saves = saves + 1`,
    ),
    attemptState: db.prepare<
      [string],
      { candidate_id: string; round_id: string; unit_id: string | null; status: string; revision: number }
    >(
      `SELECT candidate_id, round_id, unit_id, status,
         (SELECT COALESCE(SUM(saves), 0) FROM online_answers n WHERE n.attempt_id = a.attempt_id) AS revision
       FROM online_attempts a WHERE a.attempt_id = ?`,
    ),
    finish: db.prepare(
      `UPDATE online_attempts SET status = 'submitted', correct = @correct, duration_ms = @duration_ms,
         submitted_at = @submitted_at, auto = @auto, prediction = @prediction
       WHERE attempt_id = @attempt_id`,
    ),
    addParticipant: db.prepare(
      `INSERT INTO online_participants (round_id, candidate_id) VALUES (?, ?) ON CONFLICT DO NOTHING`,
    ),
    due: db.prepare<[number, number], { attempt_id: string }>(
      `SELECT attempt_id FROM online_attempts WHERE status = 'open' AND deadline < ? ORDER BY deadline LIMIT ?`,
    ),
    finishedPage: db.prepare<
      [string, string, number],
      {
        attempt_id: string;
        candidate_id: string;
        candidate_no: number;
        unit_id: string | null;
        number: number;
        correct: number;
        total: number;
        prediction: number | null;
        duration_ms: number;
        submitted_at: number;
      }
    >(
      `SELECT attempt_id, candidate_id, candidate_no, unit_id, number, correct, total, prediction, duration_ms,
         submitted_at FROM online_attempts WHERE round_id = ? AND status = 'submitted' AND attempt_id > ?
       ORDER BY attempt_id LIMIT ?`,
    ),
    roundPage: db.prepare<[string, string, number], AttemptRow>(
      `SELECT ${attemptCols} FROM online_attempts WHERE round_id = ? AND attempt_id > ? ORDER BY attempt_id LIMIT ?`,
    ),
    putRanking: db.prepare(
      `INSERT INTO online_ranking (round_id, computation, position, candidate_id, row) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (round_id, computation, position) DO UPDATE SET candidate_id = excluded.candidate_id, row = excluded.row`,
    ),
    pruneRanking: db.prepare(`DELETE FROM online_ranking WHERE round_id = ? AND computation <> ?`),
    rankingPage: db.prepare<[string, string, number, number], { row: string }>(
      `SELECT row FROM online_ranking WHERE round_id = ? AND computation = ? AND position > ? AND position <= ?
       ORDER BY position`,
    ),
    rankingOf: db.prepare<[string, string, string], { row: string }>(
      `SELECT row FROM online_ranking WHERE round_id = ? AND computation = ? AND candidate_id = ?`,
    ),
    rankingSize: db.prepare<[string, string], { n: number }>(
      `SELECT COUNT(*) AS n FROM online_ranking WHERE round_id = ? AND computation = ?`,
    ),
    putVoid: db.prepare(
      `INSERT INTO online_voids (round_id, candidate_id, record) VALUES (?, ?, ?)
       ON CONFLICT (round_id, candidate_id) DO UPDATE SET record = excluded.record`,
    ),
    deleteVoid: db.prepare(`DELETE FROM online_voids WHERE round_id = ? AND candidate_id = ?`),
    voids: db.prepare<[string], { record: string }>(
      `SELECT record FROM online_voids WHERE round_id = ? ORDER BY candidate_id`,
    ),
    insertAudit: db.prepare(
      `INSERT INTO online_audit (at, actor, action, round_id, detail, hash) VALUES (?, ?, ?, ?, ?, ?)`,
    ),
    auditLast: db.prepare<[string | null], { hash: string | null }>(
      `SELECT hash FROM online_audit WHERE round_id IS ? ORDER BY seq DESC LIMIT 1`,
    ),
    auditOfScope: db.prepare<[string | null], AuditRow>(
      `SELECT * FROM online_audit WHERE round_id IS ? ORDER BY seq`,
    ),
    auditAll: db.prepare<[], AuditRow>(`SELECT * FROM online_audit ORDER BY seq`),
    auditOfRound: db.prepare<[string], AuditRow>(
      `SELECT * FROM online_audit WHERE round_id = ? ORDER BY seq`,
    ),
  };
}

interface CandidateRow {
  candidate_no: number;
  data: string;
}
const candidateOf = (row: CandidateRow): CandidateRecord => ({
  ...(JSON.parse(row.data) as Omit<CandidateRecord, 'candidateNo'>),
  candidateNo: row.candidate_no,
});

interface AuditRow {
  seq: number;
  at: number;
  actor: string;
  action: string;
  round_id: string | null;
  detail: string;
  hash: string | null;
}

function auditEntryOf(r: AuditRow): OnlineAuditEntry {
  return {
    seq: r.seq,
    at: r.at,
    actor: r.actor,
    action: r.action,
    roundId: r.round_id,
    detail: JSON.parse(r.detail) as Record<string, unknown>,
    hash: r.hash ?? null,
  };
}
