/** The one way payloads are checked at the edges (HTTP and sockets): schema → value or BAD_REQUEST. */
import { fail, type Ack } from '@cv/shared/protocol';
import type { z, ZodTypeAny } from 'zod';

export function parsePayload<S extends ZodTypeAny>(schema: S, payload: unknown): Ack<z.output<S>> {
  const parsed = schema.safeParse(payload);
  if (parsed.success) return { ok: true, data: parsed.data };
  const issue = parsed.error.issues[0];
  return fail('BAD_REQUEST', `${issue?.path.join('.') || 'payload'}: ${issue?.message ?? 'invalid'}`);
}
