/** The shows this node runs: creation, recovery at start (one show at a time, each on its own), credentials, runners. */
import {
  DEFAULT_RULES,
  fail,
  ok,
  type Ack,
  type AuthPayload,
  type SessionInfo,
  type ShowProblem,
  type ShowRules,
  type UnavailableShow,
} from '@cv/shared/protocol';
import { createShowSchema } from '@cv/shared/protocol';
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { ENGINE_VERSION } from '../engine/index.ts';
import type { ShowSetup } from '../engine/types.ts';
import type { ShowRecord, Store } from '../storage/port.ts';
import { newPin, newShowSecrets, newToken, sameSecret, SEAT_PIN_DIGITS } from './secrets.ts';
import { recoverShow, type RecoveredShow, type ReplayPolicy } from './recovery.ts';
import type { ShowLink } from './show-link.ts';
import { ShowRunner, type RunnerDeps } from './show-runner.ts';
import { systemTimers, type Timers } from './timers.ts';
import { silentTransport, type ShowTransport } from './transport.ts';

export type CreateShowInput = z.output<typeof createShowSchema>;

export interface ShowServiceOptions {
  store: Store;
  clock?: () => number;
  /** the runtime's timers (default: the process's, reading `clock`) */
  timers?: Timers;
  /** replay policy for logs of other engines (default: this engine's; tests vary it) */
  replayPolicy?: ReplayPolicy;
  snapshotEvery?: number;
  tallyEveryMs?: number;
  log?: (msg: string, err?: unknown) => void;
  /**
   * many nodes: runners start as followers of the show's owner node (see cluster/); `showChanged` tells
   * the other nodes that a show was created or its record (credentials) changed
   */
  cluster?: { link: ShowLink; showChanged(showId: string): void };
}

export class ShowService {
  private readonly runners = new Map<string, ShowRunner>();
  private readonly records = new Map<string, ShowRecord>();
  /** stored shows that could not be recovered: reported, refused to devices; the others run */
  private readonly problems = new Map<string, ShowProblem>();
  private readonly adopting = new Map<string, Promise<boolean>>();
  private transport: ShowTransport = silentTransport;
  readonly clock: () => number;
  private readonly timers: Timers;

  constructor(private readonly options: ShowServiceOptions) {
    this.clock = options.clock ?? options.timers?.now ?? (() => Date.now());
    this.timers = options.timers ?? systemTimers(this.clock);
  }

  attachTransport(transport: ShowTransport): void {
    this.transport = transport;
  }

  private get deps(): RunnerDeps {
    return {
      store: this.options.store,
      transport: () => this.transport,
      timers: this.timers,
      snapshotEvery: this.options.snapshotEvery,
      tallyEveryMs: this.options.tallyEveryMs,
      log: this.options.log,
      link: this.options.cluster?.link,
    };
  }

  private async start(record: ShowRecord, recovered: RecoveredShow): Promise<ShowRunner> {
    const link = this.options.cluster?.link;
    return link
      ? ShowRunner.follower(recovered, { ...this.deps, link })
      : ShowRunner.resume(record.setup, recovered, this.deps);
  }

  /**
   * Many nodes: a show this node has not heard of (created on another node) is read from the store and
   * followed. Resolves false when the store has no such show.
   */
  async adopt(showId: string): Promise<boolean> {
    if (this.records.has(showId)) return true;
    if (!this.options.cluster) return false;
    const pending = this.adopting.get(showId);
    if (pending) return pending;
    const run = (async () => {
      const record = await this.options.store.getShow(showId);
      if (!record) return false;
      if (this.records.has(showId)) return true;
      await this.admit(record);
      return true;
    })().finally(() => this.adopting.delete(showId));
    this.adopting.set(showId, run);
    return run;
  }

  /** many nodes: another node changed the show's record (a seat's PIN) */
  async reloadRecord(showId: string): Promise<void> {
    if (!this.records.has(showId)) return void (await this.adopt(showId));
    const record = await this.options.store.getShow(showId);
    if (record) this.records.set(showId, record);
  }

