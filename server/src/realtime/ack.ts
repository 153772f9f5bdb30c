/** Edge helpers: every handler validates, answers through the ack, and never throws at the client. */
import { fail, type Ack } from '@cv/shared/protocol';

export type AckFn = (result: Ack<unknown>) => void;

/** the last argument must be the ack callback; without one the event is dropped */
export function splitAck(args: unknown[]): { payload: unknown[]; ack: AckFn | null } {
  const last = args[args.length - 1];
  return typeof last === 'function'
    ? { payload: args.slice(0, -1), ack: last as AckFn }
    : { payload: args, ack: null };
}

export async function answer(
  ack: AckFn,
  work: () => Promise<Ack<unknown>> | Ack<unknown>,
  log?: (e: unknown) => void,
) {
  try {
    ack(await work());
  } catch (err) {
    log?.(err);
    ack(fail('INTERNAL', 'unexpected server error'));
  }
}
