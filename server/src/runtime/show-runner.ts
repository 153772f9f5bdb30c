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
import type { AudienceAnswerRecord, CommandRecord, Store } from '../storage/port.ts';
import { AudienceChannel } from './audience-channel.ts';
import { CommandLog } from './command-log.ts';
import { localRoute, soleOwner, type CommandRoute, type ShowOwnership } from './command-route.ts';
import type { ShowLink } from './show-link.ts';
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
  /**
   * many nodes: the runner starts as a follower (replays what the owner commits, forwards commands to it)
   * and becomes the owner only when this node takes the show's lease (`promote`)
   */
  link?: ShowLink;
  log?: (message: string, err?: unknown) => void;
}

export const SYSTEM: Actor = { role: 'system', id: 'system' };
/** how long a forwarded command's ack waits for its change to be replayed on this node */
const REPLAY_WAIT_MS = 2_000;

export class ShowRunner {
  readonly audience: AudienceChannel;
  private readonly commands: CommandLog;
  private readonly route: CommandRoute;
  private readonly publisher: ViewPublisher;
  private readonly deadline: DeadlineTimer;
  private readonly snapshots: Snapshotter;
  /** false while another node runs the show (many nodes): commands are forwarded, records followed */
  private owner: boolean;
  private readonly link: ShowLink | undefined;
  /** catch-ups from the store and promotions, one at a time */
  private sync: Promise<unknown> = Promise.resolve();
  /** forwarded commands waiting to see their version replayed here before they answer */
  private versionWaiters: { version: number; resolve: () => void }[] = [];
  /** seats whose device is on this node, and per other node the seats it has a device of (and when it last said so) */
  private readonly localSeats = new Set<number>();
  private readonly remoteSeats = new Map<string, { seats: Set<number>; heardAt: number }>();
  /** the latest time the show recorded anything (a show caught answering is paused as of then) */
  private lastSeenAt = 0;

  private constructor(
    readonly showId: string,
    state: ShowState,
    private readonly deps: RunnerDeps,
  ) {
    const { store, timers, transport } = deps;
    this.link = deps.link;
    this.owner = !deps.link;
    this.commands = new CommandLog(showId, state, {
      store,
      now: () => timers.now(),
      log: deps.log,
      onApplied: (applied) => {
        if (this.owner) this.deadline.arm(applied);
      },
      onCommitted: (change) => {
        this.lastSeenAt = Math.max(this.lastSeenAt, change.record.at);
        this.publisher.committed(change);
        if (this.owner) {
          this.snapshots.committed(change.state);
          this.link?.committed(showId, change.record);
        }
        this.releaseWaiters(change.state.version);
      },
      onFenced: () => this.link?.fenced(showId),
      onFailed: () => this.link?.storageFailed(showId),
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
      onStored: (answer) => {
        this.lastSeenAt = Math.max(this.lastSeenAt, answer.at);
        this.link?.audienceStored(showId, { showId, ...answer });
      },
    });
    this.publisher = new ViewPublisher({
      showId,
      state: () => this.commands.committed,
      audience: this.audience,
      transport,
      timers,
      tallyEveryMs: deps.tallyEveryMs,
    });
    this.deadline = new DeadlineTimer(timers, (command) => void this.submit(command, SYSTEM));
    this.snapshots = new Snapshotter(showId, store, state.version, deps.snapshotEvery, deps.log);
  }

  static fresh(setup: ShowSetup, deps: RunnerDeps): ShowRunner {
    return new ShowRunner(setup.showId, createShowState(setup), deps);
  }

