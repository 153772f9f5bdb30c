import type {
  ClientToServerEvents,
  ScreenScene,
  ServerToClientEvents,
  SessionInfo,
  Snapshot,
} from '@cv/shared/protocol';
import type { ShowRunner } from '../runtime/show-runner.ts';
import type { Server, Socket } from 'socket.io';
import type { ShowService } from '../runtime/show-service.ts';
import type { SignInGuard } from '../security/sign-in-guard.ts';
import type { SocketRegistry } from './registry.ts';
import type { SeatDesk } from './seat-desk.ts';
import type { Store } from '../storage/port.ts';
import { joinLinksFor } from './join-links.ts';
import type { Bucket, DeviceRate } from './rate-limit.ts';

export type SocketData = {
  session: SessionInfo;
  rate: Bucket;
  /** server clock minus the device's at its last time:sync (network delay included), for the pre-show check */
  clockOffsetMs?: number;
};
export type ShowServer = Server<
  ClientToServerEvents,
  ServerToClientEvents,
  Record<string, never>,
  SocketData
>;
export type ShowSocket = Socket<
  ClientToServerEvents,
  ServerToClientEvents,
  Record<string, never>,
  SocketData
>;

export interface HandlerDeps {
  shows: ShowService;
  store: Store;
  clock: () => number;
  /** base URL printed on seat cards; falls back to the LAN address, then the request's Host header */
  publicUrl?: string;
  lanAddress?: string;
  /** what each show's projector shows (kept in memory: after a restart every screen shows the show) */
  scenes: Map<string, ScreenScene>;
  signIn: SignInGuard;
  desk: SeatDesk;
  toStaff: StaffEvents;
  /** which socket holds each seat, and the resume tokens that bring devices back */
  registry: SocketRegistry;
  deviceRate: DeviceRate;
  /** the server, for what reaches other nodes (many nodes) */
  io?: ShowServer;
  /** many nodes share Redis: a seat's earlier device may be on another node */
  clustered?: boolean;
}

/** where this socket's QR codes point (see join-links.ts) */
export function joinLinksOf(socket: ShowSocket, deps: HandlerDeps) {
  return joinLinksFor(socket.data.session.showId, {
    publicUrl: deps.publicUrl,
    pageHost: socket.handshake.headers.host,
    lanAddress: deps.lanAddress,
  });
}

/** the full state a socket gets on (re)connect; staff and screens also learn where the QR codes point */
export function snapshotOf(socket: ShowSocket, deps: HandlerDeps, runner: ShowRunner): Snapshot {
  const { session } = socket.data;
  const snap = runner.snapshotFor(session, deps.clock());
  return session.role === 'player' || session.role === 'audience'
    ? snap
    : { ...snap, links: joinLinksOf(socket, deps), scene: deps.scenes.get(session.showId) ?? 'live' };
}

/** an event to every console of a show (staff room) */
export type StaffEvents = <E extends 'seat:takeover-request' | 'seat:takeover-settled' | 'security:notice'>(
  showId: string,
  event: E,
  payload: Parameters<ServerToClientEvents[E]>[0],
) => void;

export const rooms = {
  of: (showId: string, room: 'staff' | 'screens' | 'crowd' | 'phones') => `${showId}:${room}`,
  seat: (showId: string, seat: number) => `${showId}:seat:${seat}`,
};
