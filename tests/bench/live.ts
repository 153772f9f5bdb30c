/**
 * The live workload: one show, D devices, Q questions. The host (in this process) drives
 * show:start, then per question question:show → question:open → (burst: every tablet and audience
 * phone answers at once) → question:lock → question:reveal, waiting at each step until every
 * client process reports that all its sockets received the step's event (bounded by timeouts).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { io, type Socket } from 'socket.io-client';
import { requestOn } from '@cv/shared/client';
import type { HostCommandName, RequestArgs, Snapshot } from '@cv/shared/protocol';
import type { ByteCounters, CapturedPayloads, DeviceSpec, FromClient } from './ipc.ts';
import { log, sleep, startClients, type ClientProc, type ServerHandle } from './procs.ts';
import { summarize, type Summary } from './stats.ts';
import { deviceMix, deviceSpecs, type DurableCheck, type ShowSetup, type Target } from './targets.ts';

export interface LiveOptions {
  devices: number;
  questions: number;
  clientProcs: number;
  /** baseline only: the app's captured payloads to replay */
  payloadFile?: string;
  stepTimeoutMs: number;
}

export interface LiveRun {
  target: string;
  devices: number;
  mix: Record<string, number>;
  questions: number;
  connected: number;
  connectFailed: number;
  connectErrors: string[];
  connectMs: number;
  /** 'server-sentAt' when the events messages carry the server's send stamp, else 'host-send' */
  fanoutReference: 'server-sentAt' | 'host-send';
  /** question-shown: host command send → receipt on every device, every question */
  fanout: Summary;
  /** question-shown: the server's `sentAt` stamp → receipt; null when the messages carry no stamp */
  fanoutFromServerSentAt: Summary | null;
  /** answering-opened fan-out from the host's command send time */
  openFanout: Summary;
  /** host's question:show send → its ack (for the app: validation + durable commit of the command) */
  showCommandAck: Summary;
  /** every answer's emit → ack */
  ack: Summary;
  ackByRole: { player: Summary; audience: Summary };
  ackFailures: Record<string, number>;
  acked: { player: number; audience: number };
  missedEvents: number;
  disconnects: number;
  /** received bytes per device per question, by role and averaged over the mix */
  bytesPerDevicePerQuestion: number;
  bytesByRole: Record<string, number>;
  /** bytes per device per question by socket.io event name (over sampled sockets, all roles) */
  bytesByEvent: Record<string, number>;
  /** frames (= socket.io packets, roughly one socket write each on the server) per device per question, by event */
  framesByEvent: Record<string, number>;
  framesPerDevicePerQuestion: number;
  /** server CPU (user+sys) per question, ms */
  serverCpuMsPerQuestion: number;
  durable: DurableCheck | null;
  captured: CapturedPayloads | null;
  wallMs: number;
}

/** the server's CPU time; summed over the nodes when there are many */
const cpuOf = (server: ServerHandle) =>
  (server.pids ?? [server.pid]).reduce((sum, pid) => sum + cpuMsOf(pid), 0);

/** user+system CPU time of a process, ms (from /proc/<pid>/stat) */
function cpuMsOf(pid: number): number {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]); // utime, stime (fields 14, 15)
    return (ticks * 1000) / 100; // USER_HZ is 100 on Linux
  } catch {
    return Number.NaN;
  }
}

class HostDriver {
  version = 0;
  constructor(private readonly socket: Socket) {
    socket.on('show:state', (view: { version: number }) => {
      if (view.version > this.version) this.version = view.version;
    });
  }

