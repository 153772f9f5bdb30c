import type { ClientToServerEvents, ServerToClientEvents, SessionInfo } from '@cv/shared/protocol';
import type { Server, Socket } from 'socket.io';
import type { ShowService } from '../runtime/show-service.ts';
import type { Store } from '../storage/port.ts';
import type { Bucket } from './rate-limit.ts';

export type SocketData = { session: SessionInfo; rate: Bucket };
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
  /** base URL printed on seat cards; falls back to the request's Host header */
  publicUrl?: string;
  /** the server, for what reaches other nodes (many nodes) */
  io?: ShowServer;
  /** many nodes share Redis: a seat's earlier device may be on another node */
  clustered?: boolean;
}

export const rooms = {
  of: (showId: string, room: 'staff' | 'screens' | 'crowd' | 'phones') => `${showId}:${room}`,
  seat: (showId: string, seat: number) => `${showId}:seat:${seat}`,
};