  /** recover one stored show and run it (or report why not) */
  private async admit(record: ShowRecord): Promise<{ showId: string; version: number } | null> {
    this.records.set(record.showId, record);
    const result = await recoverShow(record.setup, this.options.store, this.options.replayPolicy);
    if (!result.ok) {
      this.problems.set(record.showId, result.problem);
      this.options.log?.(
        `show ${record.showId} is unavailable: ${result.problem.code}: ${result.problem.message}`,
      );
      return null;
    }
    try {
      const runner = await this.start(record, result.show);
      this.runners.set(record.showId, runner);
      return { showId: record.showId, version: runner.version };
    } catch (err) {
      const problem: ShowProblem = { code: 'RECOVERY_FAILED', message: String(err) };
      this.problems.set(record.showId, problem);
      this.options.log?.(`show ${record.showId} is unavailable: ${problem.code}`, err);
      return null;
    }
  }

  /** Rebuild every stored show. A show that cannot be rebuilt is logged and reported, and the others run. */
  async recoverAll(): Promise<{
    recovered: { showId: string; version: number }[];
    unavailable: UnavailableShow[];
  }> {
    const recovered: { showId: string; version: number }[] = [];
    for (const record of await this.options.store.listShows()) {
      if (this.records.has(record.showId)) continue; // adopted meanwhile
      const done = await this.admit(record);
      if (done) recovered.push(done);
    }
    return { recovered, unavailable: this.unavailable() };
  }

  /** stored shows that could not be recovered */
  unavailable(): UnavailableShow[] {
    return [...this.problems].map(([showId, p]) => ({ showId, ...p }));
  }

  problemOf(showId: string): ShowProblem | undefined {
    return this.problems.get(showId);
  }

  async create(input: CreateShowInput, showId: string = randomUUID().slice(0, 8)): Promise<ShowRecord> {
    if (this.records.has(showId)) throw new Error(`show ${showId} exists`);
    const setup = setupFrom(showId, input);
    const record: ShowRecord = {
      showId,
      title: setup.title,
      createdAt: this.clock(),
      setup,
      secrets: newShowSecrets(setup.seats.map((s) => s.seat)),
    };
    await this.options.store.createShow(record);
    this.records.set(showId, record);
    this.runners.set(showId, ShowRunner.fresh(setup, this.deps));
    this.options.cluster?.showChanged(showId);
    return record;
  }

  /** every stored show, running or not */
  list(): ShowRecord[] {
    return [...this.records.values()];
  }

  /** shows that run on this node */
  runningCount(): number {
    return this.runners.size;
  }

  record(showId: string): ShowRecord | undefined {
    return this.records.get(showId);
  }

  runner(showId: string): ShowRunner | undefined {
    return this.runners.get(showId);
  }

  allRunners(): Iterable<ShowRunner> {
    return this.runners.values();
  }

  /** who is connecting, or why not */
  authenticate(auth: AuthPayload): Ack<SessionInfo> {
    const record = this.records.get(auth.showId);
    if (!record) return fail('SHOW_NOT_FOUND', 'no such show');
    const problem = this.problems.get(auth.showId);
    if (problem) return fail('SHOW_UNAVAILABLE', `the show could not be recovered (${problem.code})`);
    const { secrets } = record;
    switch (auth.role) {
      case 'host':
        return sameSecret(auth.pin, secrets.hostPin) ? ok({ role: 'host', showId: auth.showId }) : denied();
      case 'judge':
        return sameSecret(auth.pin, secrets.judgePin) ? ok({ role: 'judge', showId: auth.showId }) : denied();
      case 'screen':
        return sameSecret(auth.displayToken, secrets.displayToken)
          ? ok({ role: 'screen', showId: auth.showId })
          : denied();
      case 'player': {
        const seat = auth.joinToken
          ? Object.entries(secrets.seats).find(([, s]) => sameSecret(auth.joinToken, s.joinToken))?.[0]
          : auth.seat !== undefined && sameSecret(auth.pin, secrets.seats[auth.seat]?.pin ?? newToken())
            ? String(auth.seat)
            : undefined;
        if (seat === undefined) return denied();
        const info = record.setup.seats.find((s) => s.seat === Number(seat));
        return ok({ role: 'player', showId: auth.showId, seat: Number(seat), name: info?.name });
      }
      case 'audience': {
        const audienceId =
          auth.audienceId && /^[A-Za-z0-9_-]{6,64}$/.test(auth.audienceId) ? auth.audienceId : newToken(9);
        return ok({ role: 'audience', showId: auth.showId, audienceId, name: auth.name ?? 'Khán giả' });
      }
    }
  }

