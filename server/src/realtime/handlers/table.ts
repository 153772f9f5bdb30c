import type { Ack, Role, SessionInfo } from '@cv/shared/protocol';
import type { ShowRunner } from '../../runtime/show-runner.ts';
import type { HandlerDeps, ShowSocket } from '../types.ts';

export interface HandlerInput {
  session: SessionInfo;
  runner: ShowRunner;
  deps: HandlerDeps;
  socket: ShowSocket;
  args: unknown[];
}

export interface Handler {
  roles: Role[];
  run(input: HandlerInput): Promise<Ack<unknown>> | Ack<unknown>;
}

export type HandlerTable = Record<string, Handler>;
