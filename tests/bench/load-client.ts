/**
 * Load generator child process: opens K Socket.IO connections (one engine per socket, websocket
 * only, no reconnection), time-stamps the arrival of show events, fires answer bursts on command
 * and counts received bytes on a sample of sockets. Driven by the orchestrator over Node IPC.
 * Raw socket.io-client (not the SDK) to keep the per-socket client overhead low.
 * Everything here is bounded: a fixed list of sockets, one answer per socket per burst, timeouts.
 */
import { io, type Socket } from 'socket.io-client';
import type { Ack, RequestAck, RequestPayload, StateMessage, ViewDelta } from '@cv/shared/protocol';
import {
  TRACKED_EVENTS,
  type ByteCounters,
  type CapturedPayloads,
  type DeviceSpec,
  type FromClient,
  type ToClient,
} from './ipc.ts';

interface Dev {
  spec: DeviceSpec;
  socket: Socket;
  connected: boolean;
  sampled: boolean;
}

const send = (msg: FromClient) => process.send?.(msg);
const tracked = new Set<string>(TRACKED_EVENTS);

const devs: Dev[] = [];
const recv: Record<string, number[]> = {};
const sentAt: Record<string, number> = {};
const acks: Record<string, { player: number[]; audience: number[] }> = {};
const captured: CapturedPayloads = { snapshot: null, states: {}, events: {} };
const counters: ByteCounters = { byRole: {}, byEvent: {} };
let disconnects = 0;
let captureDev: Dev | null = null;
/** hard stop: a client process never outlives this, whatever happens to the parent */
const lifetime = setTimeout(() => process.exit(3), Number(process.env.BENCH_CLIENT_MAX_MS ?? 15 * 60_000));
lifetime.unref();

/** sockets currently connected (kept as a counter: checked on every received event) */
let live = 0;
function connectedCount(): number {
  return live;
}

function eventLabel(data: unknown): string {
  if (typeof data !== 'string') return 'binary';
  // socket.io packet: <type>[<ackId>]["event",...]  (type 2 = EVENT, 3 = ACK)
  if (data.charCodeAt(0) === 51 /* '3' */) return 'ack';
  const q = data.indexOf('"');
  if (q < 0 || q > 24) return 'control';
  const end = data.indexOf('"', q + 1);
  return end > q ? data.slice(q + 1, end) : 'control';
}

function countBytes(dev: Dev): void {
  const role = (counters.byRole[dev.spec.role] ??= { sockets: 0, bytes: 0, frames: 0 });
  role.sockets++;
  const hook = () => {
    const engine = dev.socket.io.engine;
    engine.on('packet', (packet: { type: string; data?: unknown }) => {
      const data = packet.data;
      // engine.io text frame = 1 type character + payload (websocket frame headers not counted)
      const bytes =
        1 +
        (typeof data === 'string'
          ? Buffer.byteLength(data)
          : data instanceof ArrayBuffer || ArrayBuffer.isView(data)
            ? (data as ArrayBuffer).byteLength
            : 0);
      role.bytes += bytes;
      role.frames++;
      const label = packet.type === 'message' ? eventLabel(data) : packet.type;
      const ev = (counters.byEvent[label] ??= { bytes: 0, frames: 0 });
      ev.bytes += bytes;
      ev.frames++;
    });
  };
  dev.socket.io.on('open', hook);
}

function checkSeen(key: string): void {
  const arr = recv[key];
  if (arr && arr.length === connectedCount()) send({ t: 'seen', key, count: arr.length });
}

function bind(dev: Dev): void {
  const s = dev.socket;
  // each state message carries the events that produced it
  const arrived = (events: StateMessage['events'], msg: unknown, sent: unknown, delta: boolean) => {
    const now = Date.now();
    for (const ev of events ?? []) {
      if (!tracked.has(ev.type)) continue;
      const round = 'round' in ev ? ev.round : -1;
      const key = `${ev.type}:${round}`;
      (recv[key] ??= []).push(now);
      if (typeof sent === 'number' && !(key in sentAt)) sentAt[key] = sent;
      if (dev === captureDev && !delta && !(ev.type in captured.events)) captured.events[ev.type] = msg;
      if (dev === captureDev && delta) (captured.deltas ??= {})[ev.type] ??= msg;
      checkSeen(key);
    }
  };
  s.on('show:state', (msg: StateMessage & { sentAt?: number }) => {
    if (dev === captureDev) captured.states[msg.round?.phase ?? msg.stage] = msg;
    arrived(msg.events, msg, msg.sentAt, false);
  });
  // tablets and phones: only what changed
  s.on('show:delta', (msg: ViewDelta & { sentAt?: number }) => arrived(msg.events, msg, msg.sentAt, true));
  if (dev === captureDev) {
    s.on('show:snapshot', (snap: unknown) => {
      captured.snapshot ??= snap;
    });
  }
  s.on('disconnect', () => {
    if (dev.connected) {
      disconnects++;
      live--;
    }
    dev.connected = false;
  });
}

