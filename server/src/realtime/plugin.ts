/** Socket.IO on the Fastify server: auth in middleware, thin handlers, room-based fan-out. */
import {
  authSchema,
  type Ack,
  type AuthPayload,
  type ScreenScene,
  type SessionInfo,
} from '@cv/shared/protocol';
import type { IncomingHttpHeaders } from 'node:http';
import fp from 'fastify-plugin';
import { createAdapter } from '@socket.io/redis-streams-adapter';
import { Server } from 'socket.io';
import type { ShowTransport } from '../runtime/transport.ts';
import { originOf } from '../security/address.ts';
import { takeoverRequestRecord } from '../security/sign-in-audit.ts';
import { parsePayload } from '../validation.ts';
import { admission, type Admission } from './admission.ts';
import { onConnection } from './connection.ts';
import { DEVICE_RATE, fullBucket, type DeviceRate } from './rate-limit.ts';
import { SocketRegistry } from './registry.ts';
import { MemoryDocs } from './memory-docs.ts';
import { SeatDesk } from './seat-desk.ts';
import { workspaceStoreOn } from '../storage/workspace/index.ts';
import { rooms, type ShowServer, type StaffEvents } from './types.ts';

declare module 'fastify' {
  interface FastifyInstance {
    io: ShowServer;
  }
}

export interface RealtimeOptions {
  publicUrl?: string;
  lanAddress?: string;
  /** MC/judge without a PIN: a signed-in staff member assigned to the show (the organizers' workspace decides) */
  authenticateStaff?: (auth: AuthPayload, headers: IncomingHttpHeaders) => Promise<Ack<SessionInfo>>;
  /** take the client address from X-Forwarded-For (TRUST_PROXY=1): per-address throttling of sign-ins */
  trustProxy?: boolean;
  /** each tablet's and phone's request rate (default DEVICE_RATE) */
  deviceRate?: DeviceRate;
}

const ADAPTER_NODE_TIMEOUT_MS = 4_000;
/** longer than a dead node takes to be dropped (its node timeout plus the adapter's 1 s sweep) */
const SEAT_HOLDER_WAIT_MS = ADAPTER_NODE_TIMEOUT_MS + 2_000;

/** connect_error: the message is the code; how long to wait and a takeover's id ride in `data` */
function refusal(result: Extract<Admission, { ok: false }>): Error {
  const err = new Error(result.error.code) as Error & { data?: unknown };
  if ('retryAfterMs' in result && result.retryAfterMs !== undefined)
    err.data = {
      retryAfterMs: result.retryAfterMs,
      ...('requestId' in result && result.requestId ? { requestId: result.requestId } : {}),
    };
  return err;
}