  static async connect(url: string, auth: object, timeoutMs: number): Promise<HostDriver> {
    const socket = io(url, { auth, transports: ['websocket'], forceNew: true, reconnection: false });
    const snapshot = await new Promise<Snapshot>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('host: no snapshot')), timeoutMs);
      socket.once('show:snapshot', (s: Snapshot) => {
        clearTimeout(timer);
        resolve(s);
      });
      socket.once('connect_error', (e) => {
        clearTimeout(timer);
        reject(new Error(`host connect: ${e.message}`));
      });
    });
    const host = new HostDriver(socket);
    host.version = Math.max(host.version, snapshot.view.version);
    return host;
  }

  /** send a command with the latest version; on STALE_VERSION resync and retry (bounded) */
  async command<N extends HostCommandName>(
    name: N,
    timeoutMs: number,
    onSend?: (t: number) => void,
  ): Promise<void> {
    for (let attempt = 0; attempt < 5; attempt++) {
      onSend?.(Date.now());
      // the bench sends only commands whose payload is the version alone
      const res = await requestOn(
        this.socket,
        timeoutMs,
        name,
        ...([{ version: this.version }] as RequestArgs<N>),
      );
      if (res.ok) {
        if (res.data.version > this.version) this.version = res.data.version;
        return;
      }
      if (res.error.code !== 'STALE_VERSION')
        throw new Error(`${name}: ${res.error.code} ${res.error.message}`);
      const snap = await requestOn(this.socket, timeoutMs, 'show:resync');
      if (snap.ok) this.version = Math.max(this.version, snap.data.view.version);
      await sleep(50);
    }
    throw new Error(`${name}: still STALE_VERSION after 5 attempts`);
  }

  close(): void {
    this.socket.disconnect();
  }
}

/** resolves with the key once every client in `active` reported `seen` for an event of `type` */
function waitSeen(clients: ClientProc[], type: string, timeoutMs: number): { done: Promise<string | null> } {
  const pending = new Set(clients.map((c) => c.index));
  let key: string | null = null;
  const offs: (() => void)[] = [];
  const done = new Promise<string | null>((resolve) => {
    const timer = setTimeout(() => {
      offs.forEach((o) => o());
      log(`  ${type}: ${pending.size} client process(es) still missing it after ${timeoutMs} ms; going on`);
      resolve(key);
    }, timeoutMs);
    for (const c of clients) {
      offs.push(
        c.on((m) => {
          if (m.t === 'seen' && m.key.startsWith(`${type}:`)) {
            key ??= m.key;
            pending.delete(c.index);
            if (pending.size === 0) {
              clearTimeout(timer);
              offs.forEach((o) => o());
              resolve(key);
            }
          }
        }),
      );
    }
  });
  return { done };
}

function splitRoundRobin<T>(items: T[], parts: number): T[][] {
  const out: T[][] = Array.from({ length: parts }, () => []);
  items.forEach((item, i) => out[i % parts].push(item));
  return out;
}

/** counters at the second mark minus the first, summed over processes */
function diffCounters(a: ByteCounters[], b: ByteCounters[]) {
  const byRole: Record<string, { sockets: number; bytes: number }> = {};
  const byEvent: Record<string, number> = {};
  const framesByEvent: Record<string, number> = {};
  let sockets = 0;
  b.forEach((cb, i) => {
    const ca = a[i];
    for (const [role, v] of Object.entries(cb.byRole)) {
      const r = (byRole[role] ??= { sockets: 0, bytes: 0 });
      r.sockets += v.sockets;
      r.bytes += v.bytes - (ca.byRole[role]?.bytes ?? 0);
      sockets += v.sockets;
    }
    for (const [ev, v] of Object.entries(cb.byEvent)) {
      byEvent[ev] = (byEvent[ev] ?? 0) + v.bytes - (ca.byEvent[ev]?.bytes ?? 0);
      framesByEvent[ev] = (framesByEvent[ev] ?? 0) + v.frames - (ca.byEvent[ev]?.frames ?? 0);
    }
  });
  return { byRole, byEvent, framesByEvent, sockets };
}

export async function connectDevices(
  clients: ClientProc[],
  url: string | string[],
  specs: DeviceSpec[],
  timeoutMs: number,
  sampleEvery: number,
) {
  const parts = splitRoundRobin(specs, clients.length);
  const started = Date.now();
  const results = await Promise.all(
    clients.map((c, i) => {
      const p = c.waitFor(
        (m): m is Extract<FromClient, { t: 'connected' }> => m.t === 'connected',
        timeoutMs + 5_000,
        'connected',
      );
      c.send({
        t: 'connect',
        // many nodes: each client process connects its sockets to one node, in turn
        url: Array.isArray(url) ? url[i % url.length] : url,
        devices: parts[i],
        sampleEvery,
        concurrency: 64,
        timeoutMs: Math.min(timeoutMs, 30_000),
      });
      return p;
    }),
  );
  return {
    ok: results.reduce((s, r) => s + r.ok, 0),
    failed: results.reduce((s, r) => s + r.failed, 0),
    errors: results.flatMap((r) => r.errors).slice(0, 5),
    ms: Date.now() - started,
  };
}