async function connectAll(msg: Extract<ToClient, { t: 'connect' }>): Promise<void> {
  const started = Date.now();
  const errors: string[] = [];
  let ok = 0;
  let failed = 0;
  msg.devices.forEach((spec, i) => {
    const socket = io(msg.url, {
      auth: spec.auth as Record<string, unknown>,
      transports: ['websocket'],
      forceNew: true,
      reconnection: false,
      autoConnect: false,
      timeout: msg.timeoutMs,
    });
    const dev: Dev = {
      spec,
      socket,
      connected: false,
      sampled: i % msg.sampleEvery === 0 || spec.role === 'screen',
    };
    if (!captureDev && spec.role === 'audience') captureDev = dev;
    devs.push(dev);
  });
  for (const dev of devs) {
    bind(dev);
    if (dev.sampled) countBytes(dev);
  }
  let next = 0;
  const worker = async () => {
    while (next < devs.length) {
      const dev = devs[next++];
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => done('timeout'), msg.timeoutMs);
        function done(err?: string) {
          clearTimeout(timer);
          dev.socket.off('connect', onConnect);
          dev.socket.off('connect_error', onError);
          if (err) {
            failed++;
            if (errors.length < 5) errors.push(`${dev.spec.role}: ${err}`);
            dev.socket.disconnect();
          } else {
            ok++;
            dev.connected = true;
            live++;
          }
          resolve();
        }
        const onConnect = () => done();
        const onError = (e: Error) => done(e.message);
        dev.socket.on('connect', onConnect);
        dev.socket.on('connect_error', onError);
        dev.socket.connect();
      });
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, msg.concurrency) }, worker));
  send({ t: 'connected', ok, failed, errors, ms: Date.now() - started });
}

function burst(msg: Extract<ToClient, { t: 'burst' }>): void {
  const key = String(msg.round);
  const lat = (acks[key] ??= { player: [], audience: [] });
  const errors: Record<string, number> = {};
  let ok = 0;
  let failed = 0;
  let pending = 0;
  let fired = false;
  const finish = () => {
    if (fired && pending === 0) send({ t: 'answered', round: msg.round, ok, failed, errors });
  };
  for (const dev of devs) {
    if (!dev.connected || dev.spec.role === 'screen') continue;
    const role = dev.spec.role;
    const event = role === 'player' ? 'answer:submit' : 'audience:answer';
    const t0 = Date.now();
    pending++;
    // a raw emit with a callback, not the SDK's promise: thousands per burst, the load generator stays light
    const payload: RequestPayload<typeof event> = { round: msg.round, value: msg.value };
    dev.socket
      .timeout(msg.timeoutMs)
      .emit(event, payload, (err: Error | null, res?: Ack<RequestAck<typeof event>>) => {
        pending--;
        const code = err ? 'TIMEOUT' : !res ? 'UNKNOWN' : res.ok ? null : res.error.code;
        if (code === null) {
          ok++;
          lat[role].push(Date.now() - t0);
        } else {
          failed++;
          errors[code] = (errors[code] ?? 0) + 1;
        }
        finish();
      });
  }
  fired = true;
  finish();
}

process.on('message', (raw) => {
  const msg = raw as ToClient;
  switch (msg.t) {
    case 'connect':
      connectAll(msg).catch((e: unknown) => send({ t: 'error', message: String(e) }));
      break;
    case 'mark':
      send({ t: 'mark', id: msg.id, counters: structuredClone(counters) });
      break;
    case 'burst':
      burst(msg);
      break;
    case 'collect':
      send({ t: 'collected', recv, sentAt, acks, captured, disconnects });
      break;
    case 'close':
      for (const d of devs) {
        d.connected = false;
        d.socket.disconnect();
      }
      live = 0;
      setTimeout(() => process.exit(0), 200);
      break;
  }
});
process.on('disconnect', () => process.exit(0));
send({ t: 'ready' });
