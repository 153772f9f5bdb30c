/** Socket.IO on the Fastify server: auth in middleware, thin handlers, room-based fan-out. */
import { authSchema, type Ack, type AuthPayload, type SessionInfo } from '@cv/shared/protocol';
import type { IncomingHttpHeaders } from 'node:http';
import fp from 'fastify-plugin';
import { createAdapter } from '@socket.io/redis-streams-adapter';
import { Server } from 'socket.io';
import type { ShowTransport } from '../runtime/transport.ts';
import { parsePayload } from '../validation.ts';
import { onConnection } from './connection.ts';
import { fullBucket } from './rate-limit.ts';
import { SocketRegistry } from './registry.ts';
import { rooms, type ShowServer } from './types.ts';

declare module 'fastify' {
  interface FastifyInstance {
    io: ShowServer;
  }
}

export interface RealtimeOptions {
  publicUrl?: string;
  /** MC/judge without a PIN: a signed-in staff member assigned to the show (the organizers' workspace decides) */
  authenticateStaff?: (auth: AuthPayload, headers: IncomingHttpHeaders) => Promise<Ack<SessionInfo>>;
}

export default fp<RealtimeOptions>(
  async (app, opts) => {
    const io: ShowServer = new Server(app.server, {
      // a hall's Wi-Fi drops often: keep dead tablets from holding seats for long
      pingInterval: 10_000,
      pingTimeout: 8_000,
      perMessageDeflate: false,
      maxHttpBufferSize: 64 * 1024,
      connectionStateRecovery: undefined,
    });
    // many nodes: Socket.IO's own traffic between nodes (a seat taken over on another node, server-side
    // emits) goes through a Redis stream; the show's fan-out does not — every node replays the show and
    // serves its own devices (cluster/node.ts), so room emits below stay local
    if (app.cluster) {
      const streams = app.cluster.adapterClient();
      io.adapter(createAdapter(streams, { streamName: `${app.cluster.prefix}:socket.io` }));
    }
    const registry = new SocketRegistry();
    const deps = { shows: app.shows, store: app.store, clock: app.shows.clock, publicUrl: opts.publicUrl };

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
      const staffWithoutPin = (auth.role === 'host' || auth.role === 'judge') && !auth.pin;
      const result =
        staffWithoutPin && opts.authenticateStaff
          ? await opts.authenticateStaff(auth, socket.handshake.headers).catch(() => null)
          : app.shows.authenticate(auth);
      if (!result) return next(new Error('INTERNAL'));
      if (!result.ok) return next(new Error(result.error.code));
      socket.data.session = result.data;
      socket.data.rate = fullBucket(app.shows.clock());
      next();
    });

    io.on('connection', (socket) =>
      onConnection(socket, { ...deps, io, clustered: app.cluster !== null }, registry, (message, err) =>
        app.log.error({ err }, message),
      ),
    );

    app.decorate('io', io);
    // sockets must go before the HTTP server can finish closing
    app.addHook('preClose', async () => {
      // this node's sockets only: with the adapter, io.disconnectSockets would close every node's
      io.local.disconnectSockets(true);
      io.engine.close();
      if (app.cluster) {
        await (io.of('/').adapter as unknown as { close?: () => Promise<void> | void }).close?.();
        app.cluster.closeClients();
      }
    });
  },
  { name: 'realtime', dependencies: ['store', 'shows'] },
);
