/**
 * This node among many (Redis): which shows it runs, and the link every runner uses to reach the others.
 *
 * - Leases (leases.ts): a worker thread renews the leases the node holds (lease-keeper.ts), so a busy
 *   event loop does not lose them; every tick the main loop tries to take each show that has none.
 *   Taking one promotes the show's runner (catch up from the log, then decide); losing one (a renewal
 *   refused, or the store refusing a write) demotes it to a follower.
 * - Forwarding: a command or audience answer that arrives at a node that does not run the show is sent to
 *   the owner's channel and answered there; the ack comes back on this node's channel. A request whose
 *   owner goes away is answered OWNER_UNAVAILABLE at once, one that gets no answer after a while too.
 * - Following: the owner publishes each committed record and stored audience answer; every other node
 *   replays them (a gap is filled from the store), so each node fans its own devices out itself.
 * - Presence: a seat counts as connected while any node has its device; each node announces changes
 *   and calls the roll of its seats every 2 s, and the others forget a node that stops calling.
 * Messages are batched per event-loop turn: a burst of answers costs a few publishes, not one each.
 */
import {
  fail,
  type Ack,
  type AnswerValue,
  type AudienceAnswerReceipt,
  type CommandReceipt,
} from '@cv/shared/protocol';
import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { Actor, EngineCommand } from '../engine/types.ts';
import type { ShowLink } from '../runtime/show-link.ts';
import type { ShowService } from '../runtime/show-service.ts';
import type { AudienceAnswerRecord, CommandRecord } from '../storage/port.ts';
import type { RedisStore } from '../storage/redis/redis-store.ts';
import { LeaseKeeper } from './lease-keeper.ts';
import { holderOf, ShowLeases } from './leases.ts';

export interface ClusterOptions {
  /** NODE_ID: names the node in logs and health (a random suffix tells restarts apart) */
  nodeId: string;
  store: RedisStore;
  /** a lease not renewed for this long is free: the bound on how long a dead owner holds a show */
  leaseMs?: number;
  /** how often leases are renewed and free shows tried */
  tickMs?: number;
  /** how often the node tells the others which seats' devices it has (a node silent 3 times is gone) */
  presenceMs?: number;
  /** a forwarded request unanswered this long is answered OWNER_UNAVAILABLE */
  requestTimeoutMs?: number;
  /** a main loop silent this long is hung, not busy: its leases are let go (default 10 s) */
  maxStallMs?: number;
  /** renew from a worker thread (default); false renews from the main loop (tests compare the two) */
  leaseWorker?: boolean;
  log?: (message: string, err?: unknown) => void;
}

type Forwarded =
  | { kind: 'command'; command: EngineCommand; actor: Actor }
  | { kind: 'audience'; audienceId: string; name: string; round: number; value: AnswerValue };

type Request = Forwarded & { id: number; showId: string; from: string };

/** what one node tells all the others */
type Shared =
  | { kind: 'committed'; showId: string; record: CommandRecord }
  | { kind: 'answer'; showId: string; answer: AudienceAnswerRecord }
  | { kind: 'seat'; showId: string; seat: number; connected: boolean }
  /** the roll call: every seat this node has a device of (a node that stops calling died) */
  | { kind: 'seats'; showId: string; seats: number[] }
  | { kind: 'show'; showId: string };

interface NodeMessage {
  from: string;
  requests?: Request[];
  replies?: { id: number; ack: Ack<unknown> }[];
}

interface Pending {
  showId: string;
  owner: string;
  resolve: (ack: Ack<unknown>) => void;
  cancel: NodeJS.Timeout;
}

export const DEFAULT_LEASE_MS = 2_000;
export const DEFAULT_TICK_MS = 250;
export const DEFAULT_PRESENCE_MS = 2_000;
const PRESENCE_MISSED_CALLS = 3;
export const DEFAULT_MAX_STALL_MS = 10_000;

