/**
 * The devices of a rehearsal, every one a ShowClient from the shared SDK: N contestant tablets (bots),
 * the MC console (host), a judge's laptop and the big screen. Records what the durability and
 * latency checks need: every acked answer, ack round trips, and when each device first saw each
 * state version.
 */
import { ShowClient } from '@cv/shared/client';
import type {
  Ack,
  AnswerValue,
  AuthPayload,
  HostCommandName,
  HostCommandPayload,
  HostView,
  ShowDetail,
  ShowEvent,
} from '@cv/shared/protocol';

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

// ---- deterministic randomness ------------------------------------------------------------------

export function hashString(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 16777619);
  }
  return h >>> 0;
}

/** mulberry32: a small seeded PRNG, enough for reproducible plans */
export function seeded(seed: number | string): () => number {
  let a = typeof seed === 'string' ? hashString(seed) : seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// ---- waiting on a client's state ---------------------------------------------------------------

export function until<T>(
  client: ShowClient,
  pick: (c: ShowClient) => T | undefined | null | false,
  timeoutMs = 10_000,
  what = 'condition',
): Promise<T> {
  return new Promise((resolve, reject) => {
    let off = () => {};
    const timer = setTimeout(() => {
      off();
      reject(new Error(`${what} not reached within ${timeoutMs} ms`));
    }, timeoutMs);
    const check = () => {
      const v = pick(client);
      if (v) {
        off();
        clearTimeout(timer);
        resolve(v);
      }
    };
    off = client.subscribe(check);
    check();
  });
}

// ---- the fleet ---------------------------------------------------------------------------------

/** the created show with its secrets, as POST /api/shows answers */
export type Credentials = Pick<ShowDetail, 'showId' | 'secrets'>;

export interface AckedAnswer {
  round: number;
  seat: number;
  value: AnswerValue;
  acceptedAt: number;
}

export interface AnswerOutcome {
  seat: number;
  ok: boolean;
  code?: string;
  value: AnswerValue;
}

type Role = 'host' | 'judge' | 'screen' | 'player';

interface Device {
  role: Role;
  seat?: number;
  client: ShowClient;
  /** first local receipt time (performance.now) of each new state version, ascending */
  seen: { v: number; t: number }[];
}

export interface FleetOptions {
  url: string;
  creds: Credentials;
  seats: number;
  ackTimeoutMs?: number;
  /** connect tablets in batches of this size (a hall of tablets does not log in in the same ms) */
  connectBatch?: number;
}

export class Fleet {
  readonly devices: Device[] = [];
  readonly players = new Map<number, ShowClient>();
  host!: ShowClient;
  judge!: ShowClient;
  screen!: ShowClient;
  readonly acked: AckedAnswer[] = [];
  /** every answer sent, in order, with whether it was acked */
  readonly sent: { round: number; seat: number; value: AnswerValue; acked: boolean }[] = [];
  readonly ackMs: number[] = [];
  readonly fanOutMs: number[] = [];
  /** every batch of events (from show:state messages) the host received, in order */
  readonly hostEvents: { version: number; events: ShowEvent[] }[] = [];
  readonly refused: Record<string, number> = {};
  /** redaction failures seen by a non-staff device: a key or others' answers before the reveal */
  readonly leaks: string[] = [];

  constructor(private readonly opts: FleetOptions) {}

  private make(role: Role, auth: AuthPayload, seat?: number): Device {
    const client = new ShowClient({
      url: this.opts.url,
      auth,
      ackTimeoutMs: this.opts.ackTimeoutMs ?? 5000,
      clockResyncMs: 0,
      clockSamples: 2,
      socketOptions: { reconnection: true, reconnectionDelay: 200, reconnectionDelayMax: 1000 },
    });
    const device: Device = { role, seat, client, seen: [] };
    client.subscribe((s) => {
      const v = s.view?.version;
      if (v === undefined) return;
      const last = device.seen[device.seen.length - 1];
      if (!last || v > last.v) device.seen.push({ v, t: performance.now() });
      if (role !== 'host' && role !== 'judge' && s.view?.round) {
        const r = s.view.round as unknown as Record<string, unknown>;
        const early = s.view.round.phase !== 'revealed' && (r.revealedKey != null || r.verdicts != null);
        if ('key' in r || 'answers' in r || 'rules' in s.view || early) {
          if (this.leaks.length < 20)
            this.leaks.push(`${role}${seat ?? ''} v${v} round ${s.view.round.index} ${s.view.round.phase}`);
        }
      }
    });
    this.devices.push(device);
    return device;
  }

  async connect(): Promise<void> {
    const { showId, secrets } = this.opts.creds;
    this.host = this.make('host', { role: 'host', showId, pin: secrets.hostPin }).client;
    this.judge = this.make('judge', { role: 'judge', showId, pin: secrets.judgePin }).client;
    this.screen = this.make('screen', { role: 'screen', showId, displayToken: secrets.displayToken }).client;
    this.host.onEvents((events, version) => this.hostEvents.push({ version, events }));
    for (let seat = 1; seat <= this.opts.seats; seat++) {
      const secret = secrets.seats[String(seat)];
      if (!secret) throw new Error(`no secret for seat ${seat}`);
      // half the tablets log in with seat + PIN, half with the seat card's QR token
      const auth: AuthPayload =
        seat % 2 === 0
          ? { role: 'player', showId, seat, pin: secret.pin }
          : { role: 'player', showId, joinToken: secret.joinToken };
      this.players.set(seat, this.make('player', auth, seat).client);
    }
    const batch = this.opts.connectBatch ?? 25;
    for (let i = 0; i < this.devices.length; i += batch) {
      const group = this.devices.slice(i, i + batch);
      for (const d of group) d.client.connect();
      await Promise.all(group.map((d) => d.client.ready(15_000)));
    }
    for (const [seat, c] of this.players) {
      if (c.state.session?.seat !== seat)
        throw new Error(`tablet ${seat} logged in as seat ${c.state.session?.seat}`);
    }
  }

  clients(): ShowClient[] {
    return this.devices.map((d) => d.client);
  }

  player(seat: number): ShowClient {
    const c = this.players.get(seat);
    if (!c) throw new Error(`no tablet for seat ${seat}`);
    return c;
  }

  hostView(): HostView {
    const v = this.host.state.view;
    if (!v || !('rules' in v)) throw new Error('host has no host view');
    return v as HostView;
  }

  /** every device connected and holding a fresh snapshot */
  async allSynced(timeoutMs = 20_000): Promise<void> {
    await Promise.all(
      this.devices.map((d) =>
        until(
          d.client,
          (c) => c.state.connected && c.state.synced,
          timeoutMs,
          `${d.role}${d.seat ?? ''} reconnected`,
        ),
      ),
    );
  }

  /** every device has seen state version ≥ v; records fan-out from `sentAt` */
  async reached(v: number, sentAt: number | null, timeoutMs = 10_000): Promise<void> {
    await Promise.all(
      this.devices.map((d) =>
        until(
          d.client,
          (c) => (c.state.view?.version ?? -1) >= v,
          timeoutMs,
          `${d.role}${d.seat ?? ''} at version ${v}`,
        ),
      ),
    );
    if (sentAt === null) return;
    for (const d of this.devices) {
      const first = d.seen.find((s) => s.v >= v);
      if (first) this.fanOutMs.push(Math.max(0, first.t - sentAt));
    }
  }

  /**
   * An MC (or judge) command: emit, expect ok, then wait until every device shows the new state
   * (the next command is built on it) and record the fan-out.
   */
  async command<N extends HostCommandName>(
    name: N,
    payload: Omit<HostCommandPayload<N>, 'version'> = {} as Omit<HostCommandPayload<N>, 'version'>,
    by: 'host' | 'judge' = 'host',
  ): Promise<number> {
    const client = by === 'host' ? this.host : this.judge;
    const sentAt = performance.now();
    const res: Ack<{ version: number }> = await client.command(name, payload);
    if (!res.ok) throw new Error(`${by} ${name} refused: ${res.error.code} ${res.error.message}`);
    await this.reached(res.data.version, sentAt);
    return res.data.version;
  }

  /** one tablet answers; an ok ack is recorded as a durable promise the server made */
  async answer(seat: number, round: number, value: AnswerValue): Promise<AnswerOutcome> {
    const sentAt = performance.now();
    const record = { round, seat, value, acked: false };
    this.sent.push(record);
    const res = await this.player(seat).answer(round, value);
    if (res.ok) {
      record.acked = true;
      this.ackMs.push(performance.now() - sentAt);
      this.acked.push({
        round: res.data.round,
        seat,
        value: res.data.value,
        acceptedAt: res.data.acceptedAt,
      });
      return { seat, ok: true, value };
    }
    this.refused[res.error.code] = (this.refused[res.error.code] ?? 0) + 1;
    return { seat, ok: false, code: res.error.code, value };
  }

  /** many tablets at once, as in the hall when the timer starts */
  answerAll(round: number, plan: Map<number, AnswerValue>): Promise<AnswerOutcome[]> {
    return Promise.all([...plan].map(([seat, value]) => this.answer(seat, round, value)));
  }

  close(): void {
    for (const d of this.devices) d.client.close();
  }
}