export default fp<RealtimeOptions>(
  async (app, opts) => {
    const io: ShowServer = new Server(app.server, {
      // a hall's Wi-Fi drops often: keep dead tablets from holding seats for long
      pingInterval: 10_000,
      pingTimeout: 8_000,
      perMessageDeflate: false,
      maxHttpBufferSize: 64 * 1024,
      // off on purpose: a reconnect gets show:snapshot from any node instead (docs/architecture.md, Many nodes)
      connectionStateRecovery: undefined,
    });
    // many nodes: Socket.IO's own traffic between nodes (a seat taken over on another node, server-side
    // emits) goes through a Redis stream; the show's fan-out does not — every node replays the show and
    // serves its own devices (cluster/node.ts), so room emits below stay local
    if (app.cluster) {
      const streams = app.cluster.adapterClient();
      io.adapter(
        createAdapter(streams, {
          streamName: `${app.cluster.prefix}:socket.io`,
          // a node that died without a word stops being waited for within seconds (default 10 s): a question
          // to every node (is this seat's tablet connected anywhere?) is answered by the living ones
          heartbeatInterval: 1_000,
          heartbeatTimeout: ADAPTER_NODE_TIMEOUT_MS,
        }),
      );
    }
    const registry = new SocketRegistry();
    const toStaff: StaffEvents = (showId, event, payload) =>
      (io.to(rooms.of(showId, 'staff')) as unknown as { emit(e: string, p: unknown): boolean }).emit(
        event,
        payload,
      );
    const seatDocs = app.cluster ? workspaceStoreOn(app.store) : new MemoryDocs();
    const desk = new SeatDesk(seatDocs, app.shows.clock, (showId, settled) =>
      toStaff(showId, 'seat:takeover-settled', settled),
    );
    const seatHeld = async (showId: string, seat: number): Promise<boolean> => {
      if (registry.holderOf(showId, seat)) return true;
      if (!app.cluster) return false;
      try {
        const sockets = await io.in(rooms.seat(showId, seat)).timeout(SEAT_HOLDER_WAIT_MS).fetchSockets();
        return sockets.length > 0;
      } catch (err) {
        // a node did not answer in time: whether its tablet holds the seat is unknown, so the MC decides
        app.log.warn({ err, showId, seat }, 'seat holder unknown across nodes: the sign-in waits for the MC');
        return true;
      }
    };
    const deviceRate = opts.deviceRate ?? DEVICE_RATE;
    const deps = {
      shows: app.shows,
      store: app.store,
      clock: app.shows.clock,
      publicUrl: opts.publicUrl,
      lanAddress: opts.lanAddress,
      scenes: new Map<string, ScreenScene>(),
      signIn: app.signIn,
      desk,
      toStaff,
      registry,
      deviceRate,
    };
    const admit = admission({
      shows: app.shows,
      signIn: app.signIn,
      desk,
      seatHeld,
      authenticateStaff: opts.authenticateStaff,
      onTakeoverRequest: (showId, request) => {
        toStaff(showId, 'seat:takeover-request', request);
        app.store
          .append([takeoverRequestRecord(showId, request)])
          .catch((err) => app.log.error({ err }, 'takeover request not recorded in the audit trail'));
      },
    });
    // the MC hears of repeated failures and of every lock, on whichever console is open
    app.signIn.onFailure((failure) => {
      for (const notice of failure.notices) toStaff(failure.showId, 'security:notice', notice);
    });

    // a room emit encodes the packet once for all its sockets: one serialization per role, not per device
    const emitTo = (room: string, event: string, payload: unknown) =>
      (io.local.to(room) as unknown as { emit(e: string, p: unknown): boolean }).emit(event, payload);
    const transport: ShowTransport = {
      toRoom: (showId, room, event, payload) => emitTo(rooms.of(showId, room), event, payload),
      toSeat: (showId, seat, event, payload) => emitTo(rooms.seat(showId, seat), event, payload),
      toAudienceMember: (showId, id, event, payload) => {
        for (const socket of registry.audienceSockets(showId, id))
          (socket as unknown as { emit(e: string, p: unknown): boolean }).emit(event, payload);
      },
      connectedAudience: (showId) => registry.audienceOf(showId),
    };
    app.shows.attachTransport(transport);

    io.use(async (socket, next) => {
      const parsed = parsePayload(authSchema, socket.handshake.auth);
      if (!parsed.ok) return next(new Error('BAD_REQUEST'));
      const auth = parsed.data;
      // many nodes: a show created on another node is read from the store on first contact
      if (!app.shows.record(auth.showId)) await app.shows.adopt(auth.showId).catch(() => false);
      // a show whose history could not be recovered admits nobody, whichever way they sign in
      if (app.shows.problemOf(auth.showId)) return next(new Error('SHOW_UNAVAILABLE'));
      const result = await admit(
        auth,
        originOf(socket.request, opts.trustProxy ?? false),
        socket.handshake.headers,
      );
      if (!result.ok) return next(refusal(result));
      socket.data.session = result.data;
      socket.data.rate = fullBucket(app.shows.clock(), deviceRate);
      next();
    });

    io.on('connection', (socket) =>
      onConnection(socket, { ...deps, io, clustered: app.cluster !== null }, registry, (message, err) =>
        app.log.error({ err }, message),
      ),
    );

    app.decorate('io', io);
    // sockets must go before the HTTP server can finish closing. Closing the transports (not
    // disconnectSockets, whose "io server disconnect" clients treat as final) makes every device
    // reconnect by itself to the restarted server.
    app.addHook('preClose', async () => {
      io.engine.close();
      if (app.cluster) {
        await (io.of('/').adapter as unknown as { close?: () => Promise<void> | void }).close?.();
        app.cluster.closeClients();
      }
    });
  },
  { name: 'realtime', dependencies: ['store', 'shows', 'sign-in'] },
);
