/**
 * The command path of one show: apply → append → commit → ack.
 *
 * Commands are applied synchronously in arrival order to the latest applied state (the serial queue),
 * their log records are pipelined into the store's group commit, and each ack waits for its commit —
 * so a burst of 2,000 answers costs a handful of fsyncs, and nothing is acknowledged or shown that a
 * crash could undo. Rejections are audited but change nothing.
 *
 * A failed commit (full disk, lost connection) refuses its command with STORAGE_FAILED, never an ack.
 * The applied state may then be ahead of what is durable, so new commands are refused too until the
 * commits in flight have settled; then the applied state goes back to the last committed one and the
 * show carries on (the MC presses again). Only if a later command committed on top of the failed one
 * — the log would have a gap a replay cannot cross — does the show stop until a restart.
 */
import { fail, ok, type Ack, type CommandReceipt, type ShowEvent } from '@cv/shared/protocol';
import { applyCommand, ENGINE_VERSION } from '../engine/index.ts';
import type { Actor, EngineCommand, ShowState } from '../engine/types.ts';
import { StoreError, type CommandRecord, type Store } from '../storage/port.ts';
import { seededRng } from './rng.ts';

export interface CommittedChange {
  command: EngineCommand;
  events: ShowEvent[];
  /** the newest durable state */
  state: ShowState;
  /** the durable record (what other nodes replay) */
  record: CommandRecord;
}

/** what following another node's committed record did */
export type FollowResult = 'applied' | 'duplicate' | 'gap' | 'diverged';

export interface CommandLogDeps {
  store: Store;
  now: () => number;
  /** after every accepted apply, before its commit (the deadline follows the applied state) */
  onApplied?: (state: ShowState) => void;
  /** after every commit, in commit order */
  onCommitted: (change: CommittedChange) => void;
  /** the store refused an append because this node no longer holds the show's lease (many nodes) */
  onFenced?: () => void;
  /** a commit failed (many nodes: the node gives the show back, and it is rebuilt from the log) */
  onFailed?: () => void;
  log?: (message: string, err?: unknown) => void;
}

export class CommandLog {
  private appliedState: ShowState;
  private committedState: ShowState;
  /** a gap in the durable log: nothing more is accepted until a restart */
  private failure: unknown = null;
  private closed = false;
  /** commits started and not yet settled */
  private inFlight = 0;
  private submitted = 0;
  /** the submission number of the first failed commit while recovering from it */
  private failedAt: number | null = null;

  constructor(
    readonly showId: string,
    state: ShowState,
    private readonly deps: CommandLogDeps,
  ) {
    this.appliedState = state;
    this.committedState = state;
  }

  /** the authority new commands are checked against */
  get applied(): ShowState {
    return this.appliedState;
  }

  /** the only state ever shown to anyone */
  get committed(): ShowState {
    return this.committedState;
  }

  /** true while nothing can be accepted: a failed commit not yet recovered from, or a gap in the log */
  get failed(): boolean {
    return this.failure !== null || this.failedAt !== null;
  }

  async submit(command: EngineCommand, actor: Actor): Promise<Ack<CommandReceipt>> {
    if (this.closed) return fail('INTERNAL', 'show is shutting down');
    if (this.failure) return fail('STORAGE_FAILED', 'storage failed; the show must be restarted');
    if (this.failedAt !== null)
      return fail('STORAGE_FAILED', 'the last command could not be stored; try again in a moment');
    const now = this.deps.now();
    const outcome = applyCommand(this.appliedState, command, actor, {
      now,
      rng: seededRng(this.showId, this.appliedState.version + 1),
    });
    const record: CommandRecord = {
      showId: this.showId,
      version: outcome.ok ? outcome.state.version : null,
      engineVersion: ENGINE_VERSION,
      at: now,
      actorId: actor.id,
      role: actor.role,
      type: command.type,
      payload: command,
      outcome: outcome.ok ? 'ok' : outcome.error.code,
    };
    if (!outcome.ok) {
      // the audit trail keeps refusals too; nobody waits on it
      this.deps.store.append([record]).catch((err) => this.deps.log?.('audit append failed', err));
      return outcome;
    }
    const next = outcome.state;
    this.appliedState = next;
    this.deps.onApplied?.(next);
    const n = ++this.submitted;
    this.inFlight++;
    try {
      await this.deps.store.append([record]);
    } catch (err) {
      this.inFlight--;
      if (err instanceof StoreError && err.code === 'FENCED') {
        // another node owns the show now: nothing was written, and this node stops deciding for it
        this.deps.onFenced?.();
        return fail('OWNER_UNAVAILABLE', 'this node no longer runs the show; retry');
      }
      if (this.failedAt === null) {
        this.failedAt = n;
        this.deps.log?.(`show ${this.showId}: commit failed, refusing commands until it settles`, err);
        // many nodes: the show is given back and rebuilt from the log (one node: nothing to do here)
        this.deps.onFailed?.();
      }
      this.recoverIfSettled();
      return fail('STORAGE_FAILED', 'could not store the command');
    }
    this.inFlight--;
    if (this.failedAt !== null && n > this.failedAt) {
      // durable, but built on a command that is not: the log has a gap
      this.failure ??= new Error(`command ${n} committed after failed command ${this.failedAt}`);
      this.deps.log?.(
        `show ${this.showId}: a command committed after a failed one; the show must be restarted`,
      );
      return fail('STORAGE_FAILED', 'storage failed; the show must be restarted');
    }
    // commits resolve in call order, so `next` is now the newest durable state
    if (this.committedState.version >= next.version) return ok({ version: next.version }); // reset meanwhile
    this.committedState = next;
    if (!this.closed) this.deps.onCommitted({ command, events: outcome.events, state: next, record });
    this.recoverIfSettled();
    return ok({ version: next.version });
  }

  /** once every commit in flight has settled, carry on from the last durable state */
  private recoverIfSettled(): void {
    if (this.failedAt === null || this.inFlight > 0 || this.failure) return;
    this.failedAt = null;
    this.appliedState = this.committedState;
    this.deps.onApplied?.(this.committedState);
    this.deps.log?.(
      `show ${this.showId}: carrying on from version ${this.committedState.version} after a failed commit`,
    );
  }

  /**
   * A record the owner node committed, applied here exactly as recovery replays it (same time, same
   * seeded randomness), so every node holds the same committed state without deciding anything.
   */
  follow(record: CommandRecord): FollowResult {
    if (record.version === null) return 'duplicate';
    const current = this.committedState;
    if (record.version <= current.version) return 'duplicate';
    if (record.version !== current.version + 1) return 'gap';
    const command = record.payload as EngineCommand;
    const outcome = applyCommand(
      current,
      command,
      { role: record.role as Actor['role'], id: record.actorId },
      {
        now: record.at,
        rng: seededRng(this.showId, current.version + 1),
      },
    );
    if (!outcome.ok || outcome.state.version !== record.version) return 'diverged';
    this.appliedState = outcome.state;
    this.committedState = outcome.state;
    if (!this.closed)
      this.deps.onCommitted({ command, events: outcome.events, state: outcome.state, record });
    return 'applied';
  }

  /** start again from a state rebuilt from the store (a node that lost or takes a show's lease) */
  reset(state: ShowState): void {
    this.appliedState = state;
    this.committedState = state;
    this.failure = null;
    this.failedAt = null;
  }

  close(): void {
    this.closed = true;
  }
}
