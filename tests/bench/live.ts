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
import type { Snapshot } from '@cv/shared/protocol';
import type { ByteCounters, CapturedPayloads, DeviceSpec, FromClient } from './ipc.ts';
import { log, sleep, startClients, type ClientProc, type ServerHandle } from './procs.ts';
import { summarize, type Summary } from './stats.ts';
import { deviceMix, deviceSpecs, type DurableCheck, type Target } from './targets.ts';

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
  /** 'server-sentAt' when the events message carries the server's send stamp, else 'host-send' */
  fanoutReference: 'server-sentAt' | 'host-send';
  /** question-shown: send → receipt on every device, every question */
  fanout: Summary;
  /** the same, always measured from the host's command send time */
  fanoutFromHostSend: Summary;
  /** answering-opened fan-out, same reference as `fanout` */
  openFanout: Summary;
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
  /** server CPU (user+sys) per question, ms */
  serverCpuMsPerQuestion: number;
  durable: DurableCheck | null;
  captured: CapturedPayloads | null;
  wallMs: number;
}

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

type Ack = { ok: boolean; data?: { version: number }; error?: { code: string; message: string } };

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

  private emit(name: string, payload: object | null, timeoutMs: number): Promise<Ack> {
    return new Promise((resolve) => {
      const done = (err: Error | null, res: Ack) =>
        resolve(err ? { ok: false, error: { code: 'TIMEOUT', message: String(err) } } : res);
      const s = this.socket.timeout(timeoutMs);
      if (payload) s.emit(name, payload, done);
      else s.emit(name, done);
    });
  }

  /** send a command with the latest version; on STALE_VERSION resync and retry (bounded) */
  async command(name: string, timeoutMs: number, onSend?: (t: number) => void): Promise<void> {
    for (let attempt = 0; attempt < 5; attempt++) {
      onSend?.(Date.now());
      const res = await this.emit(name, { version: this.version }, timeoutMs);
      if (res.ok) {
        if (res.data && res.data.version > this.version) this.version = res.data.version;
        return;
      }
      if (res.error?.code !== 'STALE_VERSION') throw new Error(`${name}: ${res.error?.code} ${res.error?.message}`);
      const snap = await this.emit('show:resync', null, timeoutMs).catch(() => null);
      const v = (snap as unknown as { data?: Snapshot } | null)?.data?.view.version;
      if (typeof v === 'number') this.version = Math.max(this.version, v);
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
  let sockets = 0;
  b.forEach((cb, i) => {
    const ca = a[i];
    for (const [role, v] of Object.entries(cb.byRole)) {
      const r = (byRole[role] ??= { sockets: 0, bytes: 0 });
      r.sockets += v.sockets;
      r.bytes += v.bytes - (ca.byRole[role]?.bytes ?? 0);
      sockets += v.sockets;
    }
    for (const [ev, v] of Object.entries(cb.byEvent)) byEvent[ev] = (byEvent[ev] ?? 0) + v.bytes - (ca.byEvent[ev]?.bytes ?? 0);
  });
  return { byRole, byEvent, sockets };
}

export async function connectDevices(
  clients: ClientProc[],
  url: string,
  specs: DeviceSpec[],
  timeoutMs: number,
  sampleEvery: number,
) {
  const parts = splitRoundRobin(specs, clients.length);
  const started = Date.now();
  const results = await Promise.all(
    clients.map((c, i) => {
      const p = c.waitFor((m): m is Extract<FromClient, { t: 'connected' }> => m.t === 'connected', timeoutMs + 5_000, 'connected');
      c.send({ t: 'connect', url, devices: parts[i], sampleEvery, concurrency: 64, timeoutMs: Math.min(timeoutMs, 30_000) });
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

export async function runLive(target: Target, opts: LiveOptions): Promise<LiveRun> {
  const wallStart = Date.now();
  const server: ServerHandle = await target.start({ payloadFile: opts.payloadFile });
  let clients: ClientProc[] = [];
  let host: HostDriver | null = null;
  try {
    const setup = await target.setupShow(server, opts.questions);
    const specs = deviceSpecs(setup, opts.devices);
    clients = await startClients(Math.min(opts.clientProcs, Math.max(1, Math.ceil(specs.length / 50))));
    // bytes on ~200 sockets in all (every socket below 200 devices), always including players and screens
    const sampleEvery = Math.max(1, Math.floor(specs.length / 200));
    const conn = await connectDevices(clients, server.url, specs, opts.stepTimeoutMs * 4, sampleEvery);
    log(`  ${target.label}: ${conn.ok}/${specs.length} devices connected in ${conn.ms} ms${conn.failed ? ` (${conn.failed} failed: ${conn.errors.join('; ')})` : ''}`);
    host = await HostDriver.connect(server.url, setup.host, opts.stepTimeoutMs);
    const T = opts.stepTimeoutMs;

    const started = waitSeen(clients, 'show-started', T);
    await host.command('show:start', T);
    await started.done;
    await sleep(100);

    const mark = async (id: number) =>
      Promise.all(
        clients.map((c) => {
          const p = c.waitFor((m): m is Extract<FromClient, { t: 'mark' }> => m.t === 'mark' && m.id === id, T, 'mark');
          c.send({ t: 'mark', id });
          return p.then((m) => m.counters);
        }),
      );
    const before = await mark(1);
    const cpuBefore = cpuMsOf(server.pid);

    const sendTimes: Record<string, number> = {};
    let missedEvents = 0;
    const failures: Record<string, number> = {};
    for (let q = 0; q < opts.questions; q++) {
      let t0 = 0;
      const shown = waitSeen(clients, 'question-shown', T);
      await host.command('question:show', T, (t) => (t0 = t));
      const shownKey = await shown.done;
      if (!shownKey) {
        missedEvents++;
        continue;
      }
      sendTimes[shownKey] = t0;
      const round = Number(shownKey.split(':')[1]);

      let t1 = 0;
      const opened = waitSeen(clients, 'answering-opened', T);
      await host.command('question:open', T, (t) => (t1 = t));
      const openKey = await opened.done;
      if (openKey) sendTimes[openKey] = t1;
      else missedEvents++;

      // the burst: every client process fires all its answers in one synchronous loop
      const answered = await Promise.all(
        clients.map((c) => {
          const p = c
            .waitFor((m): m is Extract<FromClient, { t: 'answered' }> => m.t === 'answered' && m.round === round, T * 2, 'answered')
            .catch(() => null);
          c.send({ t: 'burst', round, value: 0, timeoutMs: T * 2 - 1_000 });
          return p;
        }),
      );
      for (const a of answered) {
        if (!a) {
          failures.NO_REPORT = (failures.NO_REPORT ?? 0) + 1;
          continue;
        }
        for (const [code, n] of Object.entries(a.errors)) failures[code] = (failures[code] ?? 0) + n;
      }

      const locked = waitSeen(clients, 'locked', T);
      await host.command('question:lock', T);
      if (!(await locked.done)) missedEvents++;
      const revealed = waitSeen(clients, 'revealed', T);
      await host.command('question:reveal', T);
      if (!(await revealed.done)) missedEvents++;
    }
    const cpuAfter = cpuMsOf(server.pid);
    await sleep(400); // let the last tally tick land
    const after = await mark(2);

    const collected = await Promise.all(
      clients.map((c) => {
        const p = c.waitFor((m): m is Extract<FromClient, { t: 'collected' }> => m.t === 'collected', T, 'collected');
        c.send({ t: 'collect' });
        return p;
      }),
    );

    const sentAtOf = (key: string) => collected.map((c) => c.sentAt[key]).find((v) => typeof v === 'number');
    const useSentAt = Object.keys(sendTimes).some((k) => sentAtOf(k) !== undefined);
    const fan: number[] = [];
    const fanHost: number[] = [];
    const openFan: number[] = [];
    for (const [key, hostSent] of Object.entries(sendTimes)) {
      const ref = useSentAt ? (sentAtOf(key) ?? hostSent) : hostSent;
      for (const c of collected) {
        for (const t of c.recv[key] ?? []) {
          if (key.startsWith('question-shown:')) {
            fan.push(t - ref);
            fanHost.push(t - hostSent);
          } else if (key.startsWith('answering-opened:')) openFan.push(t - ref);
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

    const d = diffCounters(before, after);
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

    const acked = { player: ackP.length, audience: ackA.length };
    host.close();
    host = null;
    let durable: DurableCheck | null = null;
    if (target.verifyDurable) {
      await Promise.all(clients.map((c) => c.close()));
      clients = [];
      durable = await target.verifyDurable(server, setup, acked).catch((e: unknown) => {
        log('  durability check failed:', String(e));
        return null;
      });
    }
    return {
      target: target.label,
      devices: opts.devices,
      mix,
      questions: opts.questions,
      connected: conn.ok,
      connectFailed: conn.failed,
      connectErrors: conn.errors,
      connectMs: conn.ms,
      fanoutReference: useSentAt ? 'server-sentAt' : 'host-send',
      fanout: summarize(fan),
      fanoutFromHostSend: summarize(fanHost),
      openFanout: summarize(openFan),
      ack: summarize([...ackP, ...ackA]),
      ackByRole: { player: summarize(ackP), audience: summarize(ackA) },
      ackFailures: failures,
      acked,
      missedEvents,
      disconnects: collected.reduce((s, c) => s + c.disconnects, 0),
      bytesPerDevicePerQuestion: weight ? weighted / weight : Number.NaN,
      bytesByRole,
      bytesByEvent,
      serverCpuMsPerQuestion: (cpuAfter - cpuBefore) / opts.questions,
      durable,
      captured: collected.map((c) => c.captured).find((c) => c.snapshot !== null) ?? null,
      wallMs: Date.now() - wallStart,
    };
  } catch (error) {
    throw new Error(`${target.label} at ${opts.devices} devices: ${(error as Error).message}\nserver output:\n${server.tail()}`);
  } finally {
    host?.close();
    await Promise.all(clients.map((c) => c.close()));
    await server.stop();
  }
}

/** write captured payloads where the baseline server can read them */
export function writePayloadFile(captured: CapturedPayloads): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'cv-bench-payload-')), 'payload.json');
  fs.writeFileSync(file, JSON.stringify(captured));
  return file;
}
