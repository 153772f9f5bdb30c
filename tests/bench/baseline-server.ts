/**
 * The bare baseline: a Socket.IO server of the same library version with no application logic.
 * It replays the public payloads the real server sends (captured from an audience device in the
 * same run, or a synthetic view of the same shape when none is given) and acks answers at once.
 *
 * - on connect: emits 'show:snapshot' with the captured snapshot (so memory per socket compares
 *   like with like);
 * - on a host command (show:start, question:show/open/lock/reveal): bumps a version, broadcasts
 *   what a phone got for that step — 'show:delta' (what changed) when the app sent one, else
 *   'show:state' (the view with its events folded in) — to everyone with ONE io.emit (serialized
 *   once), stamps `sentAt` (server epoch ms), then acks { version };
 * - 'answer:submit' / 'audience:answer': acks { ok: true } immediately, no storage.
 *
 * Env: PORT (0 = free port), BENCH_PAYLOAD (JSON file with CapturedPayloads; optional).
 * Prints `listening http://127.0.0.1:<port>` like the real server. Loopback only.
 */
import { createServer } from 'node:http';
import fs from 'node:fs';
import { Server } from 'socket.io';
import type { ShowEvent } from '@cv/shared/protocol';
import type { CapturedPayloads } from './ipc.ts';
import { syntheticPayloads } from './payload.ts';

const payloads: CapturedPayloads = process.env.BENCH_PAYLOAD
  ? (JSON.parse(fs.readFileSync(process.env.BENCH_PAYLOAD, 'utf8')) as CapturedPayloads)
  : syntheticPayloads();

const http = createServer((_req, res) => {
  res.writeHead(404).end();
});
const io = new Server(http, { transports: ['websocket'], serveClient: false });

let version = 1;
let round = -1;

const PHASE_OF: Record<string, string> = {
  'show:start': 'running',
  'question:show': 'shown',
  'question:open': 'answering',
  'question:lock': 'locked',
  'question:reveal': 'revealed',
};

function eventFor(command: string): ShowEvent {
  switch (command) {
    case 'show:start':
      return { type: 'show-started' };
    case 'question:show':
      round++;
      return { type: 'question-shown', round, mode: 'main' };
    case 'question:open':
      return { type: 'answering-opened', round, deadline: Date.now() + 60_000 };
    case 'question:lock':
      return { type: 'locked', round, auto: false };
    default:
      return { type: 'revealed', round, eliminated: [], returned: [], allWrong: false };
  }
}

/** the captured view for a phase, with the live round index and version patched in (same size ± digits) */
function stateFor(phase: string): unknown {
  const view = (payloads.states[phase] ?? payloads.states.shown ?? {}) as Record<string, unknown>;
  const r = view.round as Record<string, unknown> | null | undefined;
  return { ...view, version, round: r ? { ...r, index: round } : (r ?? null) };
}

io.on('connection', (socket) => {
  const role = (socket.handshake.auth as { role?: string }).role ?? 'audience';
  if (payloads.snapshot)
    socket.emit('show:snapshot', { ...(payloads.snapshot as object), serverNow: Date.now() });
  else
    socket.emit('show:snapshot', {
      view: stateFor('running'),
      self: null,
      audience: null,
      session: { role, showId: 'bench' },
      serverNow: Date.now(),
    });

  socket.on('time:sync', (clientSentAt: number, ack: (r: unknown) => void) =>
    ack({ ok: true, data: { serverNow: Date.now(), clientSentAt } }),
  );
  socket.on('answer:submit', (p: { round: number; value: unknown }, ack: (r: unknown) => void) =>
    ack({ ok: true, data: { round: p.round, acceptedAt: Date.now(), value: p.value } }),
  );
  socket.on('audience:answer', (p: { round: number }, ack: (r: unknown) => void) =>
    ack({ ok: true, data: { round: p.round, acceptedAt: Date.now() } }),
  );
  if (role !== 'host') return;
  for (const command of Object.keys(PHASE_OF)) {
    socket.on(command, (_payload: unknown, ack?: (r: unknown) => void) => {
      version++;
      const event = eventFor(command);
      // like the app: one message per step with its events folded in
      const delta = payloads.deltas?.[event.type];
      if (delta) io.emit('show:delta', { ...(delta as object), events: [event], sentAt: Date.now() });
      else
        io.emit('show:state', {
          ...(stateFor(PHASE_OF[command]) as object),
          events: [event],
          sentAt: Date.now(),
        });
      ack?.({ ok: true, data: { version } });
    });
  }
});

http.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  const addr = http.address();
  const port = typeof addr === 'object' && addr ? addr.port : 0;
  console.log(`listening http://127.0.0.1:${port}`);
});

const shutdown = () => {
  io.close();
  http.close();
  setTimeout(() => process.exit(0), 200).unref();
};
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);
