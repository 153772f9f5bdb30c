/**
 * One live show: applies commands one at a time to the pure engine, persists each before it is
 * acknowledged or published, owns the deadline timer, and fans views out per role.
 *
 * Commands are applied synchronously in arrival order (the serial queue), their log records are
 * pipelined into the store's group commit, and acks/broadcasts wait for that commit. So a burst of
 * 2,000 answers costs a handful of fsyncs, and nothing is ever announced that a crash could undo.
 */
import type {
  Ack,
  AnswerValue,
  AudienceBoardRow,
  AudienceSelf,
  PublicView,
  SessionInfo,
  ShowEvent,
  Snapshot as ViewSnapshot,
} from '@cv/shared/protocol';
import { fail, ok } from '@cv/shared/protocol';
import {
  applyCommand,
  audienceScores,
  createShowState,
  currentRound,
  hostView,
  isCorrect,
  publicView,
  questionById,
  rankAudience,
  seatSelf,
  tallyOf,
  validAnswerFor,
} from '../engine/index.ts';
import type { Actor, EngineCommand, ShowSetup, ShowState } from '../engine/types.ts';
import type { CommandRecord, Store } from '../storage/port.ts';
import { AudienceBook } from './audience-book.ts';
import { seededRng } from './rng.ts';
import type { ShowTransport } from './transport.ts';

export interface RunnerDeps {
  store: Store;
  transport: () => ShowTransport;
  clock: () => number;
  /** snapshot the state every N accepted commands so recovery replays only a tail */
  snapshotEvery?: number;
  tallyEveryMs?: number;
  log?: (msg: string, err?: unknown) => void;
}

const AUDIENCE_BOARD_SIZE = 10;
const AUDIENCE_SELF_SLICE = 250;

interface AudienceRanking {
  byId: Map<string, { rank: number; score: number }>;
  board: AudienceBoardRow[];
}

export class ShowRunner {
  /** latest applied state: the authority new commands are checked against */
  private applied: ShowState;
  /** latest committed state: the only one ever shown to anyone */
  private committed: ShowState;
  private readonly presence = new Set<number>();
  readonly audience = new AudienceBook();
  private deadlineTimer: ReturnType<typeof setTimeout> | null = null;
  private armedFor: string | null = null;
  private tallyTimer: ReturnType<typeof setInterval> | null = null;
  private tallyDirty = false;
  /** a contestant answered since the MC's last view (audience answers and publishes do not need one) */
  private seatAnswersDirty = false;
  private publishScheduled = false;
  private pendingEvents: ShowEvent[] = [];
  private audienceBoardDirty = false;
  private audienceSelfGeneration = 0;
  private ranking: AudienceRanking | null = null;
  /** last seat:self sent per seat: unchanged ones are not sent again */
  private readonly sentSelf = new Map<number, string>();
  private lastSnapshotVersion: number;
  private failure: unknown = null;
  private closed = false;

  private constructor(
    readonly showId: string,
    state: ShowState,
    private readonly deps: RunnerDeps,
  ) {
    this.applied = state;
    this.committed = state;
    this.lastSnapshotVersion = state.version;
    this.tallyTimer = setInterval(() => this.flushTally(), deps.tallyEveryMs ?? 200);
    this.tallyTimer.unref?.();
  }

  static fresh(setup: ShowSetup, deps: RunnerDeps): ShowRunner {
    return new ShowRunner(setup.showId, createShowState(setup), deps);
  }