  async resetSeatPin(
    showId: string,
    seat: number,
    actor: { id: string; role: string } = { id: 'host', role: 'host' },
  ): Promise<Ack<{ seat: number; pin: string; joinToken: string }>> {
    const record = this.records.get(showId);
    if (!record) return fail('SHOW_NOT_FOUND', 'no such show');
    if (!record.secrets.seats[seat]) return fail('SEAT_NOT_FOUND', 'no such seat');
    const fresh = { pin: newPin(SEAT_PIN_DIGITS), joinToken: newToken() };
    const secrets = { ...record.secrets, seats: { ...record.secrets.seats, [seat]: fresh } };
    await this.options.store.updateShow(showId, { secrets });
    this.records.set(showId, { ...record, secrets });
    // the trail names who reset which seat, never the new PIN
    await this.recordEvent(showId, {
      actorId: actor.id,
      role: actor.role,
      type: 'seat:reset-pin',
      payload: { seat },
    });
    this.options.cluster?.showChanged(showId);
    return ok({ seat, ...fresh });
  }

  /**
   * Puts something that is not an engine command in the audit trail (a PIN reset, a refused sign-in).
   * Version null: replay never sees it. Unknown shows are ignored (nothing to attach it to).
   */
  async recordEvent(
    showId: string,
    entry: { actorId: string; role: string; type: string; payload: unknown; outcome?: string },
  ): Promise<void> {
    if (!this.records.has(showId)) return;
    await this.options.store.append([
      {
        showId,
        version: null,
        engineVersion: ENGINE_VERSION,
        at: this.clock(),
        actorId: entry.actorId,
        role: entry.role,
        type: entry.type,
        payload: entry.payload,
        outcome: entry.outcome ?? 'ok',
      },
    ]);
  }

  close(): void {
    for (const r of this.runners.values()) r.close();
  }
}

const denied = () => fail('UNAUTHORIZED', 'wrong PIN or token');

export function setupFrom(showId: string, input: CreateShowInput): ShowSetup {
  const rules = mergeRules(DEFAULT_RULES, (input.rules ?? {}) as DeepPartial<ShowRules>);
  const named = new Map((input.seats ?? []).map((s) => [s.seat, s]));
  const count = Math.max(input.seatCount ?? 0, ...(input.seats ?? []).map((s) => s.seat), 0);
  const seats = Array.from({ length: count }, (_, i) => {
    const seat = i + 1;
    const given = named.get(seat);
    return { seat, name: given?.name ?? `Thí sinh ${seat}`, ...(given?.unit ? { unit: given.unit } : {}) };
  });
  return { showId, title: input.title, rules, seats, questions: input.questions };
}

type DeepPartial<T> = {
  [K in keyof T]?: T[K] extends object ? (T[K] extends unknown[] ? T[K] : DeepPartial<T[K]>) : T[K];
};

function mergeRules(base: ShowRules, patch: DeepPartial<ShowRules>): ShowRules {
  const out = structuredClone(base) as unknown as Record<string, unknown>;
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) continue;
    const current = out[key];
    out[key] =
      current &&
      typeof current === 'object' &&
      !Array.isArray(current) &&
      value &&
      typeof value === 'object' &&
      !Array.isArray(value)
        ? { ...(current as object), ...(value as object) }
        : value;
  }
  return out as unknown as ShowRules;
}
