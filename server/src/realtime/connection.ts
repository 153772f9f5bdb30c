/** Per-socket wiring: rooms, one live device per seat, snapshot on (re)connect, dispatch through the handler table. */
import { fail, type Ack } from '@cv/shared/protocol';
import { answer, splitAck } from './ack.ts';
import { commonHandlers } from './handlers/common.ts';
import { playHandlers } from './handlers/play.ts';
import { staffHandlers } from './handlers/staff.ts';
import type { HandlerTable } from './handlers/table.ts';
import { rooms, type HandlerDeps, type ShowSocket } from './types.ts';
import type { SocketRegistry } from './registry.ts';

const handlers: HandlerTable = { ...commonHandlers, ...playHandlers, ...staffHandlers };

/** token bucket per socket: staff are trusted, phones and tablets are not */
const RATE = { perSecond: 10, burst: 30 };

export function onConnection(
  socket: ShowSocket,
  deps: HandlerDeps,
  registry: SocketRegistry,
  log: (e: unknown) => void,
) {
  const { session } = socket.data;
  const runner = deps.shows.runner(session.showId);
  if (!runner) {
    socket.disconnect(true);
    return;
  }
  const staff = session.role === 'host' || session.role === 'judge';
  void socket.join(
    rooms.of(session.showId, staff ? 'staff' : session.role === 'screen' ? 'screens' : 'crowd'),
  );

  if (session.role === 'player') {
    const seat = session.seat!;
    const previous = registry.claimSeat(session.showId, seat, socket);
    if (previous) {
      previous.emit('session:taken-over', {
        message: `Ghế ${seat} vừa được đăng nhập trên một thiết bị khác.`,
      });
      previous.disconnect(true);
    }
    void socket.join(rooms.seat(session.showId, seat));
    runner.seatConnected(seat, true);
  }
  if (session.role === 'audience') {
    registry.addAudience(session.showId, session.audienceId!, socket);
    runner.audience.join(session.audienceId!, session.name ?? '');
  }

  socket.emit('show:snapshot', runner.snapshotFor(session, deps.clock()));

  socket.onAny((event: string, ...args: unknown[]) => {
    const { payload, ack } = splitAck(args);
    if (!ack) return; // every request in this protocol carries an ack; anything else is noise
    const handler = handlers[event];
    if (!handler) return ack(fail('UNKNOWN_EVENT', `unknown event "${event}"`));
    if (!handler.roles.includes(session.role))
      return ack(fail('FORBIDDEN', `${session.role} may not send ${event}`));
    if (!staff && !takeToken(socket, deps.clock())) return ack(fail('RATE_LIMITED', 'too many requests'));
    void answer(
      ack,
      () => handler.run({ session, runner, deps, socket, args: payload }) as Promise<Ack<unknown>>,
      log,
    );
  });

  socket.on('disconnect', () => {
    if (session.role === 'player' && registry.releaseSeat(session.showId, session.seat!, socket))
      runner.seatConnected(session.seat!, false);
    if (session.role === 'audience') registry.removeAudience(session.showId, session.audienceId!, socket);
  });
}

function takeToken(socket: ShowSocket, now: number): boolean {
  const rate = socket.data.rate;
  rate.tokens = Math.min(RATE.burst, rate.tokens + ((now - rate.at) / 1000) * RATE.perSecond);
  rate.at = now;
  if (rate.tokens < 1) return false;
  rate.tokens -= 1;
  return true;
}
