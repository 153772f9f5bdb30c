import type { ClientToServerEvents, ServerToClientEvents, SessionInfo } from '@cv/shared/protocol';
import type { Server, Socket } from 'socket.io';
import type { ShowService } from '../runtime/show-service.ts';
import type { SignInGuard } from '../security/sign-in-guard.ts';
import type { SocketRegistry } from './registry.ts';
import type { TakeoverDesk } from './takeovers.ts';
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
  signIn: SignInGuard;
  takeovers: TakeoverDesk;
  toStaff: StaffEvents;
  /** which socket holds each seat, and the resume tokens that bring devices back */
  registry: SocketRegistry;
}

/** an event to every console of a show (staff room) */
export type StaffEvents = <E extends 'seat:takeover-request' | 'seat:takeover-settled' | 'security:notice'>(
  showId: string,
  event: E,
  payload: Parameters<ServerToClientEvents[E]>[0],
) => void;

export const rooms = {
  of: (showId: string, room: 'staff' | 'screens' | 'crowd') => `${showId}:${room}`,
  seat: (showId: string, seat: number) => `${showId}:seat:${seat}`,
};
