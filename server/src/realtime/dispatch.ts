/**
 * From an incoming event to its ack: throttle → look up → role → validate → run. An event name is data
 * from the client: it is looked up in a Map, so `constructor` or `__proto__` find nothing, and anything
 * a handler throws becomes an INTERNAL ack and a log line — never a dead process.
 */
import {
  fail,
  REQUEST_NAMES,
  requestSchemas,
  type Ack,
  type RequestName,
  type Role,
  type SessionInfo,
} from '@cv/shared/protocol';
import type { ZodTypeAny } from 'zod';
import type { ShowRunner } from '../runtime/show-runner.ts';
import { parsePayload } from '../validation.ts';
import type { HandlerInput, HandlerTable } from './handlers/table.ts';
import type { HandlerDeps, ShowSocket } from './types.ts';

type AckFn = (result: Ack<unknown>) => void;

interface Route {
  roles: readonly Role[];
  schema: ZodTypeAny;
  run(input: HandlerInput<RequestName>): Promise<Ack<unknown>> | Ack<unknown>;
}

export type Routes = ReadonlyMap<string, Route>;

/** the typed table as a Map keyed by event name (own entries only: nothing inherited can match) */
export function routesOf(table: HandlerTable): Routes {
  const routes = new Map<string, Route>();
  for (const name of REQUEST_NAMES) {
    const handler = table[name];
    // each handler was checked against its own event's types when the table was built
    routes.set(name, {
      roles: handler.roles,
      schema: requestSchemas[name],
      run: handler.run as Route['run'],
    });
  }
  return routes;
}

export interface Dispatcher {
  session: SessionInfo;
  runner: ShowRunner;
  deps: HandlerDeps;
  socket: ShowSocket;
  /** false when this socket is over its rate (every incoming event counts, known or not) */
  admit(): boolean;
  log(message: string, err?: unknown): void;
}

/** handles one incoming event; never throws */
export function dispatch(routes: Routes, d: Dispatcher, event: unknown, args: unknown[]): void {
  let ack: AckFn | null = null;
  try {
    const last = args[args.length - 1];
    ack = typeof last === 'function' ? (last as AckFn) : null;
    const payload = ack ? args.slice(0, -1) : args;
    // throttle before anything else: a flood of unknown or forbidden events costs as little as possible
    if (!d.admit()) return ack?.(fail('RATE_LIMITED', 'too many requests'));
    // every request in this protocol carries an ack; anything else is noise
    if (!ack) return;
    const name = typeof event === 'string' ? event : String(event);
    const route = routes.get(name);
    if (!route) return ack(fail('UNKNOWN_EVENT', `unknown event "${name.slice(0, 64)}"`));
    if (!route.roles.includes(d.session.role))
      return ack(fail('FORBIDDEN', `${d.session.role} may not send ${name}`));
    if (payload.length > 1) return ack(fail('BAD_REQUEST', 'one payload at most'));
    const parsed = parsePayload(route.schema, payload[0]);
    if (!parsed.ok) return ack(parsed);
    const input = {
      session: d.session,
      runner: d.runner,
      deps: d.deps,
      socket: d.socket,
      payload: parsed.data,
    };
    void settle(ack, () => route.run(input), name, d);
  } catch (err) {
    internal(ack, `event ${String(event).slice(0, 64)}`, err, d);
  }
}

async function settle(
  ack: AckFn,
  work: () => Promise<Ack<unknown>> | Ack<unknown>,
  name: string,
  d: Dispatcher,
) {
  let result: Ack<unknown>;
  try {
    result = await work();
  } catch (err) {
    return internal(ack, `handler ${name}`, err, d);
  }
  try {
    ack(result);
  } catch (err) {
    d.log(`ack of ${name} failed`, err);
  }
}

function internal(ack: AckFn | null, what: string, err: unknown, d: Dispatcher): void {
  try {
    d.log(`${what} failed (${d.session.role} on show ${d.session.showId}); answered INTERNAL`, err);
    ack?.(fail('INTERNAL', 'unexpected server error'));
  } catch {
    // the socket is gone or the logger failed: nothing more to do, and nothing may escape
  }
}
