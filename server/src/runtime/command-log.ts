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
import type { CommandRecord, Store } from '../storage/port.ts';
import { seededRng } from './rng.ts';

export interface CommittedChange {
  command: EngineCommand;
  events: ShowEvent[];
  /** the newest durable state */
  state: ShowState;
}

export interface CommandLogDeps {
  store: Store;
  now: () => number;
  /** after every accepted apply, before its commit (the deadline follows the applied state) */
  onApplied?: (state: ShowState) => void;
  /** after every commit, in commit order */
  onCommitted: (change: CommittedChange) => void;
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
      if (this.failedAt === null) {
        this.failedAt = n;
        this.deps.log?.(`show ${this.showId}: commit failed, refusing commands until it settles`, err);
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
    this.committedState = next;
    if (!this.closed) this.deps.onCommitted({ command, events: outcome.events, state: next });
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

  close(): void {
    this.closed = true;
  }
}
