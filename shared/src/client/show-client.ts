/** Typed Socket.IO client for every role: auth, ack → result, clock offset, resync. Framework-free. */
import { io, type ManagerOptions, type Socket, type SocketOptions } from 'socket.io-client';
import type {
  Ack,
  AnswerValue,
  AudienceBoardRow,
  AudienceSelf,
  AuthPayload,
  HostCommandName,
  HostCommandPayload,
  HostTally,
  JoinLinks,
  ScreenScene,
  RequestAck,
  RequestArgs,
  RequestName,
  SeatSelf,
  ServerToClientEvents,
  SessionInfo,
  ShowEvent,
  SignInNotice,
  TakeoverRequest,
  ShowView,
  Snapshot,
  Tally,
} from '../protocol/index.ts';
import { isHostView } from '../protocol/index.ts';
import { estimateClock, roundRemainingMs, type ClockSample } from './clock.ts';
import { applyViewDelta } from './delta.ts';

/**
 * Listening is typed by ServerToClientEvents. Emitting goes only through `request`, typed by the protocol's
 * request tables (Socket.IO's own typed emit cannot take a generic event name, so the socket's emit side
 * stays untyped and private to `request`).
 */
export type ShowSocket = Socket<ServerToClientEvents, UntypedEvents>;
type UntypedEvents = Record<string, (...args: unknown[]) => void>;

export interface ShowClientOptions {
  url: string;
  auth: AuthPayload;
  /** ms before an unanswered request resolves as TIMEOUT */
  ackTimeoutMs?: number;
  clockSamples?: number;
  /** re-estimate the clock this often while connected (0 = only on connect) */
  clockResyncMs?: number;
  socketOptions?: Partial<ManagerOptions & SocketOptions>;
  now?: () => number;
}

export interface ShowClientState {
  connected: boolean;
  /** set once the first snapshot arrived after a (re)connect */
  synced: boolean;
  view: ShowView | null;
  self: SeatSelf | null;
  audience: AudienceSelf | null;
  audienceBoard: AudienceBoardRow[];
  session: SessionInfo | null;
  tally: Tally | HostTally | null;
  /** reason text when another device took this seat over; the client stops reconnecting */
  takenOver: string | null;
  /** connect_error message, e.g. UNAUTHORIZED, LOCKED, RATE_LIMITED */
  authError: string | null;
  /** with RATE_LIMITED or LOCKED: how long the server asked to wait (ms) */
  authRetryAfterMs: number | null;
  /** signed in with the seat's PIN while its tablet is connected: waiting for the MC (the SDK asks again) */
  takeoverPending: boolean;
  /** staff: devices waiting to replace a seat's connected tablet */
  takeoverRequests: TakeoverRequest[];
  /** staff: failed sign-ins the server reported, newest first (one per target) */
  notices: SignInNotice[];
  clockOffsetMs: number;
  rttMs: number | null;
  /** staff and screens: where the QR codes point (from the server) */
  links: JoinLinks | null;
  /** staff and screens: what the projector shows */
  scene: ScreenScene;
  /** screens: bumped on every sound test the MC asks for */
  soundTests: number;
  /** staff: MC and judge consoles open on this show (null until the server says) */
  consoles: { hosts: number; judges: number } | null;
}

/** a client before its first connect (also the starting point of test doubles) */
export function initialClientState(): ShowClientState {
  return {
    connected: false,
    synced: false,
    view: null,
    self: null,
    audience: null,
    audienceBoard: [],
    session: null,
    tally: null,
    takenOver: null,
    authError: null,
    authRetryAfterMs: null,
    takeoverPending: false,
    takeoverRequests: [],
    notices: [],
    clockOffsetMs: 0,
    rttMs: null,
    links: null,
    scene: 'live',
    soundTests: 0,
    consoles: null,
  };
}

type Listener = (state: ShowClientState) => void;
type EventsListener = (events: ShowEvent[], version: number) => void;

export class ShowClient {
  readonly socket: ShowSocket;
  state: ShowClientState = initialClientState();
  private readonly listeners = new Set<Listener>();
  private readonly eventListeners = new Set<EventsListener>();
  private readonly ackTimeoutMs: number;
  private readonly now: () => number;
  private clockTimer: ReturnType<typeof setInterval> | null = null;
  private takeoverTimer: ReturnType<typeof setTimeout> | null = null;
  /** newest version this client has seen, from views or its own command acks (which may arrive first) */
  private knownVersion = 0;
  private resyncing = false;

  constructor(private readonly options: ShowClientOptions) {
    this.ackTimeoutMs = options.ackTimeoutMs ?? 8000;
    this.now = options.now ?? (() => Date.now());
    this.socket = io(options.url, {
      auth: options.auth as Record<string, unknown>,
      transports: ['websocket'],
      autoConnect: false,
      reconnectionDelay: 300,
      reconnectionDelayMax: 3000,
      ...options.socketOptions,
    });
    this.bind();
  }

  connect(): this {
    this.socket.connect();
    return this;
  }