  /** many nodes: a show rebuilt from the store that this node follows until it takes the lease */
  static follower(recovered: RecoveredShow, deps: RunnerDeps & { link: ShowLink }): ShowRunner {
    const runner = new ShowRunner(recovered.state.showId, recovered.state, deps);
    runner.audience.restore(recovered.audience.map((a) => ({ ...a, value: a.value as AnswerValue })));
    runner.lastSeenAt = recovered.lastSeenAt;
    return runner;
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

  /** does this node run the show now (always, on a single node) */
  get isOwner(): boolean {
    return this.owner;
  }

  /**
   * Apply, persist, then acknowledge. Rejections are audited but change nothing. On a node that does not
   * run the show, the command goes to the one that does, and its ack waits until the change is replayed
   * here too (a device reads its own write from this node's state).
   */
  submit(command: EngineCommand, actor: Actor): Promise<Ack<CommandReceipt>> {
    // the single node's path stays exactly what it was: no extra await
    if (this.owner || !this.link) return this.route.submit(command, actor);
    return this.forward(this.link, command, actor);
  }

  submitAudienceAnswer(
    audienceId: string,
    round: number,
    value: AnswerValue,
  ): Promise<Ack<AudienceAnswerReceipt>> {
    if (this.owner || !this.link) return this.audience.answer(audienceId, round, value);
    return this.link.forwardAudience(this.showId, audienceId, this.audience.nameOf(audienceId), round, value);
  }

  private async forward(link: ShowLink, command: EngineCommand, actor: Actor): Promise<Ack<CommandReceipt>> {
    const ack = await link.forward(this.showId, command, actor);
    if (ack.ok) await this.reached(ack.data.version);
    return ack;
  }

  /** a forwarded audience answer, on the owner */
  acceptAudienceAnswer(
    audienceId: string,
    name: string,
    round: number,
    value: AnswerValue,
  ): Promise<Ack<AudienceAnswerReceipt>> {
    return this.audience.answer(audienceId, round, value, name || this.audience.nameOf(audienceId));
  }

  /** a device on this node */
  seatConnected(seat: number, connected: boolean): void {
    if (connected) this.localSeats.add(seat);
    else this.localSeats.delete(seat);
    this.publisher.seatConnected(seat, this.seatPresent(seat));
    this.link?.seatPresence(this.showId, seat, connected);
  }

  /** a device on another node: a seat counts as connected while any node has its device */
  seatConnectedElsewhere(seat: number, connected: boolean, node: string): void {
    const entry = this.heardFrom(node);
    if (connected) entry.seats.add(seat);
    else entry.seats.delete(seat);
    this.publisher.seatConnected(seat, this.seatPresent(seat));
  }

  /** another node's roll call: every seat it has a device of, now */
  seatsElsewhere(node: string, seats: readonly number[]): void {
    const entry = this.heardFrom(node);
    const current = new Set(seats);
    // only what this call changed: the publisher restarts a seat's device from its snapshot on each call
    const changed = [...entry.seats]
      .filter((s) => !current.has(s))
      .concat(seats.filter((s) => !entry.seats.has(s)));
    entry.seats = current;
    for (const seat of changed) this.publisher.seatConnected(seat, this.seatPresent(seat));
  }

  /** the seats whose device is on this node, for the roll call */
  seatsHere(): number[] {
    return [...this.localSeats];
  }

  /** a node silent this long died without a word (SIGKILL, power): its devices are gone */
  forgetSilentNodes(silentMs: number): void {
    const now = this.deps.timers.now();
    for (const [node, entry] of this.remoteSeats)
      if (now - entry.heardAt > silentMs) {
        this.remoteSeats.delete(node);
        for (const seat of entry.seats) this.publisher.seatConnected(seat, this.seatPresent(seat));
      }
  }

  private heardFrom(node: string): { seats: Set<number>; heardAt: number } {
    let entry = this.remoteSeats.get(node);
    if (!entry) this.remoteSeats.set(node, (entry = { seats: new Set(), heardAt: 0 }));
    entry.heardAt = this.deps.timers.now();
    return entry;
  }

  private seatPresent(seat: number): boolean {
    if (this.localSeats.has(seat)) return true;
    for (const entry of this.remoteSeats.values()) if (entry.seats.has(seat)) return true;
    return false;
  }

  /** records the owner committed, in order; a gap (a message missed) is filled from the store */
  follow(records: readonly CommandRecord[]): void {
    if (this.owner) return;
    for (const record of records) {
      const result = this.commands.follow(record);
      if (result === 'gap' || result === 'diverged') {
        if (result === 'diverged')
          this.deps.log?.(`show ${this.showId}: record ${record.version} did not replay; reloading`);
        void this.catchUp();
        return;
      }
    }
  }

  /** an audience answer the owner stored */
  audienceStoredElsewhere(answer: AudienceAnswerRecord): void {
    if (this.owner) return;
    this.lastSeenAt = Math.max(this.lastSeenAt, answer.at);
    this.audience.storedElsewhere({ ...answer, value: answer.value as AnswerValue });
  }

  /** replay from the store whatever this node has not seen yet; a failure is logged (the next record retries) */
  catchUp(): Promise<void> {
    const run = this.sync
      .then(() => this.readTail())
      .catch((err) => this.deps.log?.(`show ${this.showId}: could not catch up from the store`, err));
    this.sync = run;
    return run;
  }

  /** this node's link to the owner dropped and came back: the records and audience answers it missed, from the store */
  resync(): Promise<void> {
    if (this.owner) return Promise.resolve();
    const run = this.sync
      .then(async () => {
        await this.readTail();
        await this.reloadAudience();
      })
      .catch((err) => this.deps.log?.(`show ${this.showId}: could not resync from the store`, err));
    this.sync = run;
    return run;
  }

  /**
   * This node took the show's lease: everything the old owner committed is replayed from the log, the
   * audience answers reloaded, and a show caught answering is paused with the time it had left — the way
   * a restarted single node resumes. From then on this node applies the show's commands and runs its timer.
   */
  promote(options: { ownLapse?: boolean } = {}): Promise<void> {
    const run = this.sync.then(async () => {
      const before = this.commands.committed.version;
      await this.readTail();
      // this node's own lease lapsed (a stall) and nobody else wrote since: no takeover happened
      const uninterrupted = options.ownLapse === true && this.commands.committed.version === before;
      await this.reloadAudience();
      this.owner = true;
      const state = this.commands.applied;
      const round = currentRound(state);
      if (!uninterrupted && state.stage === 'running' && !state.paused && round?.phase === 'answering')
        await this.route.submit(
          { type: 'system:recover', lastSeenAt: this.lastSeenAt || this.deps.timers.now() },
          SYSTEM,
        );
      this.deadline.arm(this.commands.applied);
    });
    this.sync = run.catch(() => undefined);
    return run;
  }

  /** another node holds the lease now: stop deciding, drop what was applied but never committed, follow */
  demote(): Promise<void> {
    if (!this.owner) return Promise.resolve();
    this.owner = false;
    this.deadline.disarm();
    this.commands.reset(this.commands.committed);
    return this.catchUp();
  }

  /** every stored audience answer, and the latest time among them */
  private async reloadAudience(): Promise<void> {
    const answers = await this.deps.store.loadAudienceAnswers(this.showId);
    this.audience.restore(answers.map((a) => ({ ...a, value: a.value as AnswerValue })));
    for (const a of answers) this.lastSeenAt = Math.max(this.lastSeenAt, a.at);
  }

  private async readTail(): Promise<void> {
    const tail = await this.deps.store.loadCommands(this.showId, this.commands.committed.version);
    for (const record of tail) {
      const result = this.commands.follow(record);
      if (result === 'diverged' || result === 'gap')
        throw new Error(`show ${this.showId}: the log does not replay at version ${record.version}`);
    }
  }

  /** resolves once this node's state reached `version` (or after a while: the ack is true either way) */
  private reached(version: number): Promise<void> {
    if (this.commands.committed.version >= version) return Promise.resolve();
    return new Promise((resolve) => {
      const waiter = { version, resolve };
      this.versionWaiters.push(waiter);
      this.deps.timers.after(REPLAY_WAIT_MS, () => {
        this.versionWaiters = this.versionWaiters.filter((w) => w !== waiter);
        void this.catchUp();
        resolve();
      });
    });
  }

  private releaseWaiters(version: number): void {
    if (this.versionWaiters.length === 0) return;
    const ready = this.versionWaiters.filter((w) => w.version <= version);
    this.versionWaiters = this.versionWaiters.filter((w) => w.version > version);
    for (const w of ready) w.resolve();
  }

  snapshotFor(session: SessionInfo, serverNow: number): ViewSnapshot {
    return this.publisher.snapshotFor(session, serverNow);
  }

  close(): void {
    for (const w of this.versionWaiters) w.resolve();
    this.versionWaiters = [];
    this.commands.close();
    this.deadline.close();
    this.publisher.close();
    this.audience.close();
  }
}
