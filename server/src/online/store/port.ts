/**
 * The online rounds' storage port: its own interface beside the show `Store`, with an SQLite and a
 * Redis adapter and one contract suite (`contract.ts`). Every guarantee a rule depends on is made
 * here, atomically, by the adapter — never by a check in one process's memory — so two server nodes
 * on one Redis keep the same promises as one node on SQLite:
 *   - one registration per CCCD and per phone;
 *   - attempt limits per round and per local day, and at most one open attempt per candidate and round;
 *   - an answer saved only into an open attempt of its owner, before deadline + grace;
 *   - an attempt submitted once, with the answers it was scored on (revision check).
 * Every write resolves only once committed (SQLite: fsynced; Redis: applied — its durability is its
 * persistence setting).
 */
import type { AnswerValue } from '@cv/shared/protocol';
import type {
  OnlineAuditEntry,
  RankedCandidate,
  RoundSettings,
  ResultsState,
  CollectiveRow,
  RoundStats,
  PublicWinner,
  VoidRecord,
  RegistrationForm,
} from '@cv/shared/protocol/online.ts';
import type { AttemptLimits, StartDecision } from '../rules/attempts.ts';
import type { DrawnQuestion, PoolQuestion } from '../rules/draw.ts';
import type { FinishedAttempt } from '../rules/ranking.ts';
import type { NormalizedRegistration } from '../rules/registration.ts';

export interface CandidateRecord extends NormalizedRegistration {
  candidateId: string;
  /** registration number, assigned by the store: small, dense, unique (ranking indexes by it) */
  candidateNo: number;
  registeredAt: number;
}

/** what the results pages read: computed at close, recomputed after a void or restore */
export interface ResultsDoc {
  state: ResultsState;
  /** bumps whenever what the results depend on changes (void, restore, prize counts): a computation
   *  that started before is stale and is not saved */
  generation: number;
  /** the ranking rows this doc belongs to (rows of other computations are stale) */
  computationId: string | null;
  stats: RoundStats | null;
  collective: CollectiveRow[];
  /** prize winners with their public details, in rank order */
  winners: PublicWinner[];
}

export interface RoundRecord {
  roundId: string;
  createdAt: number;
  /** bumps on every change of settings or results (compare-and-set) */
  version: number;
  settings: RoundSettings;
  /** bumps when the pool is replaced; attempts name the pool version they drew from */
  poolVersion: number;
  /** approved questions per topic in the pool */
  poolSize: Record<string, number>;
  results: ResultsDoc;
}

export interface AttemptScoreRecord {
  correct: number;
  total: number;
  durationMs: number;
  submittedAt: number;
  auto: boolean;
}

export interface AttemptRecord {
  attemptId: string;
  roundId: string;
  candidateId: string;
  candidateNo: number;
  /** unit of the candidate when the attempt started (collective ranking) */
  unitId: string | null;
  number: number;
  /** local day in Việt Nam of startedAt */
  dayKey: string;
  startedAt: number;
  deadline: number;
  poolVersion: number;
  draw: DrawnQuestion[];
  status: 'open' | 'submitted';
  /** bumps on every saved answer: a submit scores exactly the revision it read */
  revision: number;
  answers: (AnswerValue | null)[];
  prediction: number | null;
  score: AttemptScoreRecord | null;
}

/** an attempt about to start: everything but its number, which the store assigns */
export type NewAttempt = Omit<
  AttemptRecord,
  'number' | 'status' | 'revision' | 'answers' | 'prediction' | 'score'
>;

export type StartOutcome =
  Exclude<StartDecision, { kind: 'start' }> | { kind: 'started'; attempt: AttemptRecord };

export type SaveOutcome =
  | { kind: 'saved' }
  | { kind: 'missing' } // no such attempt for this candidate
  | { kind: 'closed' } // submitted already
  | { kind: 'late' }; // past deadline + grace

export type SaveTarget = { index: number; value: AnswerValue | null } | { prediction: number | null };

export interface FinishInput {
  attemptId: string;
  /** the revision the score was computed from */
  revision: number;
  /** the prediction saved in that revision */
  prediction: number | null;
  score: AttemptScoreRecord;
  /** per drawn question: pool index and whether it was answered right (dashboard statistics) */
  perQuestion: { poolIndex: number; correct: boolean }[];
}
export type FinishOutcome =
  { kind: 'finished' } | { kind: 'stale' } | { kind: 'closed' } | { kind: 'missing' };

export interface RoundCounters {
  started: number;
  submitted: number;
  participants: number;
  /** unitId → participants */
  units: Map<string, number>;
  /** poolIndex → times shown in submitted attempts, and answered right */
  questions: Map<number, { shown: number; correct: number }>;
}

export interface OnlineSettingsRecord {
  title: string;
  form: RegistrationForm;
}

/** a submit's answers not yet autosaved, and/or its prediction, for one attempt */
export interface SaveAnswersInput {
  attemptId: string;
  candidateId: string;
  targets: readonly SaveTarget[];
  now: number;
  graceMs: number;
}

export interface OnlineStore {
  readonly kind: 'sqlite' | 'redis';