  close(): void {
    if (this.clockTimer) clearInterval(this.clockTimer);
    this.clockTimer = null;
    if (this.takeoverTimer) clearTimeout(this.takeoverTimer);
    this.takeoverTimer = null;
    this.socket.disconnect();
    this.socket.removeAllListeners();
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  onEvents(listener: EventsListener): () => void {
    this.eventListeners.add(listener);
    return () => this.eventListeners.delete(listener);
  }

  /** resolves once connected and the first snapshot has arrived, or rejects on an auth error */
  ready(timeoutMs = 10_000): Promise<ShowClientState> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        off();
        reject(new Error('timed out waiting for the show snapshot'));
      }, timeoutMs);
      const check = (s: ShowClientState) => {
        if (s.synced) {
          off();
          resolve(s);
        } else if (s.authError) {
          off();
          reject(new Error(s.authError));
        }
      };
      const unsubscribe = this.subscribe(check);
      const off = () => {
        clearTimeout(timer);
        unsubscribe();
      };
      check(this.state);
    });
  }

  serverNow(): number {
    return this.now() + this.state.clockOffsetMs;
  }

  /** time left in the current round as this device should display it */
  remainingMs(): number | null {
    const round = this.state.view?.round;
    return round ? roundRemainingMs(round, this.now(), this.state.clockOffsetMs) : null;
  }

  async syncClock(samples = this.options.clockSamples ?? 5): Promise<void> {
    const collected: ClockSample[] = [];
    for (let i = 0; i < samples; i++) {
      const clientSentAt = this.now();
      const res = await this.request('time:sync', clientSentAt);
      if (res.ok)
        collected.push({ clientSentAt, serverNow: res.data.serverNow, clientReceivedAt: this.now() });
    }
    const estimate = estimateClock(collected);
    if (estimate) this.update({ clockOffsetMs: estimate.offsetMs, rttMs: estimate.rttMs });
  }

  /** host/judge command; the state version is filled from the latest view */
  command<N extends HostCommandName>(
    name: N,
    payload?: Omit<HostCommandPayload<N>, 'version'>,
  ): Promise<Ack<RequestAck<N>>> {
    const version = Math.max(this.state.view?.version ?? 0, this.knownVersion);
    // the spread of a generic Omit is not provably the payload of N; the server validates it anyway
    const full = { ...payload, version } as HostCommandPayload<N>;
    return this.request(name, ...([full] as RequestArgs<N>)).then((res) => {
      if (res.ok) this.knownVersion = Math.max(this.knownVersion, res.data.version);
      return res;
    });
  }

  answer(round: number, value: AnswerValue) {
    return this.request('answer:submit', { round, value });
  }

  audienceAnswer(round: number, value: AnswerValue) {
    return this.request('audience:answer', { round, value });
  }

  resetPin(seat: number) {
    return this.request('seat:reset-pin', { seat });
  }

  /** host: let a waiting device replace the seat's tablet, or refuse it */
  decideTakeover(requestId: string, approve: boolean) {
    return this.request('seat:takeover-decide', { requestId, approve });
  }

  dismissNotice(notice: SignInNotice): void {
    this.update({ notices: this.state.notices.filter((n) => n !== notice) });
  }

  async resync(): Promise<Ack<Snapshot>> {
    const res = await this.request('show:resync');
    if (res.ok) this.applySnapshot(res.data);
    return res;
  }

  /** emit a request with its ack; transport failures come back as error values (DISCONNECTED, TIMEOUT) */
  request<E extends RequestName>(event: E, ...args: RequestArgs<E>): Promise<Ack<RequestAck<E>>> {
    return requestOn(this.socket, this.ackTimeoutMs, event, ...args);
  }

  private bind(): void {
    const s = this.socket;
    s.on('connect', () => {
      this.update({ connected: true, authError: null, authRetryAfterMs: null, takeoverPending: false });
      void this.syncClock();
      const every = this.options.clockResyncMs ?? 30_000;
      if (every > 0 && !this.clockTimer) this.clockTimer = setInterval(() => void this.syncClock(3), every);
    });
    s.on('disconnect', (reason) => {
      this.update({ connected: false, synced: false });
      // Socket.IO gives up after a server-side disconnect; a server that closed for a restart (or an
      // older one) comes back on the same address, so keep trying — except when another device took the seat
      if (reason === 'io server disconnect' && !this.state.takenOver)
        setTimeout(() => {
          if (!this.state.takenOver && !s.connected) s.connect();
        }, 300);
    });
    // the server refused us (a middleware error ends the attempts: the socket is no longer active) — or
    // the network did (the manager keeps trying): only the first is a reason to show the login again
    s.on('connect_error', (err) => {
      if (s.active) return;
      const data = (err as { data?: { retryAfterMs?: number; requestId?: string } }).data;
      if (err.message === 'TAKEOVER_PENDING' && data?.requestId) {
        // the MC decides on the console; ask again with the request's id until they have
        this.socket.auth = { ...(this.socket.auth as object), takeoverRequest: data.requestId };
        this.update({ takeoverPending: true });
        this.takeoverTimer = setTimeout(() => s.connect(), data.retryAfterMs ?? 1500);
        return;
      }
      this.update({
        authError: err.message,
        authRetryAfterMs: data?.retryAfterMs ?? null,
        takeoverPending: false,
      });
    });
    s.on('show:snapshot', (snap) => this.applySnapshot(snap));
    s.on('show:state', ({ events, audienceBoard, ...view }) => {
      if (audienceBoard) this.update({ audienceBoard });
      if (!this.state.view || view.version >= this.state.view.version) this.update({ view });
      if (events.length > 0) for (const l of this.eventListeners) l(events, view.version);
    });
    s.on('show:delta', (delta) => {
      const view = this.state.view;
      // a delta follows exactly one crowd message; after a missed one the whole view is fetched again
      if (!view || isHostView(view) || view.version !== delta.base) {
        if (!this.resyncing) {
          this.resyncing = true;
          void this.resync().finally(() => (this.resyncing = false));
        }
        return;
      }
      const next = applyViewDelta(view, delta);
      this.update({ view: next, ...(delta.audienceBoard ? { audienceBoard: delta.audienceBoard } : {}) });
      if (delta.events.length > 0) for (const l of this.eventListeners) l(delta.events, next.version);
    });
    s.on('seat:self', (self) => this.update({ self }));
    s.on('show:tally', (tally) => this.update({ tally }));
    s.on('audience:self', (audience) => this.update({ audience }));
    s.on('staff:consoles', (consoles) => this.update({ consoles }));
    s.on('screen:control', ({ scene, soundTest }) =>
      this.update({ scene, ...(soundTest ? { soundTests: this.state.soundTests + 1 } : {}) }),
    );
    s.on('seat:takeover-request', (request) =>
      this.update({
        takeoverRequests: [
          ...this.state.takeoverRequests.filter((r) => r.requestId !== request.requestId),
          request,
        ],
      }),
    );
    s.on('seat:takeover-settled', ({ requestId }) =>
      this.update({ takeoverRequests: this.state.takeoverRequests.filter((r) => r.requestId !== requestId) }),
    );
    s.on('security:notice', (notice) => {
      const same = (n: SignInNotice) =>
        n.target.kind === notice.target.kind &&
        (n.target.kind !== 'seat' || notice.target.kind !== 'seat' || n.target.seat === notice.target.seat);
      this.update({ notices: [notice, ...this.state.notices.filter((n) => !same(n))].slice(0, 20) });
    });
    s.on('session:taken-over', ({ message }) => {
      this.update({ takenOver: message });
      s.io.reconnection(false);
    });
  }

  private applySnapshot(snap: Snapshot): void {
    // reconnect as the same audience member the server assigned, so the score follows the phone
    if (snap.session.audienceId)
      this.socket.auth = { ...(this.socket.auth as object), audienceId: snap.session.audienceId };
    // a seat's device comes back with its resume token: no PIN, no MC approval after a Wi-Fi drop
    if (snap.session.resumeToken) {
      const { takeoverRequest: _done, ...auth } = this.socket.auth as Record<string, unknown>;
      this.socket.auth = { ...auth, resumeToken: snap.session.resumeToken };
    }
    // a rough offset until the round-trip estimate lands
    const offset = this.state.rttMs === null ? snap.serverNow - this.now() : this.state.clockOffsetMs;
    this.update({
      view: snap.view,
      self: snap.self,
      audience: snap.audience,
      session: snap.session,
      ...(snap.audienceBoard ? { audienceBoard: snap.audienceBoard } : {}),
      synced: true,
      clockOffsetMs: offset,
      links: snap.links ?? null,
      scene: snap.scene ?? 'live',
    });
  }

  private update(patch: Partial<ShowClientState>): void {
    this.state = { ...this.state, ...patch };
    for (const l of this.listeners) l(this.state);
  }
}

