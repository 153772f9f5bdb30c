/**
 * Fan-out of one show's committed state: one message per room per event-loop turn (everything committed
 * in a turn is coalesced), each seat's own `seat:self` only when it changed, and answer counts on a short
 * tick to screens and staff — never per answer, never to the phones. It decides nothing: the views and
 * outcomes come from the engine.
 */
import type {
  AudienceBoardRow,
  AudienceSelf,
  PublicView,
  SessionInfo,
  ShowEvent,
  Snapshot as ViewSnapshot,
} from '@cv/shared/protocol';
import { crowdView, hostView, phoneView, publicView, seatSelf, tallyOf } from '../engine/index.ts';
import type { ShowState } from '../engine/types.ts';
import type { CommittedChange } from './command-log.ts';
import type { Cancel, Timers } from './timers.ts';
import type { ShowTransport } from './transport.ts';
import { viewDelta } from './view-delta.ts';

type LightRoom = 'crowd' | 'phones';
const lightRoomOf = (session: SessionInfo): LightRoom => (session.role === 'audience' ? 'phones' : 'crowd');

/** what the publisher needs of the audience channel */
export interface AudienceFanout {
  /** the top 10, ranked once per change of the scores */
  board(): AudienceBoardRow[];
  selfOf(audienceId: string): AudienceSelf;
  countFor(round: number): number;
  /** scores may have moved (a reveal, a revision, a withdrawn question) */
  invalidate(): void;
  /** every connected phone's own message, in slices */
  sendSelves(): void;
}

export interface PublisherDeps {
  showId: string;
  state: () => ShowState;
  audience: AudienceFanout;
  transport: () => ShowTransport;
  timers: Timers;
  tallyEveryMs?: number;
}

/** events after which the audience's scores may have changed */
const SCORE_EVENTS = new Set<ShowEvent['type']>(['revealed', 'verdict-revised', 'question-swapped']);

export class ViewPublisher {
  private readonly presence = new Set<number>();
  /** last seat:self sent per seat: unchanged ones are not sent again */
  private readonly sentSelf = new Map<number, string>();
  private pendingEvents: ShowEvent[] = [];
  private publishScheduled = false;
  private boardDirty = false;
  private tallyDirty = false;
  /** a contestant answered since the MC's last view (audience answers and publishes do not need one) */
  private seatAnswersDirty = false;
  private closed = false;
  private readonly stopTally: Cancel;
  /** tablets' and phones' views as last sent (or first shown): deltas go from them, new devices start from them */
  private readonly lastSent = new Map<LightRoom, PublicView>();

  constructor(private readonly deps: PublisherDeps) {
    this.stopTally = deps.timers.every(deps.tallyEveryMs ?? 200, () => this.flushTally());
  }

  /** what a committed change means for the devices */
  committed({ command, events }: Omit<CommittedChange, 'record'>): void {
    if (this.closed) return;
    if (command.type === 'answer:submit') {
      // one answer never triggers a room broadcast: the seat hears back, everyone else gets the tally tick
      this.tallyDirty = true;
      this.seatAnswersDirty = true;
      this.sendSelf(command.seat);
      return;
    }
    this.pendingEvents.push(...events);
    if (events.some((e) => SCORE_EVENTS.has(e.type))) {
      this.boardDirty = true;
      this.deps.audience.invalidate();
    }
    this.schedulePublish();
  }

  audienceAnswered(): void {
    this.tallyDirty = true;
  }

  seatConnected(seat: number, connected: boolean): void {
    const had = this.presence.has(seat);
    this.sentSelf.delete(seat); // a (re)connected device starts from its snapshot
    if (connected) this.presence.add(seat);
    else this.presence.delete(seat);
    if (had !== connected) this.schedulePublish();
  }