  /** Rebuild from snapshot + log tail, exactly as it was; a show caught answering comes back paused. */
  static async recover(setup: ShowSetup, deps: RunnerDeps): Promise<ShowRunner> {
    const { store } = deps;
    const snapshot = await store.loadSnapshot(setup.showId);
    let state = snapshot ? (snapshot.state as ShowState) : createShowState(setup);
    const tail = await store.loadCommands(setup.showId, state.version);
    let lastSeenAt = 0;
    for (const record of tail) {
      const actor: Actor = { role: record.role as Actor['role'], id: record.actorId };
      const outcome = applyCommand(state, record.payload as EngineCommand, actor, {
        now: record.at,
        rng: seededRng(setup.showId, state.version + 1),
      });
      if (!outcome.ok || outcome.state.version !== record.version) {
        throw new Error(
          `replay of show ${setup.showId} diverged at version ${record.version}: ${outcome.ok ? 'version mismatch' : outcome.error.code}`,
        );
      }
      state = outcome.state;
      lastSeenAt = record.at;
    }
    const runner = new ShowRunner(setup.showId, state, deps);
    for (const a of await store.loadAudienceAnswers(setup.showId)) {
      runner.audience.record({ ...a, value: a.value as AnswerValue });
      lastSeenAt = Math.max(lastSeenAt, a.at);
    }
    const round = currentRound(state);
    if (state.stage === 'running' && !state.paused && round?.phase === 'answering') {
      await runner.submit({ type: 'system:recover', lastSeenAt: lastSeenAt || deps.clock() }, SYSTEM);
    }
    runner.armDeadline();
    return runner;
  }

  get state(): ShowState {
    return this.committed;
  }

  get version(): number {
    return this.committed.version;
  }

