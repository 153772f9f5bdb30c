/**
 * What every part of the online service shares: its ports, clock and randomness, and the few caches
 * that stay correct on any number of nodes because what they hold never changes once written
 * (a pool version, an attempt's draw) or is allowed to lag a little (the unit list, 30 s).
 */
import { randomBytes } from 'node:crypto';
import type { OnlineError, OnlineErrorCode, OnlineResult, ResultsState } from '@cv/shared/protocol/online.ts';
import type { ExclusionList, QuestionBankReader, UnitDirectory, UnitRef } from '../../contest/ports.ts';
import type { PoolQuestion } from '../rules/draw.ts';
import type { AttemptRecord, OnlineStore, ResultsDoc, RoundRecord } from '../store/port.ts';

export interface ContestPorts {
  bank: QuestionBankReader;
  units: UnitDirectory;
  exclusions: ExclusionList;
}

export interface OnlineContext extends ContestPorts {
  store: OnlineStore;
  clock: () => number;
  rng: () => number;
  /** answers and submits are accepted this long after the deadline (network delay) */
  graceMs: number;
  /** who holds a lease (close computations) */
  nodeId: string;
  pools: PoolCache;
  attempts: AttemptShapes;
  unitList(): Promise<UnitRef[]>;
  audit(
    actor: string,
    action: string,
    roundId: string | null,
    detail: Record<string, unknown>,
  ): Promise<void>;
}

export const ok = <T>(data: T): OnlineResult<T> => ({ ok: true, data });
export const fail = (
  code: OnlineErrorCode,
  message: string,
  fields?: OnlineError['fields'],
): { ok: false; error: OnlineError } => ({
  ok: false,
  error: { code, message, ...(fields ? { fields } : {}) },
});

/** random ids: letters, digits, - and _ only (safe in keys, tokens and URLs) */
export const newId = (prefix: string, bytes = 12) => `${prefix}${randomBytes(bytes).toString('base64url')}`;

/** base-36 digits of a millisecond time, fixed width so that text order is time order (to year 5188) */
const TIME_DIGITS = 9;

/**
 * Ids that sort by creation time, then random: the rows of recent attempts sit together in the
 * store's B-trees, so a deadline-day crowd's autosaves write and read the few pages at the end of
 * the tables, which stay cached. Random ids scatter them over every earlier round's rows: with
 * 400,000 past attempts an autosave's SQL took 1.1–1.2× the time and 1.3× the CPU
 * (tests/bench/id-locality.ts).
 * Still unguessable: 80 random bits.
 */
export const timeOrderedId = (prefix: string, now: number, bytes = 10) =>
  `${prefix}${Math.max(0, Math.floor(now)).toString(36).padStart(TIME_DIGITS, '0')}${randomBytes(bytes).toString('base64url')}`;

/** a bounded map: the oldest entry goes when full */
class Bounded<V> {
  private readonly map = new Map<string, V>();
  constructor(private readonly max: number) {}
  get(key: string): V | undefined {
    return this.map.get(key);
  }
  set(key: string, value: V): void {
    if (this.map.size >= this.max) this.map.delete(this.map.keys().next().value!);
    this.map.set(key, value);
  }
}

/** pools by (round, pool version): a version is written once and never changes */
export class PoolCache {
  /** per round, its versions read so far (keyed by the round id as it is: no key built per autosave) */
  private readonly cache = new Bounded<Map<number, PoolQuestion[]>>(64);
  constructor(private readonly store: OnlineStore) {}
  async get(roundId: string, poolVersion: number): Promise<PoolQuestion[]> {
    let versions = this.cache.get(roundId);
    const cached = versions?.get(poolVersion);
    if (cached) return cached;
    const pool = await this.store.loadPool(roundId, poolVersion);
    if (!pool) throw new Error(`pool ${roundId}:${poolVersion} is missing`);
    if (!versions) this.cache.set(roundId, (versions = new Map()));
    versions.set(poolVersion, pool);
    return pool;
  }
}

/** the parts of an attempt fixed at its start (owner, draw, deadline): enough to check an autosave's shape */
export type AttemptShape = Pick<
  AttemptRecord,
  'attemptId' | 'roundId' | 'candidateId' | 'draw' | 'deadline' | 'poolVersion'
>;
export class AttemptShapes {
  private readonly cache = new Bounded<AttemptShape>(200_000);
  remember(a: AttemptShape): void {
    this.cache.set(a.attemptId, {
      attemptId: a.attemptId,
      roundId: a.roundId,
      candidateId: a.candidateId,
      draw: a.draw,
      deadline: a.deadline,
      poolVersion: a.poolVersion,
    });
  }
  async get(store: OnlineStore, attemptId: string): Promise<AttemptShape | null> {
    const cached = this.cache.get(attemptId);
    if (cached) return cached;
    const a = await store.getAttempt(attemptId);
    if (a) this.remember(a);
    return a;
  }
}

export function emptyResultsState(): ResultsState {
  return {
    status: 'pending',
    actual: null,
    computedAt: null,
    rankingMs: null,
    computeMs: null,
    warnings: [],
    confirmation: null,
    publication: null,
  };
}

export function emptyResults(): ResultsDoc {
  return {
    state: emptyResultsState(),
    generation: 0,
    computationId: null,
    stats: null,
    collective: [],
    winners: [],
  };
}

/** results that depend on something that changed: pending again, and any computation under way is stale */
export function invalidated(results: ResultsDoc): ResultsDoc {
  return { ...results, generation: results.generation + 1, state: { ...results.state, status: 'pending' } };
}

/** compare-and-set a round until it sticks or `change` gives up (returns null) */
export async function updateRoundWith<T>(
  store: OnlineStore,
  roundId: string,
  change: (round: RoundRecord) => Promise<{ next: RoundRecord; result: T } | { refuse: OnlineResult<never> }>,
): Promise<OnlineResult<T>> {
  for (let tries = 0; tries < 20; tries++) {
    const round = await store.getRound(roundId);
    if (!round) return fail('ROUND_NOT_FOUND', 'Không tìm thấy kỳ thi.');
    const outcome = await change(round);
    if ('refuse' in outcome) return outcome.refuse;
    if (await store.updateRound(outcome.next, round.version)) return ok(outcome.result);
  }
  return fail('STALE_VERSION', 'Kỳ thi đang được cập nhật từ nơi khác; vui lòng thử lại.');
}
