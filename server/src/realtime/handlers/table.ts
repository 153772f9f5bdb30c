/** The handler table: one entry per request of the protocol, typed by its event name (payload in, ack out). */
import type { Ack, ParsedPayload, RequestAck, RequestName, Role, SessionInfo } from '@cv/shared/protocol';
import type { ShowRunner } from '../../runtime/show-runner.ts';
import type { HandlerDeps, ShowSocket } from '../types.ts';

export interface HandlerInput<E extends RequestName> {
  session: SessionInfo;
  runner: ShowRunner;
  deps: HandlerDeps;
  socket: ShowSocket;
  /** already validated against the request's schema */
  payload: ParsedPayload<E>;
}

export interface Handler<E extends RequestName> {
  roles: readonly Role[];
  run(input: HandlerInput<E>): Promise<Ack<RequestAck<E>>> | Ack<RequestAck<E>>;
}

/** every request must have exactly one handler; a wrong ack shape does not compile */
export type HandlerTable = { [E in RequestName]: Handler<E> };
export type PartialHandlerTable<E extends RequestName> = { [K in E]: Handler<K> };

export const ALL_ROLES: readonly Role[] = ['host', 'judge', 'player', 'screen', 'audience'];