  // — deployment settings and secrets —
  getSettings(): Promise<OnlineSettingsRecord | null>;
  saveSettings(settings: OnlineSettingsRecord): Promise<void>;
  /** the stored secret `name`, created from `fresh` when absent (every node ends up with the same one) */
  secret(name: string, fresh: string): Promise<string>;
  /** true the first time `key` is used (until `expiresAt`); false on replay */
  useOnce(key: string, expiresAt: number, now: number): Promise<boolean>;
  /** an exclusive lease on `key` for `owner` until now + ms (renewable by the same owner) */
  lease(key: string, owner: string, now: number, ms: number): Promise<boolean>;

  // — candidates —
  /** atomically unique per CCCD and per phone */
  register(
    candidate: Omit<CandidateRecord, 'candidateNo'>,
  ): Promise<{ ok: true; candidateNo: number } | { ok: false; taken: 'idNumber' | 'phone' }>;
  getCandidate(candidateId: string): Promise<CandidateRecord | null>;
  getCandidates(candidateIds: readonly string[]): Promise<Map<string, CandidateRecord>>;
  findCandidate(by: { idNumber: string } | { phone: string }): Promise<CandidateRecord | null>;
  countCandidates(): Promise<number>;

  // — rounds —
  createRound(round: RoundRecord): Promise<void>; // rejects with ROUND_EXISTS
  getRound(roundId: string): Promise<RoundRecord | null>;
  /** the round's version alone: lets a node serve a cached page without reading the whole round */
  roundVersion(roundId: string): Promise<number | null>;
  listRounds(): Promise<RoundRecord[]>; // by opensAt, then id
  /** replace the round when its version is still `expectedVersion`; the stored version becomes expectedVersion + 1 */
  updateRound(round: RoundRecord, expectedVersion: number): Promise<boolean>;
  savePool(roundId: string, poolVersion: number, pool: PoolQuestion[]): Promise<void>;
  loadPool(roundId: string, poolVersion: number): Promise<PoolQuestion[] | null>;

  // — attempts —
  /** decide and, if allowed, create the attempt — one atomic step (concurrent starts cannot pass a limit) */
  startAttempt(
    attempt: NewAttempt,
    limits: AttemptLimits,
    now: number,
    graceMs: number,
  ): Promise<StartOutcome>;
  getAttempt(attemptId: string): Promise<AttemptRecord | null>;
  attemptsOf(roundId: string, candidateId: string): Promise<AttemptRecord[]>;
  /** save one answer or the prediction into the candidate's open attempt, if now ≤ deadline + grace */
  saveAnswer(
    attemptId: string,
    candidateId: string,
    target: SaveTarget,
    now: number,
    graceMs: number,
  ): Promise<SaveOutcome>;
  /** save several at once (a submit's answers not yet autosaved): one atomic write, all or none; none
   *  given: nothing to do, `saved` */
  saveAnswers(input: SaveAnswersInput): Promise<SaveOutcome>;
  finishAttempt(input: FinishInput): Promise<FinishOutcome>;
  /** open attempts whose deadline is before `before`, oldest first */
  dueAttempts(before: number, limit: number): Promise<string[]>;
  /** submitted attempts of a round, in chunks (never the whole round in one array) */
  finishedAttempts(
    roundId: string,
    chunk?: number,
  ): AsyncIterable<(FinishedAttempt & { unitId: string | null })[]>;
  /** every attempt of a round with its answers, in chunks (raw export for audits) */
  roundAttempts(roundId: string, chunk?: number): AsyncIterable<AttemptRecord[]>;
  counters(roundId: string): Promise<RoundCounters>;
  /** candidates with a submitted attempt (the live counter) */
  participants(roundId: string): Promise<number>;

  // — results —
  /** store the rows of one computation (position order); the round doc then points at it */
  saveRanking(roundId: string, computationId: string, rows: RankedCandidate[]): Promise<void>;
  /** drop every computation of the round but `keep` */
  pruneRankings(roundId: string, keep: string): Promise<void>;
  rankingPage(
    roundId: string,
    computationId: string,
    offset: number,
    limit: number,
  ): Promise<RankedCandidate[]>;
  rankingOf(roundId: string, computationId: string, candidateId: string): Promise<RankedCandidate | null>;
  rankingSize(roundId: string, computationId: string): Promise<number>;
  setVoid(roundId: string, record: VoidRecord): Promise<void>;
  clearVoid(roundId: string, candidateId: string): Promise<boolean>;
  voids(roundId: string): Promise<VoidRecord[]>;

  // — audit (append-only, one sequence for the whole online area) —
  appendAudit(entry: Omit<OnlineAuditEntry, 'seq'>): Promise<number>;
  auditTrail(roundId?: string): Promise<OnlineAuditEntry[]>;

  close(): Promise<void>;
}

export type OnlineStoreErrorCode = 'ROUND_EXISTS' | 'STORE_CLOSED';
export class OnlineStoreError extends Error {
  override readonly name = 'OnlineStoreError';
  constructor(
    readonly code: OnlineStoreErrorCode,
    message: string,
  ) {
    super(message);
  }
}