export class ClusterNode implements ShowLink {
  readonly holder: string;
  private readonly leaseMs: number;
  private readonly tickMs: number;
  private readonly requestTimeoutMs: number;
  private readonly leases: ShowLeases;
  private readonly client: Redis;
  private subscriber: Redis | null = null;
  private readonly extraClients: Redis[] = [];
  private readonly leaseClient: Redis;
  /** renews held leases off the event loop; null before start, after stop, or if the worker failed */
  private keeper: LeaseKeeper | null = null;
  /** shows whose lease this node lost by not renewing it in time (a stalled event loop), not to another node */
  private readonly lapsed = new Set<string>();
  private shows: ShowService | null = null;
  private readonly channels: { shared: string; node: (holder: string) => string };
  /** show → the lease this node holds */
  private readonly held = new Map<string, string>();
  /** show → the holder of its lease when last seen */
  private readonly owners = new Map<string, string>();
  private readonly pending = new Map<number, Pending>();
  private nextRequest = 1;
  private lastRenewed = 0;
  private timer: NodeJS.Timeout | null = null;
  private expirySoon: NodeJS.Timeout | null = null;
  private ticking = false;
  private rollCall: NodeJS.Timeout | null = null;
  private readonly presenceMs: number;
  private stopped = false;
  /** batched per turn: to every node, and to one node each */
  private outShared: Shared[] = [];
  private outNode = new Map<string, NodeMessage>();
  private flushScheduled = false;
  /** owner-to-lease-taken bookkeeping, for health and the bench */
  private promotions = 0;
  /** why leases were lost and requests refused, for health and the bench */
  private readonly leasesLost: Record<string, number> = {};
  private readonly refused: Record<string, number> = {};

  constructor(private readonly options: ClusterOptions) {
    this.holder = `${options.nodeId}/${randomUUID().slice(0, 8)}`;
    this.leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
    this.tickMs = options.tickMs ?? DEFAULT_TICK_MS;
    this.presenceMs = options.presenceMs ?? DEFAULT_PRESENCE_MS;
    // a burst on a busy owner can take seconds; an owner that went away is noticed sooner (failPending)
    this.requestTimeoutMs = options.requestTimeoutMs ?? 10_000;
    this.client = options.store.connection;
    const keys = options.store.keys;
    // leases on a connection of their own: a renewal never waits behind a burst's big MULTI/EXEC
    this.leaseClient = this.client.duplicate();
    this.leaseClient.on('error', (err) => this.options.log?.('cluster lease connection error', err));
    this.leases = new ShowLeases(this.leaseClient, keys, this.holder, this.leaseMs);
    this.channels = {
      shared: `${keys.prefix}:cluster:all`,
      node: (holder) => `${keys.prefix}:cluster:node:${holder}`,
    };
  }

  /** the key prefix every node of this deployment shares */
  get prefix(): string {
    return this.options.store.keys.prefix;
  }

  /** the store's Redis connection */
  get connection(): Redis {
    return this.client;
  }

  /** a connection of its own for Socket.IO's Redis Streams adapter (it blocks on XREAD); closed on stop */
  adapterClient(): Redis {
    const client = this.client.duplicate();
    client.on('error', (err) => this.options.log?.('socket.io adapter connection error', err));
    this.extraClients.push(client);
    return client;
  }

  get nodeId(): string {
    return this.options.nodeId;
  }

  /** shows this node runs now */
  owned(): string[] {
    return [...this.held.keys()];
  }

  stats(): { owns: number; promotions: number } {
    return { owns: this.held.size, promotions: this.promotions };
  }

  counters(): { leasesLost: Record<string, number>; ownerUnavailable: Record<string, number> } {
    return { leasesLost: { ...this.leasesLost }, ownerUnavailable: { ...this.refused } };
  }

  private unavailable(cause: string, message: string): Ack<never> {
    this.refused[cause] = (this.refused[cause] ?? 0) + 1;
    return fail('OWNER_UNAVAILABLE', message);
  }