/** what `requestOn` needs of a Socket.IO client socket */
export interface RequestSocket {
  readonly connected: boolean;
  timeout(ms: number): { emit(event: string, ...args: unknown[]): unknown };
}

/**
 * One request on any Socket.IO client socket (the SDK's, a benchmark's), typed by the protocol's request
 * tables: the payload the event takes in, the ack data it gives back. Transport failures become values.
 */
export function requestOn<E extends RequestName>(
  socket: RequestSocket,
  timeoutMs: number,
  event: E,
  ...args: RequestArgs<E>
): Promise<Ack<RequestAck<E>>> {
  return new Promise((resolve) => {
    if (!socket.connected) {
      resolve({ ok: false, error: { code: 'DISCONNECTED', message: 'not connected' } });
      return;
    }
    socket.timeout(timeoutMs).emit(event, ...args, (err: unknown, res: Ack<RequestAck<E>>) => {
      if (err && !socket.connected)
        resolve({
          ok: false,
          error: { code: 'DISCONNECTED', message: 'the connection dropped before the server answered' },
        });
      else if (err) resolve({ ok: false, error: { code: 'TIMEOUT', message: 'no answer from the server' } });
      else resolve(res);
    });
  });
}

export function createShowClient(options: ShowClientOptions): ShowClient {
  return new ShowClient(options);
}
