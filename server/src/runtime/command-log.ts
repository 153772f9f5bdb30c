/**
 * The command path of one show: apply → append → commit → ack.
 *
 * Commands are applied synchronously in arrival order to the latest applied state (the serial queue),
 * their log records are pipelined into the store's group commit, and each ack waits for its commit —
 * so a burst of 2,000 answers costs a handful of fsyncs, and nothing is acknowledged or shown that a
 * crash could undo. Rejections are audited but change nothing. A failed commit stops the show's
 * command path: the applied state may be ahead of what is durable, so nothing more is accepted.
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
  private failure: unknown = null;
  private closed = false;

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

  get failed(): boolean {
    return this.failure !== null;
  }

  async submit(command: EngineCommand, actor: Actor): Promise<Ack<CommandReceipt>> {
    if (this.closed) return fail('INTERNAL', 'show is shutting down');
    if (this.failure) return fail('STORAGE_FAILED', 'storage failed; the show must be restarted');
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
    try {
      await this.deps.store.append([record]);
    } catch (err) {
      this.failure = err;
      this.deps.log?.(`show ${this.showId}: commit failed, refusing further commands`, err);
      return fail('STORAGE_FAILED', 'could not store the command');
    }
    // commits resolve in call order, so `next` is now the newest durable state
    this.committedState = next;
    if (!this.closed) this.deps.onCommitted({ command, events: outcome.events, state: next });
    return ok({ version: next.version });
  }

  close(): void {
    this.closed = true;
  }
}