  /** listen, take what is free, then keep leases fresh */
  async start(shows: ShowService): Promise<void> {
    this.shows = shows;
    const subscriber = this.client.duplicate();
    subscriber.on('error', (err) => this.options.log?.('cluster subscriber error', err));
    this.subscriber = subscriber;
    subscriber.on('message', (channel: string, message: string) => this.receive(channel, message));
    await subscriber.subscribe(this.channels.shared, this.channels.node(this.holder));
    // what the owners published while this connection was down (Redis restarted, a network cut) reached
    // nobody here: once subscribed again, every followed show reads it from the store
    subscriber.on('ready', () => {
      subscriber
        .ping()
        .then(() => this.resyncFollowers())
        .catch((err) => this.options.log?.('cluster subscriber: resync after reconnect failed', err));
    });
    if (this.options.leaseWorker !== false) this.startKeeper();
    await this.tick();
    this.startTicks();
  }

  private resyncFollowers(): Promise<unknown> {
    return Promise.all([...(this.shows?.allRunners() ?? [])].map((runner) => runner.resync()));
  }

  private startKeeper(): void {
    const keeper = new LeaseKeeper({
      connection: this.client,
      ttlMs: this.leaseMs,
      tickMs: this.tickMs,
      maxStallMs: this.options.maxStallMs ?? DEFAULT_MAX_STALL_MS,
      leaseKey: (showId) => this.options.store.keys.lease(showId),
      onLost: (showId, lease, reason) => {
        if (this.held.get(showId) === lease) this.lost(showId, reason);
      },
      onFailed: (err) => {
        // renewals go back to the main loop rather than stopping
        this.options.log?.('cluster lease worker failed; renewing from the main loop', err);
        if (this.keeper === keeper) this.keeper = null;
      },
    });
    this.keeper = keeper;
  }

  private startTicks(): void {
    this.timer = setInterval(() => {
      this.keeper?.heartbeat();
      void this.tick();
    }, this.tickMs);
    this.timer.unref();
    this.rollCall = setInterval(() => this.callTheRoll(), this.presenceMs);
    this.rollCall.unref();
  }

  /** which seats' devices this node has, to every node; and who stopped saying so */
  private callTheRoll(): void {
    for (const runner of this.shows?.allRunners() ?? []) {
      this.share({ kind: 'seats', showId: runner.showId, seats: runner.seatsHere() });
      runner.forgetSilentNodes(this.presenceMs * PRESENCE_MISSED_CALLS);
    }
  }