  /** Apply, persist, then acknowledge. Rejections are audited but change nothing. */
  async submit(command: EngineCommand, actor: Actor): Promise<Ack<{ version: number }>> {
    if (this.closed) return fail('INTERNAL', 'show is shutting down');
    if (this.failure) return fail('STORAGE_FAILED', 'storage failed; the show must be restarted');
    const now = this.deps.clock();
    const outcome = applyCommand(this.applied, command, actor, {
      now,
      rng: seededRng(this.showId, this.applied.version + 1),
    });
    const record: CommandRecord = {
      showId: this.showId,
      version: outcome.ok ? outcome.state.version : null,
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
    this.applied = next;
    this.armDeadline();
    try {
      await this.deps.store.append([record]);
    } catch (err) {
      this.failure = err;
      this.deps.log?.(`show ${this.showId}: commit failed, refusing further commands`, err);
      return fail('STORAGE_FAILED', 'could not store the command');
    }
    // commits resolve in order, so `next` is now the newest durable state
    this.committed = next;
    this.afterCommit(command, outcome.events);
    return ok({ version: next.version });
  }

  async submitAudienceAnswer(
    audienceId: string,
    round: number,
    value: AnswerValue,
  ): Promise<Ack<{ round: number; acceptedAt: number }>> {
    if (this.failure) return fail('STORAGE_FAILED', 'storage failed');
    const now = this.deps.clock();
    const state = this.applied;
    const current = currentRound(state);
    if (!current || current.index !== round) return fail('ROUND_MISMATCH', 'not the current question');
    if (state.paused) return fail('PAUSED', 'the show is paused');
    if (current.phase === 'shown') return fail('WRONG_PHASE', 'answering has not started');
    if (
      current.phase !== 'answering' ||
      (current.deadline !== null && now > current.deadline + state.rules.lateGraceMs)
    )
      return fail('ANSWER_LATE', 'time is up');
    const question = questionById(state, current.questionId);
    if (!question || !validAnswerFor(question, value))
      return fail('ANSWER_INVALID', 'answer does not fit the question');
    const name = this.audience.nameOf(audienceId) ?? '';
    try {
      await this.deps.store.appendAudienceAnswers([
        { showId: this.showId, audienceId, name, round, value, at: now },
      ]);
    } catch {
      return fail('STORAGE_FAILED', 'could not store the answer');
    }
    this.audience.record({ audienceId, name, round, value, at: now });
    this.tallyDirty = true;
    return ok({ round, acceptedAt: now });
  }

  // ---- presence & views ----------------------------------------------------------------------

  seatConnected(seat: number, connected: boolean): void {
    const had = this.presence.has(seat);
    this.sentSelf.delete(seat); // a (re)connected device starts from its snapshot
    if (connected) this.presence.add(seat);
    else this.presence.delete(seat);
    if (had !== connected) this.schedulePublish();
  }

  snapshotFor(session: SessionInfo, serverNow: number): ViewSnapshot {
    const staff = session.role === 'host' || session.role === 'judge';
    const view = publicView(this.committed, this.presence);
    return {
      view: staff
        ? hostView(this.committed, this.presence)
        : session.role === 'screen'
          ? view
          : crowdView(view),
      self: session.seat !== undefined ? seatSelf(this.committed, session.seat) : null,
      audience: session.audienceId ? this.audienceSelf(session.audienceId) : null,
      session,
      serverNow,
      ...(session.role === 'audience' || session.role === 'screen'
        ? { audienceBoard: this.audienceRanking().board }
        : {}),
    };
  }

  // ---- internals -------------------------------------------------------------------------------

  private afterCommit(command: EngineCommand, events: ShowEvent[]): void {
    if (command.type === 'answer:submit') {
      // one answer never triggers a room broadcast: the seat hears back, everyone else gets the tally tick
      this.tallyDirty = true;
      this.seatAnswersDirty = true;
      this.sendSelf(command.seat);
    } else {
      this.pendingEvents.push(...events);
      if (
        events.some(
          (e) => e.type === 'revealed' || e.type === 'verdict-revised' || e.type === 'question-swapped',
        )
      ) {
        this.audienceBoardDirty = true;
        this.ranking = null;
      }
      this.schedulePublish();
    }
    this.maybeSnapshot();
  }

  private schedulePublish(): void {
    if (this.publishScheduled) return;
    this.publishScheduled = true;
    // coalesce everything committed in this turn into one message per role
    setImmediate(() => {
      this.publishScheduled = false;
      if (!this.closed) this.publish();
    });
  }

  private publish(): void {
    const t = this.deps.transport();
    const state = this.committed;
    const events = this.pendingEvents;
    this.pendingEvents = [];
    const view = publicView(state, this.presence);
    // the audience's top 10 rides on the reveal's own message instead of a broadcast of its own
    const board = this.audienceBoardDirty ? { audienceBoard: this.audienceRanking().board } : {};
    t.toRoom(this.showId, 'screens', 'show:state', { ...view, events, ...board });
    t.toRoom(this.showId, 'crowd', 'show:state', { ...crowdView(view), events, ...board });
    t.toRoom(this.showId, 'staff', 'show:state', { ...hostView(state, this.presence), events });
    for (const seat of this.presence) this.sendSelf(seat);
    this.seatAnswersDirty = false; // the staff view just sent carries every answer
    if (this.audienceBoardDirty) {
      this.audienceBoardDirty = false;
      this.sendAudienceSelves();
    }
    this.tallyDirty = true;
  }

  private sendSelf(seat: number): void {
    const self = seatSelf(this.committed, seat);
    const json = JSON.stringify(self);
    if (this.sentSelf.get(seat) === json) return;
    this.sentSelf.set(seat, json);
    this.deps.transport().toSeat(this.showId, seat, 'seat:self', self);
  }

  private flushTally(): void {
    if (!this.tallyDirty || this.closed) return;
    this.tallyDirty = false;
    const tally = tallyOf(this.committed);
    if (!tally) return;
    const audienceAnswered = this.audience.countFor(tally.round);
    const t = this.deps.transport();
    // counts are for the projection and the MC; thousands of phones do not need them five times a second
    t.toRoom(this.showId, 'screens', 'show:tally', {
      round: tally.round,
      answered: tally.answered,
      eligible: tally.eligible,
      answeredSeats: tally.answeredSeats,
      audienceAnswered,
    });
    t.toRoom(this.showId, 'staff', 'show:tally', { ...tally, audienceAnswered });
    // the MC and judges follow every seat's answer live: a handful of sockets, a few times a second
    if (this.seatAnswersDirty) {
      this.seatAnswersDirty = false;
      t.toRoom(this.showId, 'staff', 'show:state', { ...hostView(this.committed, this.presence), events: [] });
    }
  }

  private audienceSelf(audienceId: string): AudienceSelf {
    const round = currentRound(this.committed);
    const answer = round ? this.audience.answerOf(audienceId, round.index) : undefined;
    const question = round ? questionById(this.committed, round.questionId) : undefined;
    const scoreRow = this.audienceRanking().byId.get(audienceId);
    return {
      id: audienceId,
      name: this.audience.nameOf(audienceId) ?? '',
      score: scoreRow?.score ?? 0,
      rank: scoreRow?.rank ?? null,
      round: round?.index ?? null,
      answer: answer?.value ?? null,
      correct:
        round?.phase === 'revealed' && !round.voided && answer && question
          ? isCorrect(question, answer.value, this.committed.rules.textMatch)
          : null,
    };
  }

  /** scores only move when a round is revealed, revised or voided: ranked once then, not per phone */
  private audienceRanking(): AudienceRanking {
    if (!this.ranking) {
      const ranked = rankAudience(audienceScores(this.committed, this.audience.all()));
      this.ranking = {
        byId: new Map(ranked.map((r) => [r.audienceId, { rank: r.rank, score: r.score }])),
        board: ranked.slice(0, AUDIENCE_BOARD_SIZE).map((r) => ({ rank: r.rank, name: r.name, score: r.score })),
      };
    }
    return this.ranking;
  }

  private sendAudienceSelves(): void {
    const t = this.deps.transport();
    const ids = [...t.connectedAudience(this.showId)];
    const generation = ++this.audienceSelfGeneration;
    // thousands of personal messages go out in slices, so the MC's next command is not stuck behind them
    const sendSlice = (from: number) => {
      if (generation !== this.audienceSelfGeneration || this.closed) return; // a newer board supersedes this one
      for (const id of ids.slice(from, from + AUDIENCE_SELF_SLICE))
        t.toAudienceMember(this.showId, id, 'audience:self', this.audienceSelf(id));
      if (from + AUDIENCE_SELF_SLICE < ids.length) setImmediate(() => sendSlice(from + AUDIENCE_SELF_SLICE));
    };
    sendSlice(0);
  }

  /** the server locks by itself at deadline + grace; re-armed after every change */
  private armDeadline(): void {
    const state = this.applied;
    const round = currentRound(state);
    const due =
      state.stage === 'running' && !state.paused && round?.phase === 'answering' && round.deadline !== null
        ? {
            key: `${round.index}@${round.deadline}`,
            at: round.deadline + state.rules.lateGraceMs,
            round: round.index,
          }
        : null;
    if (due?.key === this.armedFor) return;
    if (this.deadlineTimer) clearTimeout(this.deadlineTimer);
    this.deadlineTimer = null;
    this.armedFor = due?.key ?? null;
    if (!due || this.closed) return;
    const delay = Math.max(0, due.at - this.deps.clock());
    this.deadlineTimer = setTimeout(() => {
      this.deadlineTimer = null;
      this.armedFor = null;
      void this.submit({ type: 'system:lock', round: due.round }, SYSTEM);
    }, delay);
  }

  private maybeSnapshot(): void {
    const every = this.deps.snapshotEvery ?? 500;
    const state = this.committed;
    if (state.version - this.lastSnapshotVersion < every) return;
    this.lastSnapshotVersion = state.version;
    this.deps.store
      .saveSnapshot(this.showId, { version: state.version, state })
      .catch((err) => this.deps.log?.('snapshot failed', err));
  }

  close(): void {
    this.closed = true;
    if (this.deadlineTimer) clearTimeout(this.deadlineTimer);
    if (this.tallyTimer) clearInterval(this.tallyTimer);
  }
}

export const SYSTEM: Actor = { role: 'system', id: 'system' };

/** tablets and phones need no seat grid: a seat hears its own status in seat:self */
function crowdView(view: PublicView): PublicView {
  return { ...view, seats: view.seats.filter((s) => s.bell) };
}
