import type { SessionInfo } from '@cv/shared/protocol';
/** Per-socket wiring: rooms, one live device per seat, snapshot on (re)connect, dispatch of requests. */
import { dispatch, routesOf } from './dispatch.ts';
import { commonHandlers } from './handlers/common.ts';
import { playHandlers } from './handlers/play.ts';
import { preshowHandlers } from './handlers/preshow.ts';
import { commandHandlers, staffHandlers } from './handlers/staff.ts';
import type { HandlerTable } from './handlers/table.ts';
import { newToken } from '../runtime/secrets.ts';
import { takeToken } from './rate-limit.ts';
import type { SocketRegistry } from './registry.ts';
import { rooms, snapshotOf, type HandlerDeps, type ShowSocket } from './types.ts';

export const handlerTable: HandlerTable = {
  ...commonHandlers,
  ...playHandlers,
  ...commandHandlers,
  ...staffHandlers,
  ...preshowHandlers,
};
const routes = routesOf(handlerTable);

const roomOf = (role: SessionInfo['role']) =>
  role === 'host' || role === 'judge'
    ? 'staff'
    : role === 'screen'
      ? 'screens'
      : role === 'player'
        ? 'crowd'
        : 'phones';

const takenOver = (seat: number) => `Ghế ${seat} vừa được đăng nhập trên một thiết bị khác.`;

export type Log = (message: string, err?: unknown) => void;

export function onConnection(socket: ShowSocket, deps: HandlerDeps, registry: SocketRegistry, log: Log) {
  const { session } = socket.data;
  const runner = deps.shows.runner(session.showId);
  if (!runner) {
    // the middleware admits only running shows; a show that went away since is simply closed
    socket.disconnect(true);
    return;
  }
  const staff = session.role === 'host' || session.role === 'judge';
  void socket.join(rooms.of(session.showId, roomOf(session.role)));

  if (session.role === 'player') {
    const seat = session.seat!;
    const previous = registry.claimSeat(session.showId, seat, socket);
    if (previous) {
      previous.emit('session:taken-over', { message: takenOver(seat) });
      previous.disconnect(true);
    }
    if (deps.clustered && deps.io) {
      // the seat's earlier device may sit on another node: told and closed there (through the adapter)
      const others = deps.io.to(rooms.seat(session.showId, seat)).except(socket.id);
      others.emit('session:taken-over', { message: takenOver(seat) });
      deps.io.in(rooms.seat(session.showId, seat)).except(socket.id).disconnectSockets(true);
    }
    void socket.join(rooms.seat(session.showId, seat));
    runner.seatConnected(seat, true);
    // this device alone gets back on the seat at once after a drop, through any node (see admission.ts);
    // the token is saved while the snapshot travels: a device cannot drop and come back faster than that
    session.resumeToken = newToken();
    deps.desk
      .saveSeatResume(session.showId, seat, session.resumeToken)
      .catch((err) => log(`show ${session.showId}: seat ${seat}'s resume token not saved`, err));
  }
  // a console signed in with a PIN (not an account: its cookie already brings it back) gets a resume token
  if (staff && !session.actorId) {
    session.resumeToken = newToken();
    deps.desk
      .saveStaffResume(
        session.showId,
        session.role as 'host' | 'judge',
        session.resumeToken,
        (socket.handshake.auth as { resumeToken?: unknown }).resumeToken,
      )
      .catch((err) => log(`show ${session.showId}: a console's resume token not saved`, err));
  }
  if (staff)
    deps.desk
      .pendingTakeovers(session.showId)
      .then((requests) => {
        for (const request of requests) socket.emit('seat:takeover-request', request);
      })
      .catch((err) => log(`show ${session.showId}: pending takeovers not read`, err));
  if (session.role === 'audience') {
    registry.addAudience(session.showId, session.audienceId!, socket);
    runner.audience.join(session.audienceId!, session.name ?? '');
  }

  socket.emit('show:snapshot', snapshotOf(socket, deps, runner));

  const dispatcher = {
    session,
    runner,
    deps,
    socket,
    // staff are trusted (a handful of laptops); phones and tablets are not
    admit: () => staff || takeToken(socket.data.rate, deps.clock(), deps.deviceRate),
    log,
  };
  socket.onAny((event: unknown, ...args: unknown[]) => dispatch(routes, dispatcher, event, args));

  socket.on('disconnect', () => {
    if (session.role === 'player' && registry.releaseSeat(session.showId, session.seat!, socket))
      runner.seatConnected(session.seat!, false);
    if (session.role === 'audience') registry.removeAudience(session.showId, session.audienceId!, socket);
    if (staff) void announceConsoles(socket, session.showId, log);
  });
  if (staff) void announceConsoles(socket, session.showId, log);
}

/** every console learns how many MC and judge consoles are open: two MCs at once deserve a notice */
async function announceConsoles(socket: ShowSocket, showId: string, log: Log): Promise<void> {
  const room = rooms.of(showId, 'staff');
  try {
    // many nodes: a stalled node makes this time out; a notice is not worth a dead process
    const sockets = await socket.nsp.in(room).fetchSockets();
    const count = (role: string) => sockets.filter((s) => s.data.session.role === role).length;
    socket.nsp.to(room).emit('staff:consoles', { hosts: count('host'), judges: count('judge') });
  } catch (err) {
    log(`show ${showId}: could not count the open consoles`, err);
  }
}