interface Marked {
  before: ByteCounters[];
  cpuBefore: number;
}

/**
 * One server under load, kept open so that two sessions (app and bare) can take turns question by
 * question: whatever else the machine is doing then hits both alike.
 */
export class LiveSession {
  private host: HostDriver | null = null;
  private clients: ClientProc[] = [];
  private readonly sendTimes: Record<string, number> = {};
  private readonly failures: Record<string, number> = {};
  private readonly showAcks: number[] = [];
  private missedEvents = 0;
  private marked: Marked | null = null;
  private conn = { ok: 0, failed: 0, errors: [] as string[], ms: 0 };
  private setup: ShowSetup | null = null;
  private readonly wallStart = Date.now();
  error: Error | null = null;

  private constructor(
    readonly target: Target,
    private readonly server: ServerHandle,
    private readonly opts: LiveOptions,
  ) {}

  static async open(target: Target, opts: LiveOptions): Promise<LiveSession> {
    const server = await target.start({ payloadFile: opts.payloadFile });
    const session = new LiveSession(target, server, opts);
    try {
      await session.prepare();
      return session;
    } catch (error) {
      await session.close();
      throw session.wrap(error);
    }
  }

  private wrap(error: unknown): Error {
    return new Error(
      `${this.target.label} at ${this.opts.devices} devices: ${(error as Error).message}\nserver output:\n${this.server.tail()}`,
    );
  }

  private async prepare(): Promise<void> {
    const { opts, server, target } = this;
    const T = opts.stepTimeoutMs;
    const setup = (this.setup = await target.setupShow(server, opts.questions));
    const specs = deviceSpecs(setup, opts.devices);
    this.clients = await startClients(Math.min(opts.clientProcs, Math.max(1, Math.ceil(specs.length / 50))));
    // bytes on ~200 sockets in all (every socket below 200 devices); screens always
    const sampleEvery = Math.max(1, Math.floor(specs.length / 200));
    this.conn = await connectDevices(this.clients, server.urls ?? server.url, specs, T * 4, sampleEvery);
    const c = this.conn;
    log(
      `  ${target.label}: ${c.ok}/${specs.length} devices connected in ${c.ms} ms${c.failed ? ` (${c.failed} failed: ${c.errors.join('; ')})` : ''}`,
    );
    this.host = await HostDriver.connect(server.url, setup.host, T);
    const started = waitSeen(this.clients, 'show-started', T);
    await this.host.command('show:start', T);
    await started.done;
    await sleep(100);
    this.marked = { before: await this.mark(1), cpuBefore: cpuOf(server) };
  }

  private mark(id: number): Promise<ByteCounters[]> {
    const T = this.opts.stepTimeoutMs;
    return Promise.all(
      this.clients.map((c) => {
        const p = c.waitFor(
          (m): m is Extract<FromClient, { t: 'mark' }> => m.t === 'mark' && m.id === id,
          T,
          'mark',
        );
        c.send({ t: 'mark', id });
        return p.then((m) => m.counters);
      }),
    );
  }

