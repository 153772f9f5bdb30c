/** Which socket holds each seat, and which audience members are connected (per show). */
import { newToken } from '../runtime/secrets.ts';
import type { ShowSocket } from './types.ts';

export class SocketRegistry {
  private readonly seats = new Map<string, ShowSocket>();
  /** seat → the resume token of the device that holds it, and back */
  private readonly resumeBySeat = new Map<string, string>();
  private readonly seatByResume = new Map<string, { showId: string; seat: number }>();
  /** consoles signed in with a PIN: token → show and role (each console's own, replaced at its reconnect) */
  private readonly staffByResume = new Map<string, { showId: string; role: 'host' | 'judge' }>();
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

  /** a fresh resume token for the device that just took the seat (the previous device's stops working) */
  issueResume(showId: string, seat: number): string {
    const key = `${showId}:${seat}`;
    const old = this.resumeBySeat.get(key);
    if (old) this.seatByResume.delete(old);
    const token = newToken();
    this.resumeBySeat.set(key, token);
    this.seatByResume.set(token, { showId, seat });
    return token;
  }

  /** the seat's PIN was reset: whoever held the seat comes back only with the new PIN or QR */
  revokeSeatResume(showId: string, seat: number): void {
    const key = `${showId}:${seat}`;
    const token = this.resumeBySeat.get(key);
    if (token) this.seatByResume.delete(token);
    this.resumeBySeat.delete(key);
  }

  /** a console's fresh resume token; the one it came back with (if any) stops working */
  issueStaffResume(showId: string, role: 'host' | 'judge', previous?: unknown): string {
    if (typeof previous === 'string') this.staffByResume.delete(previous);
    const token = newToken();
    this.staffByResume.set(token, { showId, role });
    return token;
  }

  staffResumes(showId: string, role: string, token: string): boolean {
    const found = this.staffByResume.get(token);
    return found?.showId === showId && found.role === role;
  }

  /** the seat a resume token puts its device back on, in this show */
  seatOfResume(showId: string, token: string): number | undefined {
    const found = this.seatByResume.get(token);
    return found?.showId === showId ? found.seat : undefined;
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
