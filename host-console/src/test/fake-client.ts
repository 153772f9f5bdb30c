/** A ShowClient stand-in for store and component tests: records commands, answers with scripted acks. */
import { initialClientState, type ShowClient, type ShowClientState } from '@cv/shared/client';
import type {
  Ack,
  AuthPayload,
  RequestAck,
  RequestArgs,
  RequestName,
  ShowEvent,
  ShowView,
  SignInNotice,
  Snapshot,
} from '@cv/shared/protocol';

export interface FakeClientOptions {
  view: ShowView;
  /** connect fails with this connect_error message */
  authError?: string;
}

export class FakeShowClient {
  state: ShowClientState = initialClientState();
  readonly commands: { name: string; payload: Record<string, unknown> }[] = [];
  readonly requests: { event: string; args: unknown[] }[] = [];
  /** scripted ack per command name; success by default */
  readonly replies = new Map<string, Ack<unknown>>();
  resyncCount = 0;
  auth: AuthPayload | null = null;
  private readonly listeners = new Set<(s: ShowClientState) => void>();
  private readonly eventListeners = new Set<(events: ShowEvent[], version: number) => void>();

  constructor(private readonly options: FakeClientOptions) {}

  asClient(): ShowClient {
    return this as unknown as ShowClient;
  }

  connect(): this {
    if (this.options.authError) this.update({ authError: this.options.authError });
    else this.update({ connected: true, synced: true, view: this.options.view });
    return this;
  }

  close(): void {
    this.update({ connected: false });
  }

  subscribe(l: (s: ShowClientState) => void): () => void {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  }

  onEvents(l: (events: ShowEvent[], version: number) => void): () => void {
    this.eventListeners.add(l);
    return () => this.eventListeners.delete(l);
  }

  /** the events that came with a state (e.g. `rehearsal-ended`) */
  emitEvents(events: ShowEvent[], version = 1): void {
    for (const l of this.eventListeners) l(events, version);
  }

  ready(): Promise<ShowClientState> {
    if (this.state.synced) return Promise.resolve(this.state);
    if (this.state.authError) return Promise.reject(new Error(this.state.authError));
    return new Promise((resolve, reject) => {
      const off = this.subscribe((s) => {
        if (s.synced) {
          off();
          resolve(s);
        } else if (s.authError) {
          off();
          reject(new Error(s.authError));
        }
      });
    });
  }

  command(name: string, payload: Record<string, unknown> = {}): Promise<Ack<{ version: number }>> {
    const version = this.state.view?.version ?? 0;
    this.commands.push({ name, payload: { ...payload, version } });
    const reply = this.replies.get(name) ?? { ok: true, data: { version: version + 1 } };
    return Promise.resolve(reply as Ack<{ version: number }>);
  }

  request<E extends RequestName>(event: E, ...args: RequestArgs<E>): Promise<Ack<RequestAck<E>>> {
    this.requests.push({ event, args });
    // scripted replies are the test's word for what the server would answer
    const reply = this.replies.get(event) ?? { ok: true, data: [] };
    return Promise.resolve(reply as Ack<RequestAck<E>>);
  }

  resetPin(seat: number) {
    return this.request('seat:reset-pin', { seat });
  }

  decideTakeover(requestId: string, approve: boolean) {
    return this.request('seat:takeover-decide', { requestId, approve });
  }

  dismissNotice(notice: SignInNotice): void {
    this.update({ notices: this.state.notices.filter((n) => n !== notice) });
  }

  resync(): Promise<Ack<Snapshot>> {
    this.resyncCount++;
    const view = this.state.view ?? this.options.view;
    return Promise.resolve({
      ok: true,
      data: {
        view,
        self: null,
        audience: null,
        session: { role: 'host', showId: view.showId },
        serverNow: Date.now(),
      },
    });
  }

  /** test helper: the server pushed something */
  update(patch: Partial<ShowClientState>): void {
    this.state = { ...this.state, ...patch };
    for (const l of this.listeners) l(this.state);
  }
}
