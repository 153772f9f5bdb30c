/** Which socket holds each seat, and which audience members are connected (per show). */
import type { ShowSocket } from './types.ts';

export class SocketRegistry {
  private readonly seats = new Map<string, ShowSocket>();
  private readonly audience = new Map<string, Map<string, number>>();

  /** returns the socket that held the seat before, to be told and disconnected */
  claimSeat(showId: string, seat: number, socket: ShowSocket): ShowSocket | undefined {
    const key = `${showId}:${seat}`;
    const previous = this.seats.get(key);
    this.seats.set(key, socket);
    return previous && previous.id !== socket.id ? previous : undefined;
  }

  /** true when this socket still held the seat (a taken-over socket releases nothing) */
  releaseSeat(showId: string, seat: number, socket: ShowSocket): boolean {
    const key = `${showId}:${seat}`;
    if (this.seats.get(key) !== socket) return false;
    this.seats.delete(key);
    return true;
  }

  addAudience(showId: string, id: string): void {
    let members = this.audience.get(showId);
    if (!members) this.audience.set(showId, (members = new Map()));
    members.set(id, (members.get(id) ?? 0) + 1);
  }

  removeAudience(showId: string, id: string): void {
    const members = this.audience.get(showId);
    const n = members?.get(id) ?? 0;
    if (n <= 1) members?.delete(id);
    else members!.set(id, n - 1);
  }

  audienceOf(showId: string): Iterable<string> {
    return this.audience.get(showId)?.keys() ?? [];
  }
}
