/** HTTP edge: one error shape for every route, the same codes as the socket protocol. */
import type { ErrorCode } from '@cv/shared/protocol';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { z, ZodTypeAny } from 'zod';
import { parsePayload } from '../validation.ts';

const STATUS: Partial<Record<ErrorCode, number>> = {
  BAD_REQUEST: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  SHOW_NOT_FOUND: 404,
  SHOW_UNAVAILABLE: 503,
  WRONG_STAGE: 409,
  RATE_LIMITED: 429,
  LOCKED: 423,
  STORAGE_FAILED: 503,
  INTERNAL: 500,
  CSRF_REJECTED: 403,
  ACCOUNT_LOCKED: 423,
  CONFLICT: 409,
  IMPORT_INVALID: 422,
  NOT_APPROVED: 409,
  WRONG_STATUS: 409,
  SELF_REVIEW: 403,
  SETUP_DONE: 409,
  QUESTION_NOT_FOUND: 404,
  TOO_LARGE: 413,
  UNSUPPORTED_MEDIA: 415,
};

export const statusOf = (code: ErrorCode): number => STATUS[code] ?? 400;

export function sendError(reply: FastifyReply, code: ErrorCode, message: string) {
  return reply.code(statusOf(code)).send({ ok: false, error: { code, message } });
}

export function parseOrReply<S extends ZodTypeAny>(
  schema: S,
  value: unknown,
  reply: FastifyReply,
): z.output<S> | undefined {
  const parsed = parsePayload(schema, value);
  if (parsed.ok) return parsed.data;
  void sendError(reply, parsed.error.code, parsed.error.message);
  return undefined;
}

export function baseUrl(request: FastifyRequest, publicUrl?: string): string {
  return publicUrl ?? `${request.protocol}://${request.headers.host ?? 'localhost'}`;
}
