/** Fakes for the runtime's unit tests: a manual clock, a transport that records what it was asked to send. */
import type { Cancel, Timers } from './timers.ts';
import type { Audience, EventName, EventPayload, ShowTransport } from './transport.ts';

interface Scheduled {
  at: number;
  fn: () => void;
  every?: number;
}

/** time moves only when the test says so; deferred work runs on flush() */
export class FakeTimers implements Timers {
  static readonly MAX_FIRES_PER_INSTANT = 10_000;
  private time: number;
  private seq = 0;
  private readonly scheduled = new Map<number, Scheduled>();
  private deferred: (() => void)[] = [];

  constructor(start = 1_000_000) {
    this.time = start;
  }

  now = (): number => this.time;

  after(ms: number, fn: () => void): Cancel {
    return this.add({ at: this.time + Math.max(0, ms), fn });
  }

  every(ms: number, fn: () => void): Cancel {
    return this.add({ at: this.time + ms, fn, every: ms });
  }

  defer(fn: () => void): void {
    this.deferred.push(fn);
  }

  /** how many timers are waiting */
  get pending(): number {
    return this.scheduled.size;
  }

  /** runs deferred work until none is left (work deferred by deferred work included) */
  flush(): void {
    while (this.deferred.length) this.deferred.shift()!();
  }

  /** moves the clock, firing due timers in time order (and the work they defer) */
  advance(ms: number): void {
    const target = this.time + ms;
    // a callback that re-arms itself for 0 ms would otherwise keep the test (and its worker) spinning for ever
    let firedAtThisInstant = 0;
    for (;;) {
      let next: [number, Scheduled] | null = null;
      for (const entry of this.scheduled)
        if (entry[1].at <= target && (!next || entry[1].at < next[1].at)) next = entry;
      if (!next) break;
      const [id, s] = next;
      firedAtThisInstant = s.at === this.time ? firedAtThisInstant + 1 : 1;
      if (firedAtThisInstant > FakeTimers.MAX_FIRES_PER_INSTANT)
        throw new Error(
          `FakeTimers: more than ${FakeTimers.MAX_FIRES_PER_INSTANT} timers fired at ${s.at} without the clock moving (a timer re-arming itself for 0 ms?)`,
        );
      this.time = s.at;
      if (s.every) s.at += s.every;
      else this.scheduled.delete(id);
      s.fn();
      this.flush();
    }
    this.time = target;
    this.flush();
  }

  private add(s: Scheduled): Cancel {
    const id = ++this.seq;
    this.scheduled.set(id, s);
    return () => void this.scheduled.delete(id);
  }
}

export interface Sent {
  to: string;
  event: EventName;
  payload: unknown;
}

export class RecordingTransport implements ShowTransport {
  readonly sent: Sent[] = [];
  readonly audience = new Set<string>();

  toRoom<E extends EventName>(_showId: string, room: Audience, event: E, payload: EventPayload<E>): void {
    this.sent.push({ to: room, event, payload });
  }
  toSeat<E extends EventName>(_showId: string, seat: number, event: E, payload: EventPayload<E>): void {
    this.sent.push({ to: `seat:${seat}`, event, payload });
  }
  toAudienceMember<E extends EventName>(
    _showId: string,
    id: string,
    event: E,
    payload: EventPayload<E>,
  ): void {
    this.sent.push({ to: `audience:${id}`, event, payload });
  }
  connectedAudience(): Iterable<string> {
    return this.audience;
  }

  /** what went to `to` (as the payload type of `event`) */
  to<E extends EventName>(to: string, event: E): EventPayload<E>[] {
    return this.sent.filter((s) => s.to === to && s.event === event).map((s) => s.payload as EventPayload<E>);
  }

  clear(): void {
    this.sent.length = 0;
  }
}
