/** This node's sockets: which one holds each seat, and which audience members are connected (per show). Resume tokens are in seat-desk.ts, shared by every node. */
import type { ShowSocket } from './types.ts';

export class SocketRegistry {
  private readonly seats = new Map<string, ShowSocket>();
  /** show → audience id → that member's sockets (a phone may have two tabs open) */
  private readonly audience = new Map<string, Map<string, Set<ShowSocket>>>();

  /** returns the socket that held the seat before, to be told and disconnected */
  claimSeat(showId: string, seat: number, socket: ShowSocket): ShowSocket | undefined {
    const key = `${showId}:${seat}`;
    const previous = this.seats.get(key);
    this.seats.set(key, socket);
    return previous && previous.id !== socket.id ? previous : undefined;
  }

  /** the seat's connected device, if any */
  holderOf(showId: string, seat: number): ShowSocket | undefined {
    const socket = this.seats.get(`${showId}:${seat}`);
    return socket?.connected ? socket : undefined;
  }

  /** true when this socket still held the seat (a taken-over socket releases nothing) */
  releaseSeat(showId: string, seat: number, socket: ShowSocket): boolean {
    const key = `${showId}:${seat}`;
    if (this.seats.get(key) !== socket) return false;
    this.seats.delete(key);
    return true;
  }

  addAudience(showId: string, id: string, socket: ShowSocket): void {
    let members = this.audience.get(showId);
    if (!members) this.audience.set(showId, (members = new Map()));
    let sockets = members.get(id);
    if (!sockets) members.set(id, (sockets = new Set()));
    sockets.add(socket);
  }

  removeAudience(showId: string, id: string, socket: ShowSocket): void {
    const members = this.audience.get(showId);
    const sockets = members?.get(id);
    sockets?.delete(socket);
    if (sockets?.size === 0) members!.delete(id);
  }

  /** a member's own sockets: personal messages go straight to them, not through a room lookup */
  audienceSockets(showId: string, id: string): Iterable<ShowSocket> {
    return this.audience.get(showId)?.get(id) ?? [];
  }

  audienceOf(showId: string): Iterable<string> {
    return this.audience.get(showId)?.keys() ?? [];
  }
}