  /** one question: show → (all saw it) → open → (all saw it) → burst → (all acked) → lock → reveal */
  async question(): Promise<void> {
    if (this.error || !this.host) return;
    const { clients, host } = this;
    const T = this.opts.stepTimeoutMs;
    try {
      let t0 = 0;
      const shown = waitSeen(clients, 'question-shown', T);
      await host.command('question:show', T, (t) => (t0 = t));
      this.showAcks.push(Date.now() - t0);
      const shownKey = await shown.done;
      if (!shownKey) {
        this.missedEvents++;
        return;
      }
      this.sendTimes[shownKey] = t0;
      const round = Number(shownKey.split(':')[1]);

      let t1 = 0;
      const opened = waitSeen(clients, 'answering-opened', T);
      await host.command('question:open', T, (t) => (t1 = t));
      const openKey = await opened.done;
      if (openKey) this.sendTimes[openKey] = t1;
      else this.missedEvents++;

      // the burst: every client process fires all its answers in one synchronous loop
      const answered = await Promise.all(
        clients.map((c) => {
          const p = c
            .waitFor(
              (m): m is Extract<FromClient, { t: 'answered' }> => m.t === 'answered' && m.round === round,
              T * 2,
              'answered',
            )
            .catch(() => null);
          c.send({ t: 'burst', round, value: 0, timeoutMs: T * 2 - 1_000 });
          return p;
        }),
      );
      for (const a of answered) {
        if (!a) {
          this.failures.NO_REPORT = (this.failures.NO_REPORT ?? 0) + 1;
          continue;
        }
        for (const [code, n] of Object.entries(a.errors))
          this.failures[code] = (this.failures[code] ?? 0) + n;
      }

      const locked = waitSeen(clients, 'locked', T);
      await host.command('question:lock', T);
      if (!(await locked.done)) this.missedEvents++;
      const revealed = waitSeen(clients, 'revealed', T);
      await host.command('question:reveal', T);
      if (!(await revealed.done)) this.missedEvents++;
    } catch (error) {
      this.error = this.wrap(error);
      log(`  ${this.error.message.split('\n')[0]}`);
    }
  }

  /** byte marks, collect, durability check; always closes the session */
  async finish(): Promise<LiveRun> {
    try {
      if (this.error) throw this.error;
      return await this.measure();
    } catch (error) {
      throw error === this.error ? error : this.wrap(error);
    } finally {
      await this.close();
    }
  }