  snapshotFor(session: SessionInfo, serverNow: number): ViewSnapshot {
    const state = this.deps.state();
    const staff = session.role === 'host' || session.role === 'judge';
    const view = publicView(state, this.presence);
    const light = staff || session.role === 'screen' ? null : this.lightBase(lightRoomOf(session));
    return {
      view: staff ? hostView(state, this.presence) : (light ?? view),
      self: session.seat !== undefined ? seatSelf(state, session.seat) : null,
      audience: session.audienceId ? this.deps.audience.selfOf(session.audienceId) : null,
      session,
      serverNow,
      ...(session.role === 'audience' || session.role === 'screen'
        ? { audienceBoard: this.deps.audience.board() }
        : {}),
    };
  }

  close(): void {
    this.closed = true;
    this.stopTally();
  }

  private schedulePublish(): void {
    if (this.publishScheduled) return;
    this.publishScheduled = true;
    this.deps.timers.defer(() => {
      this.publishScheduled = false;
      if (!this.closed) this.publish();
    });
  }

  private publish(): void {
    const t = this.deps.transport();
    const { showId } = this.deps;
    const state = this.deps.state();
    const events = this.pendingEvents;
    this.pendingEvents = [];
    const view = publicView(state, this.presence);
    // the audience's top 10 rides on the reveal's own message instead of a broadcast of its own
    const board = this.boardDirty ? { audienceBoard: this.deps.audience.board() } : {};
    t.toRoom(showId, 'screens', 'show:state', { ...view, events, ...board });
    const crowd = crowdView(view);
    this.publishLight('crowd', crowd, events, board);
    this.publishLight('phones', phoneView(crowd), events, board);
    t.toRoom(showId, 'staff', 'show:state', { ...hostView(state, this.presence), events });
    for (const seat of this.presence) this.sendSelf(seat);
    this.seatAnswersDirty = false; // the staff view just sent carries every answer
    if (this.boardDirty) {
      this.boardDirty = false;
      this.deps.audience.sendSelves();
    }
    this.tallyDirty = true;
  }

  /** a light room's starting point: the view as last sent, or as it is now before anything was sent */
  private lightBase(room: LightRoom): PublicView {
    let view = this.lastSent.get(room);
    if (!view) {
      const crowd = crowdView(publicView(this.deps.state(), this.presence));
      this.lastSent.set(room, (view = room === 'phones' ? phoneView(crowd) : crowd));
    }
    return view;
  }

  /** tablets and phones get what changed since their room's last message, not the whole view again */
  private publishLight(
    room: LightRoom,
    view: PublicView,
    events: ShowEvent[],
    board: { audienceBoard?: AudienceBoardRow[] },
  ): void {
    const base = this.lightBase(room);
    const changes = viewDelta(base, view);
    if (!changes && events.length === 0 && !board.audienceBoard) return;
    this.lastSent.set(room, view);
    this.deps.transport().toRoom(this.deps.showId, room, 'show:delta', {
      base: base.version,
      version: view.version,
      events,
      ...changes,
      ...board,
    });
  }

  private sendSelf(seat: number): void {
    const self = seatSelf(this.deps.state(), seat);
    const json = JSON.stringify(self);
    if (this.sentSelf.get(seat) === json) return;
    this.sentSelf.set(seat, json);
    this.deps.transport().toSeat(this.deps.showId, seat, 'seat:self', self);
  }

  private flushTally(): void {
    if (!this.tallyDirty || this.closed) return;
    this.tallyDirty = false;
    const state = this.deps.state();
    const tally = tallyOf(state);
    if (!tally) return;
    const audienceAnswered = this.deps.audience.countFor(tally.round);
    const t = this.deps.transport();
    const { showId } = this.deps;
    // counts are for the projection and the MC; thousands of phones do not need them five times a second
    t.toRoom(showId, 'screens', 'show:tally', {
      round: tally.round,
      answered: tally.answered,
      eligible: tally.eligible,
      answeredSeats: tally.answeredSeats,
      audienceAnswered,
    });
    t.toRoom(showId, 'staff', 'show:tally', { ...tally, audienceAnswered });
    // the MC and judges follow every seat's answer live: a handful of sockets, a few times a second
    if (this.seatAnswersDirty) {
      this.seatAnswersDirty = false;
      t.toRoom(showId, 'staff', 'show:state', { ...hostView(state, this.presence), events: [] });
    }
  }
}