  /** graceful: hand every show back at once so another node need not wait for the leases to expire */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    if (this.rollCall) clearInterval(this.rollCall);
    if (this.expirySoon) clearTimeout(this.expirySoon);
    for (const p of this.pending.values()) {
      clearTimeout(p.cancel);
      p.resolve(this.unavailable('stopping', 'this node is shutting down'));
    }
    this.pending.clear();
    this.flush();
    await this.keeper?.stop();
    this.keeper = null;
    await Promise.all(
      [...this.held].map(([showId, lease]) => this.leases.release(showId, lease).catch(() => undefined)),
    );
    this.held.clear();
    await this.subscriber?.quit().catch(() => this.subscriber?.disconnect());
    this.leaseClient.disconnect();
  }

  /** after the sockets are gone: the adapter's connection */
  closeClients(): void {
    for (const client of this.extraClients) client.disconnect();
  }

  /**
   * Test seam for a paused or partitioned node (what SIGSTOP does to a process): it stops renewing and
   * taking leases, but its runners still believe what they believed; only the store's fence stops them.
   */
  freezeLeases(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    if (this.expirySoon) clearTimeout(this.expirySoon);
    this.expirySoon = null;
    this.keeper?.freeze();
  }

  /** Test seam for a cut between this node and Redis's pub/sub (a Redis restart): what is published meanwhile is lost here */
  cutSubscriber(): void {
    this.subscriber?.disconnect(false);
  }

  /** the cut heals: subscribed again, as ioredis does after a reconnect */
  healSubscriber(): Promise<void> {
    return this.subscriber?.connect() ?? Promise.resolve();
  }

  /** the seam's other half: the node's ticks resume (SIGCONT) */
  thawLeases(): void {
    if (this.timer || this.stopped) return;
    this.keeper?.heartbeat();
    this.keeper?.thaw();
    this.startTicks();
  }

  // ---- ShowLink ----

  forward(showId: string, command: EngineCommand, actor: Actor): Promise<Ack<CommandReceipt>> {
    return this.request(showId, { kind: 'command', command, actor }) as Promise<Ack<CommandReceipt>>;
  }

  forwardAudience(
    showId: string,
    audienceId: string,
    name: string,
    round: number,
    value: AnswerValue,
  ): Promise<Ack<AudienceAnswerReceipt>> {
    return this.request(showId, { kind: 'audience', audienceId, name, round, value }) as Promise<
      Ack<AudienceAnswerReceipt>
    >;
  }

  committed(showId: string, record: CommandRecord): void {
    this.share({ kind: 'committed', showId, record });
  }

  audienceStored(showId: string, answer: AudienceAnswerRecord): void {
    this.share({ kind: 'answer', showId, answer });
  }

  seatPresence(showId: string, seat: number, connected: boolean): void {
    this.share({ kind: 'seat', showId, seat, connected });
  }

  showChanged(showId: string): void {
    this.share({ kind: 'show', showId });
    // the node that creates a show runs it, unless another node was quicker
    if (!this.held.has(showId)) void this.tick();
  }

  fenced(showId: string): void {
    if (!this.unhold(showId)) return;
    this.countLoss('fenced');
    this.options.log?.(`show ${showId}: the store refused a write; another node runs it now`);
    void this.shows?.runner(showId)?.demote();
  }

  storageFailed(showId: string): void {
    const lease = this.held.get(showId);
    if (lease === undefined) return;
    this.unhold(showId);
    this.countLoss('storageFailed');
    this.options.log?.(`show ${showId}: a commit failed; giving the show back to be rebuilt from the log`);
    // if Redis is unreachable the release fails too, and the lease simply expires
    void this.leases.release(showId, lease).catch(() => undefined);
    void this.shows?.runner(showId)?.demote();
  }

  // ---- leases ----

  private async tick(): Promise<void> {
    if (this.ticking || this.stopped || !this.shows) return;
    this.ticking = true;
    try {
      if (!this.keeper) await this.renewHeld();
      await this.acquireFree();
    } catch (err) {
      this.options.log?.('cluster lease tick failed', err);
    } finally {
      this.ticking = false;
    }
  }

  private async renewHeld(): Promise<void> {
    const held = [...this.held].map(([showId, lease]) => ({ showId, lease }));
    if (held.length === 0) return;
    const now = Date.now();
    let results: (boolean | null)[];
    try {
      results = await this.leases.renew(held);
    } catch (err) {
      results = held.map(() => null);
      this.options.log?.('cluster lease renewal failed', err);
    }
    const allOk = results.every((r) => r === true);
    if (allOk) this.lastRenewed = now;
    held.forEach(({ showId }, i) => {
      // unknown for longer than a lease lasts: another node may hold it by now; the store fences us anyway
      const lost = results[i] === false || (results[i] === null && now - this.lastRenewed > this.leaseMs);
      if (lost) this.lost(showId, results[i] === false ? 'taken' : 'unconfirmed');
    });
  }

  /** a lease not kept (refused, unconfirmed for a whole lease, or let go by a hung loop): follow */
  private lost(showId: string, reason: string): void {
    this.countLoss(reason);
    this.lapsed.add(showId);
    this.unhold(showId);
    this.owners.delete(showId);
    this.options.log?.(`show ${showId}: lease lost (${reason}); following the new owner`);
    void this.shows?.runner(showId)?.demote();
  }

  private countLoss(reason: string): void {
    this.leasesLost[reason] = (this.leasesLost[reason] ?? 0) + 1;
  }

  /** stop holding a show's lease here and in the worker; false if it was not held */
  private unhold(showId: string): boolean {
    const lease = this.held.get(showId);
    if (lease === undefined) return false;
    this.held.delete(showId);
    this.keeper?.drop(showId, lease);
    return true;
  }

  private async acquireFree(): Promise<void> {
    const shows = this.shows!;
    const free = shows
      .list()
      .map((r) => r.showId)
      .filter((id) => !this.held.has(id) && shows.runner(id));
    if (free.length === 0) return;
    const asked = Date.now();
    const leases = await this.leases.acquire(free);
    const taken: string[] = [];
    let soonest = Number.POSITIVE_INFINITY;
    free.forEach((showId, i) => {
      const { lease, leftMs } = leases[i];
      if (lease === null) return;
      if (!this.leases.isMine(lease) && leftMs >= 0) soonest = Math.min(soonest, leftMs);
      const owner = holderOf(lease);
      const before = this.owners.get(showId);
      this.owners.set(showId, owner);
      if (before !== undefined && before !== owner) this.failPending(showId, before);
      if (!this.leases.isMine(lease)) this.lapsed.delete(showId); // someone else runs it now
      if (!this.leases.isMine(lease) || this.held.has(showId)) return;
      this.held.set(showId, lease);
      this.keeper?.hold(showId, lease, asked);
      this.options.store.fence(showId, lease);
      taken.push(showId);
    });
    this.lastRenewed = Date.now();
    // another node's lease runs out before our next tick: try again the moment it does (a dead owner's
    // show is taken up to a tick sooner)
    if (soonest < this.tickMs && !this.expirySoon) {
      this.expirySoon = setTimeout(() => {
        this.expirySoon = null;
        void this.tick();
      }, soonest + 5);
      this.expirySoon.unref();
    }
    for (const showId of taken) {
      this.promotions++;
      // our own lease lapsed and came straight back to us: if nobody wrote meanwhile the show just goes on
      const quietly = this.lapsed.delete(showId);
      try {
        await shows.runner(showId)!.promote({ ownLapse: quietly });
      } catch (err) {
        // a show this node cannot rebuild is given back for another node to try
        this.options.log?.(`show ${showId}: could not take over; lease released`, err);
        const lease = this.held.get(showId);
        this.unhold(showId);
        if (lease) await this.leases.release(showId, lease).catch(() => undefined);
      }
    }
  }

  // ---- forwarding ----

  private async request(showId: string, body: Forwarded): Promise<Ack<unknown>> {
    const giveUpAt = Date.now() + this.requestTimeoutMs;
    let owner = this.owners.get(showId);
    // between an owner's death and the takeover there is none: wait for the next one
    while ((owner === undefined || owner === this.holder) && Date.now() < giveUpAt && !this.stopped) {
      const runner = this.shows?.runner(showId);
      if (owner === this.holder && runner?.isOwner) return this.handle({ ...body, id: 0, showId, from: '' });
      await new Promise((r) => setTimeout(r, this.tickMs / 2));
      owner = this.owners.get(showId);
    }
    if (owner === undefined || owner === this.holder || this.stopped)
      return this.unavailable(
        this.stopped ? 'stopping' : 'noOwner',
        'no node runs the show right now; retry',
      );
    const id = this.nextRequest++;
    const target = owner;
    return new Promise((resolve) => {
      const cancel = setTimeout(
        // after a stalled loop timers run before the socket is read: let a reply already received count
        () =>
          setImmediate(() => {
            if (!this.pending.delete(id)) return;
            resolve(this.unavailable('timeout', 'the node running the show did not answer; retry'));
          }),
        Math.max(0, giveUpAt - Date.now()),
      );
      this.pending.set(id, { showId, owner: target, resolve, cancel });
      this.toNode(target, { requests: [{ ...body, id, showId, from: this.holder }] });
    });
  }

  private failPending(showId: string, owner: string): void {
    for (const [id, p] of this.pending) {
      if (p.showId !== showId || p.owner !== owner) continue;
      clearTimeout(p.cancel);
      this.pending.delete(id);
      p.resolve(this.unavailable('ownerLeft', 'the node running the show went away; retry'));
    }
  }

  /** on the owner: a forwarded request, answered like one from a local device */
  private async handle(request: Request): Promise<Ack<unknown>> {
    const runner = this.shows?.runner(request.showId);
    if (!runner?.isOwner) return this.unavailable('notOwner', 'this node does not run the show; retry');
    if (request.kind === 'command') return runner.submit(request.command, request.actor);
    return runner.acceptAudienceAnswer(request.audienceId, request.name, request.round, request.value);
  }

  // ---- messages ----

  private share(message: Shared): void {
    this.outShared.push(message);
    this.scheduleFlush();
  }

  private toNode(holder: string, message: Omit<NodeMessage, 'from'>): void {
    let out = this.outNode.get(holder);
    if (!out) this.outNode.set(holder, (out = { from: this.holder }));
    if (message.requests) (out.requests ??= []).push(...message.requests);
    if (message.replies) (out.replies ??= []).push(...message.replies);
    this.scheduleFlush();
  }

  private scheduleFlush(): void {
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    setImmediate(() => this.flush());
  }

  private flush(): void {
    this.flushScheduled = false;
    const publish = (channel: string, body: unknown) =>
      this.client.publish(channel, JSON.stringify(body)).catch((err) => {
        this.options.log?.('cluster publish failed', err);
      });
    if (this.outShared.length) {
      void publish(this.channels.shared, { from: this.holder, shared: this.outShared });
      this.outShared = [];
    }
    for (const [holder, message] of this.outNode) void publish(this.channels.node(holder), message);
    this.outNode.clear();
  }

  private receive(channel: string, raw: string): void {
    let message: NodeMessage & { shared?: Shared[] };
    try {
      message = JSON.parse(raw) as NodeMessage & { shared?: Shared[] };
    } catch (err) {
      return this.options.log?.('cluster message unreadable', err);
    }
    if (message.from === this.holder) return;
    if (channel === this.channels.shared) return this.applyShared(message.from, message.shared ?? []);
    for (const reply of message.replies ?? []) {
      const p = this.pending.get(reply.id);
      if (!p) continue;
      clearTimeout(p.cancel);
      this.pending.delete(reply.id);
      p.resolve(reply.ack);
    }
    for (const request of message.requests ?? [])
      void this.handle(request)
        .catch((err): Ack<unknown> => {
          this.options.log?.(`forwarded request on show ${request.showId} failed`, err);
          return fail('INTERNAL', 'unexpected server error');
        })
        .then((ack) => this.toNode(request.from, { replies: [{ id: request.id, ack }] }));
  }

  private applyShared(from: string, messages: Shared[]): void {
    const shows = this.shows;
    if (!shows) return;
    // consecutive records of one show are replayed together
    let batch: { showId: string; records: CommandRecord[] } | null = null;
    const flushBatch = () => {
      if (batch) shows.runner(batch.showId)?.follow(batch.records);
      batch = null;
    };
    for (const m of messages) {
      if (m.kind !== 'committed' || batch?.showId !== m.showId) flushBatch();
      const runner = shows.runner(m.showId);
      if (!runner && m.kind !== 'show') {
        void shows.adopt(m.showId).catch((err) => this.options.log?.(`show ${m.showId}: adopt failed`, err));
        continue;
      }
      switch (m.kind) {
        case 'committed':
          (batch ??= { showId: m.showId, records: [] }).records.push(m.record);
          break;
        case 'answer':
          runner!.audienceStoredElsewhere(m.answer);
          break;
        case 'seat':
          runner!.seatConnectedElsewhere(m.seat, m.connected, from);
          break;
        case 'seats':
          runner!.seatsElsewhere(from, m.seats);
          break;
        case 'show':
          void shows
            .reloadRecord(m.showId)
            .catch((err) => this.options.log?.(`show ${m.showId}: reload failed`, err));
          break;
      }
    }
    flushBatch();
  }
}