  private async measure(): Promise<LiveRun> {
    const { opts, server, target } = this;
    const T = opts.stepTimeoutMs;
    const cpuAfter = cpuOf(server);
    await sleep(400); // let the last tally tick land
    const after = await this.mark(2);
    const collected = await Promise.all(
      this.clients.map((c) => {
        const p = c.waitFor(
          (m): m is Extract<FromClient, { t: 'collected' }> => m.t === 'collected',
          T,
          'collected',
        );
        c.send({ t: 'collect' });
        return p;
      }),
    );

    const sentAtOf = (key: string) => collected.map((c) => c.sentAt[key]).find((v) => typeof v === 'number');
    const useSentAt = Object.keys(this.sendTimes).some((k) => sentAtOf(k) !== undefined);
    const fanServer: number[] = [];
    const fanHost: number[] = [];
    const openFan: number[] = [];
    for (const [key, hostSent] of Object.entries(this.sendTimes)) {
      const stamped = sentAtOf(key);
      for (const c of collected) {
        for (const t of c.recv[key] ?? []) {
          if (key.startsWith('question-shown:')) {
            fanHost.push(t - hostSent);
            if (stamped !== undefined) fanServer.push(t - stamped);
          } else if (key.startsWith('answering-opened:')) openFan.push(t - hostSent);
        }
      }
    }
    const ackP: number[] = [];
    const ackA: number[] = [];
    for (const c of collected)
      for (const r of Object.values(c.acks)) {
        for (const v of r.player) ackP.push(v);
        for (const v of r.audience) ackA.push(v);
      }

    const d = diffCounters(this.marked!.before, after);
    const mix = deviceMix(opts.devices);
    const bytesByRole: Record<string, number> = {};
    let weighted = 0;
    let weight = 0;
    for (const [role, v] of Object.entries(d.byRole)) {
      if (v.sockets === 0) continue;
      bytesByRole[role] = v.bytes / v.sockets / opts.questions;
      const n = mix[role as keyof typeof mix] ?? 0;
      weighted += bytesByRole[role] * n;
      weight += n;
    }
    const bytesByEvent = Object.fromEntries(
      Object.entries(d.byEvent)
        .filter(([, b]) => b > 0)
        .sort((x, y) => y[1] - x[1])
        .map(([ev, b]) => [ev, Math.round(b / Math.max(1, d.sockets) / opts.questions)]),
    );

    const framesByEvent = Object.fromEntries(
      Object.entries(d.framesByEvent)
        .filter(([, f]) => f > 0)
        .sort((x, y) => y[1] - x[1])
        .map(([ev, f]) => [ev, Math.round((f / Math.max(1, d.sockets) / opts.questions) * 100) / 100]),
    );
    const acked = { player: ackP.length, audience: ackA.length };
    this.host?.close();
    this.host = null;
    let durable: DurableCheck | null = null;
    if (target.verifyDurable && this.setup) {
      await Promise.all(this.clients.map((c) => c.close()));
      this.clients = [];
      durable = await target.verifyDurable(server, this.setup, acked).catch((e: unknown) => {
        log('  durability check failed:', String(e));
        return null;
      });
    }
    const c = this.conn;
    return {
      target: target.label,
      devices: opts.devices,
      mix,
      questions: opts.questions,
      connected: c.ok,
      connectFailed: c.failed,
      connectErrors: c.errors,
      connectMs: c.ms,
      fanoutReference: useSentAt ? 'server-sentAt' : 'host-send',
      fanout: summarize(fanHost),
      fanoutFromServerSentAt: useSentAt ? summarize(fanServer) : null,
      openFanout: summarize(openFan),
      showCommandAck: summarize(this.showAcks),
      ack: summarize([...ackP, ...ackA]),
      ackByRole: { player: summarize(ackP), audience: summarize(ackA) },
      ackFailures: this.failures,
      acked,
      missedEvents: this.missedEvents,
      disconnects: collected.reduce((s, x) => s + x.disconnects, 0),
      bytesPerDevicePerQuestion: weight ? weighted / weight : Number.NaN,
      bytesByRole,
      bytesByEvent,
      framesByEvent,
      framesPerDevicePerQuestion:
        Math.round(Object.values(framesByEvent).reduce((a, b) => a + b, 0) * 100) / 100,
      serverCpuMsPerQuestion: (cpuAfter - this.marked!.cpuBefore) / opts.questions,
      durable,
      captured: collected.map((x) => x.captured).find((x) => x.snapshot !== null) ?? null,
      wallMs: Date.now() - this.wallStart,
    };
  }

  async close(): Promise<void> {
    this.host?.close();
    this.host = null;
    await Promise.all(this.clients.map((c) => c.close()));
    this.clients = [];
    await this.server.stop();
  }
}

/** one target alone */
export async function runLive(target: Target, opts: LiveOptions): Promise<LiveRun> {
  const session = await LiveSession.open(target, opts);
  for (let q = 0; q < opts.questions; q++) await session.question();
  return session.finish();
}

/**
 * App and bare server side by side: both connected, questions interleaved A B B A A B …, so the
 * machine's background load falls on both alike. Each side fails on its own.
 */
export async function runPair(
  targets: Target[],
  opts: LiveOptions,
): Promise<{ runs: (LiveRun | null)[]; errors: string[] }> {
  const errors: string[] = [];
  const sessions: (LiveSession | null)[] = [];
  for (const t of targets) {
    try {
      sessions.push(await LiveSession.open(t, opts));
    } catch (e) {
      errors.push((e as Error).message);
      log(`  ${(e as Error).message.split('\n')[0]}`);
      sessions.push(null);
    }
  }
  for (let q = 0; q < opts.questions; q++) {
    const order = q % 2 === 0 ? sessions : [...sessions].reverse();
    for (const s of order) await s?.question();
  }
  const runs: (LiveRun | null)[] = [];
  for (const s of sessions) {
    if (!s) {
      runs.push(null);
      continue;
    }
    try {
      runs.push(await s.finish());
    } catch (e) {
      errors.push((e as Error).message);
      runs.push(null);
    }
  }
  return { runs, errors };
}

/** write captured payloads where the baseline server can read them */
export function writePayloadFile(captured: CapturedPayloads): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'cv-bench-payload-')), 'payload.json');
  fs.writeFileSync(file, JSON.stringify(captured));
  return file;
}
