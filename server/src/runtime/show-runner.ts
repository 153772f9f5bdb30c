/**
 * One live show on this node, assembled from its parts:
 *   route (who may apply, how commands arrive) → command log (apply → append → commit → ack)
 *   → publisher (coalesced fan-out per room, seat:self, tally tick) and snapshots;
 *   deadline timer (locks at deadline + grace); audience channel (play-along answers and results).
 * Each part is unit-tested on its own with a fake clock, store and transport (see *.test.ts).
 */
import type {
  Ack,
  AnswerValue,
  AudienceAnswerReceipt,
  CommandReceipt,
  SessionInfo,
  Snapshot as ViewSnapshot,
} from '@cv/shared/protocol';
import { createShowState, currentRound } from '../engine/index.ts';
import type { Actor, EngineCommand, ShowSetup, ShowState } from '../engine/types.ts';
import type { Store } from '../storage/port.ts';
import { AudienceChannel } from './audience-channel.ts';
import { CommandLog } from './command-log.ts';
import { localRoute, soleOwner, type CommandRoute, type ShowOwnership } from './command-route.ts';
import { DeadlineTimer } from './deadline.ts';
import { ViewPublisher } from './publisher.ts';
import type { RecoveredShow } from './recovery.ts';
import { Snapshotter } from './snapshots.ts';
import type { Timers } from './timers.ts';
import type { ShowTransport } from './transport.ts';

export interface RunnerDeps {
  store: Store;
  transport: () => ShowTransport;
  timers: Timers;
  /** snapshot the state every N accepted commands so recovery replays only a tail */
  snapshotEvery?: number;
  tallyEveryMs?: number;
  /** who may apply this show's commands on this node (default: this node, always) */
  ownership?: ShowOwnership;
  log?: (message: string, err?: unknown) => void;
}

export const SYSTEM: Actor = { role: 'system', id: 'system' };

export class ShowRunner {
  readonly audience: AudienceChannel;
  private readonly commands: CommandLog;
  private readonly route: CommandRoute;
  private readonly publisher: ViewPublisher;
  private readonly deadline: DeadlineTimer;
  private readonly snapshots: Snapshotter;

  private constructor(
    readonly showId: string,
    state: ShowState,
    deps: RunnerDeps,
  ) {
    const { store, timers, transport } = deps;
    this.commands = new CommandLog(showId, state, {
      store,
      now: () => timers.now(),
      log: deps.log,
      onApplied: (applied) => this.deadline.arm(applied),
      onCommitted: (change) => {
        this.publisher.committed(change);
        this.snapshots.committed(change.state);
      },
    });
    this.route = localRoute(this.commands, deps.ownership ?? soleOwner);
    this.audience = new AudienceChannel({
      showId,
      store,
      timers,
      transport,
      applied: () => this.commands.applied,
      committed: () => this.commands.committed,
      writable: () => !this.commands.failed,
      onAnswer: () => this.publisher.audienceAnswered(),
    });
    this.publisher = new ViewPublisher({
      showId,
      state: () => this.commands.committed,
      audience: this.audience,
      transport,
      timers,
      tallyEveryMs: deps.tallyEveryMs,
    });
    this.deadline = new DeadlineTimer(
      timers,
      (round) => void this.submit({ type: 'system:lock', round }, SYSTEM),
    );
    this.snapshots = new Snapshotter(showId, store, state.version, deps.snapshotEvery, deps.log);
  }

  static fresh(setup: ShowSetup, deps: RunnerDeps): ShowRunner {
    return new ShowRunner(setup.showId, createShowState(setup), deps);
  }

  /** a show rebuilt by recovery.ts; one caught answering comes back paused with the time it had left */
  static async resume(setup: ShowSetup, recovered: RecoveredShow, deps: RunnerDeps): Promise<ShowRunner> {
    const runner = new ShowRunner(setup.showId, recovered.state, deps);
    runner.audience.restore(recovered.audience.map((a) => ({ ...a, value: a.value as AnswerValue })));
    const state = recovered.state;
    const round = currentRound(state);
    if (state.stage === 'running' && !state.paused && round?.phase === 'answering') {
      await runner.submit(
        { type: 'system:recover', lastSeenAt: recovered.lastSeenAt || deps.timers.now() },
        SYSTEM,
      );
    }
    if (recovered.olderRecords) await runner.snapshots.save(runner.state);
    runner.deadline.arm(runner.commands.applied);
    return runner;
  }

  get state(): ShowState {
    return this.commands.committed;
  }

  get version(): number {
    return this.commands.committed.version;
  }

  /** Apply, persist, then acknowledge. Rejections are audited but change nothing. */
  submit(command: EngineCommand, actor: Actor): Promise<Ack<CommandReceipt>> {
    return this.route.submit(command, actor);
  }

  submitAudienceAnswer(
    audienceId: string,
    round: number,
    value: AnswerValue,
  ): Promise<Ack<AudienceAnswerReceipt>> {
    return this.audience.answer(audienceId, round, value);
  }

  seatConnected(seat: number, connected: boolean): void {
    this.publisher.seatConnected(seat, connected);
  }

  snapshotFor(session: SessionInfo, serverNow: number): ViewSnapshot {
    return this.publisher.snapshotFor(session, serverNow);
  }

  close(): void {
    this.commands.close();
    this.deadline.close();
    this.publisher.close();
    this.audience.close();
  }
}
