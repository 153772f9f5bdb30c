import type { SessionInfo } from '@cv/shared/protocol';
/** Per-socket wiring: rooms, one live device per seat, snapshot on (re)connect, dispatch of requests. */
import { dispatch, routesOf } from './dispatch.ts';
import { commonHandlers } from './handlers/common.ts';
import { playHandlers } from './handlers/play.ts';
import { preshowHandlers } from './handlers/preshow.ts';
import { commandHandlers, staffHandlers } from './handlers/staff.ts';
import type { HandlerTable } from './handlers/table.ts';
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
    // this device alone gets back on the seat at once after a drop (see admission.ts)
    session.resumeToken = registry.issueResume(session.showId, seat);
  }
  // a console signed in with a PIN (not an account: its cookie already brings it back) gets a resume token
  if (staff && !session.actorId)
    session.resumeToken = registry.issueStaffResume(
      session.showId,
      session.role as 'host' | 'judge',
      (socket.handshake.auth as { resumeToken?: unknown }).resumeToken,
    );
  if (staff)
    for (const request of deps.takeovers.pendingOf(session.showId))
      socket.emit('seat:takeover-request', request);
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
