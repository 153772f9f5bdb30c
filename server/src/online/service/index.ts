/**
 * The online rounds' service: one object per app (a Fastify decorator), its dependencies passed in.
 * A ticker on every node submits attempts whose time ran out and computes the results of rounds
 * that closed; both are safe to run on many nodes at once (compare-and-set, leases).
 */
import { randomBytes, randomFillSync } from 'node:crypto';
import type { UnitRef } from '../../contest/ports.ts';
import type { OnlineStore } from '../store/port.ts';
import { AttemptDesk } from './attempts.ts';
import { CandidateDesk } from './candidates.ts';
import { AttemptShapes, PoolCache, type ContestPorts, type OnlineContext } from './context.ts';
import { DEFAULT_POW, ProofOfWork, type PowOptions } from './pow.ts';
import { ResultsDesk } from './results.ts';
import { RoundDesk } from './rounds.ts';
import { SessionTokens } from './session.ts';

export interface OnlineServiceOptions extends ContestPorts {
  store: OnlineStore;
  clock?: () => number;
  /** uniform in [0, 1); default: the OS's randomness (draws must not be predictable) */
  rng?: () => number;
  graceMs?: number;
  pow?: Partial<PowOptions>;
  sessionTtlMs?: number;
  /** how often the ticker runs; 0 = never (tests call tick()) */
  tickMs?: number;
  nodeId?: string;
}

export const DEFAULT_GRACE_MS = 3_000;
const UNIT_CACHE_MS = 30_000;

/** a uniform float in [0, 1) from 48 random bits of the OS, drawn 4 KiB at a time */
const pool = Buffer.alloc(4096);
let used = pool.length;
function secureRandom(): number {
  if (used + 6 > pool.length) {
    randomFillSync(pool);
    used = 0;
  }
  const n = pool.readUIntBE(used, 6);
  used += 6;
  return n / 2 ** 48;
}

export class OnlineService {
  readonly rounds: RoundDesk;
  readonly candidates: CandidateDesk;
  readonly attempts: AttemptDesk;
  readonly results: ResultsDesk;
  readonly pow: ProofOfWork;
  readonly ctx: OnlineContext;
  private timer: NodeJS.Timeout | null = null;
  private ticking: Promise<void> | null = null;

  static async create(options: OnlineServiceOptions): Promise<OnlineService> {
    const { store } = options;
    const sessionKey = await store.secret('session', randomBytes(32).toString('hex'));
    const powKey = await store.secret('pow', randomBytes(32).toString('hex'));
    return new OnlineService(options, sessionKey, powKey);
  }

  private constructor(options: OnlineServiceOptions, sessionKey: string, powKey: string) {
    const clock = options.clock ?? Date.now;
    let units: { at: number; list: UnitRef[] } | null = null;
    const ctx: OnlineContext = {
      store: options.store,
      bank: options.bank,
      units: options.units,
      exclusions: options.exclusions,
      clock,
      rng: options.rng ?? secureRandom,
      graceMs: options.graceMs ?? DEFAULT_GRACE_MS,
      nodeId: options.nodeId ?? `node-${process.pid}-${randomBytes(4).toString('hex')}`,
      pools: new PoolCache(options.store),
      attempts: new AttemptShapes(),
      async unitList() {
        // the form and the dashboard may show a unit list up to 30 s old; results read it fresh
        if (!units || clock() - units.at > UNIT_CACHE_MS)
          units = { at: clock(), list: await options.units.units() };
        return units.list;
      },
      async audit(actor, action, roundId, detail) {
        await options.store.appendAudit({ at: clock(), actor, action, roundId, detail });
      },
    };
    this.ctx = ctx;
    this.rounds = new RoundDesk(ctx);
    this.candidates = new CandidateDesk(
      ctx,
      this.rounds,
      new SessionTokens(sessionKey, options.sessionTtlMs ?? 12 * 3_600_000),
    );
    this.attempts = new AttemptDesk(ctx);
    this.results = new ResultsDesk(ctx, this.attempts);
    this.pow = new ProofOfWork(powKey, options.store, { ...DEFAULT_POW, ...options.pow });
    const tickMs = options.tickMs ?? 1_000;
    if (tickMs > 0) {
      this.timer = setInterval(() => void this.tick(), tickMs);
      this.timer.unref();
    }
  }

  /** submit attempts whose time ran out (after a restart too: they are in the store), then close rounds */
  tick(): Promise<void> {
    this.ticking ??= (async () => {
      try {
        while ((await this.attempts.sweep()) === 500) {
          /* a backlog (e.g. after a restart): keep going */
        }
        await this.results.closeDue();
      } catch (error) {
        console.error('online tick failed:', error);
      } finally {
        this.ticking = null;
      }
    })();
    return this.ticking;
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.ticking;
  }
}
