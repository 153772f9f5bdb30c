/** MC and judge commands: validate, check the role, hand to the show's runner. */
import {
  auditRecentSchema,
  fail,
  HOST_COMMAND_NAMES,
  hostCommandSchemas,
  JUDGE_COMMAND_NAMES,
  ok,
  seatResetPinSchema,
  type HostCommand,
} from '@cv/shared/protocol';
import { seatCardsOf } from '../../runtime/seat-cards.ts';
import { parsePayload } from '../../validation.ts';
import type { HandlerTable } from './table.ts';

export const staffHandlers: HandlerTable = {
  ...Object.fromEntries(
    HOST_COMMAND_NAMES.map((name) => [
      name,
      {
        roles: JUDGE_COMMAND_NAMES.includes(name) ? ['host', 'judge'] : ['host'],
        async run({ session, runner, args }) {
          const parsed = parsePayload(hostCommandSchemas[name], args[0]);
          if (!parsed.ok) return parsed;
          const command = { type: name, ...(parsed.data as object) } as HostCommand;
          return runner.submit(command, {
            role: session.role as 'host' | 'judge',
            id: session.actorId ?? session.role,
          });
        },
      },
    ]),
  ),
  'seat:reset-pin': {
    roles: ['host'],
    async run({ session, deps, args }) {
      const parsed = parsePayload(seatResetPinSchema, args[0]);
      if (!parsed.ok) return parsed;
      return deps.shows.resetSeatPin(session.showId, parsed.data.seat);
    },
  },
  'seat:cards': {
    roles: ['host'],
    async run({ session, deps, socket, runner }) {
      const record = deps.shows.record(session.showId);
      if (!record) return fail('SHOW_NOT_FOUND', 'no such show');
      const base = deps.publicUrl ?? `http://${socket.handshake.headers.host ?? 'localhost'}`;
      const cards = seatCardsOf(record, runner.state.seats, base);
      return ok(cards);
    },
  },
  'audit:recent': {
    roles: ['host', 'judge'],
    async run({ session, deps, args }) {
      const parsed = parsePayload(auditRecentSchema, args[0] ?? {});
      if (!parsed.ok) return parsed;
      const trail = await deps.store.auditTrail(session.showId);
      return ok(
        trail.slice(-parsed.data.limit).map(({ at, version, actorId, role, type, payload, outcome }) => ({
          at,
          version,
          actorId,
          role,
          type,
          payload,
          outcome,
        })),
      );
    },
  },
};
