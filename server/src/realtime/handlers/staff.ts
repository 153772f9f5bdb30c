/** MC and judge commands (the role is checked by the dispatcher, the rules by the engine) and staff requests. */
import { fail, JUDGE_COMMAND_NAMES, ok, type HostCommand, type HostCommandName } from '@cv/shared/protocol';
import { seatCardsOf } from '../../runtime/seat-cards.ts';
import { sessionRecord } from '../../security/sign-in-audit.ts';
import { joinLinksOf, rooms } from '../types.ts';
import type { Handler, PartialHandlerTable } from './table.ts';

function command<N extends HostCommandName>(name: N): Handler<N> {
  return {
    roles: JUDGE_COMMAND_NAMES.includes(name) ? ['host', 'judge'] : ['host'],
    run({ session, runner, payload }) {
      // the event name is the command's type; TS cannot correlate the generic payload with it
      const cmd = { type: name, ...payload } as HostCommand;
      return runner.submit(cmd, {
        role: session.role as 'host' | 'judge',
        id: session.actorId ?? session.role,
      });
    },
  };
}

export const commandHandlers: PartialHandlerTable<HostCommandName> = {
  'show:start': command('show:start'),
  'question:show': command('question:show'),
  'question:options': command('question:options'),
  'question:open': command('question:open'),
  'question:lock': command('question:lock'),
  'question:reveal': command('question:reveal'),
  'question:swap': command('question:swap'),
  'show:pause': command('show:pause'),
  'show:resume': command('show:resume'),
  'rescue:apply': command('rescue:apply'),
  'verdict:revise': command('verdict:revise'),
  'show:finish': command('show:finish'),
  'prizes:confirm': command('prizes:confirm'),
  'seat:update': command('seat:update'),
  'preshow:rehearse': command('preshow:rehearse'),
};

export const staffHandlers: PartialHandlerTable<
  'seat:reset-pin' | 'seat:cards' | 'audit:recent' | 'seat:takeover-decide'
> = {
  'seat:reset-pin': {
    roles: ['host'],
    async run({ session, deps, payload, socket }) {
      const reset = await deps.shows.resetSeatPin(session.showId, payload.seat, {
        id: session.actorId ?? 'host',
        role: 'host',
      });
      if (reset.ok) {
        // a new PIN ends the lock the old one's guessing earned, and whoever held the seat comes back
        // only with the new PIN or card (not with the resume token of the device it had)
        await deps.signIn.clearTarget(session.showId, { kind: 'seat', seat: payload.seat });
        await deps.desk.revokeSeatResume(session.showId, payload.seat);
        // the tablet still on the seat used the old PIN: it is told so and must sign in again
        const seatRoom = socket.nsp.to(rooms.seat(session.showId, payload.seat));
        seatRoom.emit('session:taken-over', {
          message: `PIN của ghế ${payload.seat} vừa được cấp lại. Hãy đăng nhập bằng PIN mới.`,
        });
        socket.nsp.in(rooms.seat(session.showId, payload.seat)).disconnectSockets(true);
      }
      return reset;
    },
  },
  'seat:takeover-decide': {
    roles: ['host'],
    async run({ session, deps, payload }) {
      const settled = await deps.desk.decideTakeover(session.showId, payload.requestId, payload.approve);
      if (!settled) return fail('NOT_FOUND', 'no such pending takeover: already decided or expired');
      await deps.store.append([
        sessionRecord({
          showId: session.showId,
          at: deps.clock(),
          actorId: session.actorId ?? session.role,
          role: session.role,
          type: 'seat:takeover-decide',
          payload: { seat: settled.seat, requestId: settled.requestId, approve: payload.approve },
          outcome: 'ok',
        }),
      ]);
      deps.toStaff(session.showId, 'seat:takeover-settled', settled);
      return ok(settled);
    },
  },
  'seat:cards': {
    roles: ['host'],
    run({ session, deps, socket, runner }) {
      const record = deps.shows.record(session.showId);
      if (!record) return fail('SHOW_NOT_FOUND', 'no such show');
      return ok(seatCardsOf(record, runner.state.seats, joinLinksOf(socket, deps)));
    },
  },
  'audit:recent': {
    roles: ['host', 'judge'],
    async run({ session, deps, payload }) {
      const trail = await deps.store.auditTrail(session.showId);
      return ok(
        trail.slice(-payload.limit).map(({ at, version, actorId, role, type, payload, outcome }) => ({
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
