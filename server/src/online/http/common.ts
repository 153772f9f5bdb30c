/** The online routes' edge: one error shape, statuses from the one table, zod at every entry. */
import { ONLINE_ERRORS, type OnlineErrorCode, type OnlineResult } from '@cv/shared/protocol/online.ts';
import type { FastifyReply, FastifyRequest } from 'fastify';

export function sendFail(reply: FastifyReply, code: OnlineErrorCode, message: string) {
  return reply.code(ONLINE_ERRORS[code]).send({ ok: false, error: { code, message } });
}

/** the result as the route's answer: data with 200 (or `status`), or the error with its status */
export function sendResult<T>(reply: FastifyReply, result: OnlineResult<T>, status = 200) {
  if (result.ok) return reply.code(status).send(result.data);
  return reply.code(ONLINE_ERRORS[result.error.code]).send({ ok: false, error: result.error });
}

/** a zod schema (v3 or v4), or an object that picks one by the value (autosaveBodySchema) */
interface Checker<T> {
  safeParse(
    value: unknown,
  ):
    | { success: true; data: T }
    | { success: false; error: { issues: readonly { path: readonly PropertyKey[]; message: string }[] } };
}

export function parse<T>(schema: Checker<T>, value: unknown, reply: FastifyReply): T | undefined {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  void sendFail(
    reply,
    'BAD_REQUEST',
    `${issue?.path.join('.') || 'payload'}: ${issue?.message ?? 'invalid'}`,
  );
  return undefined;
}

/** `Authorization: Bearer <session token>` of a candidate */
export function bearer(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  return header?.startsWith('Bearer ') ? header.slice(7).trim() : undefined;
}
