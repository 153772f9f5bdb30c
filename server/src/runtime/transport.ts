/** How a runner reaches devices, without knowing Socket.IO. Each call is one emit; rooms fan out. */
import type { ServerToClientEvents } from '@cv/shared/protocol';

export type EventName = keyof ServerToClientEvents;
export type EventPayload<E extends EventName> = Parameters<ServerToClientEvents[E]>[0];

export interface ShowTransport {
  /** contestants, screens and audience: serialized once for all of them */
  toPublic<E extends EventName>(showId: string, event: E, payload: EventPayload<E>): void;
  /** MC and judges */
  toStaff<E extends EventName>(showId: string, event: E, payload: EventPayload<E>): void;
  toSeat<E extends EventName>(showId: string, seat: number, event: E, payload: EventPayload<E>): void;
  toAudienceMember<E extends EventName>(showId: string, audienceId: string, event: E, payload: EventPayload<E>): void;
  /** audience ids with a live socket */
  connectedAudience(showId: string): Iterable<string>;
}

export const silentTransport: ShowTransport = {
  toPublic() {},
  toStaff() {},
  toSeat() {},
  toAudienceMember() {},
  connectedAudience: () => [],
};
