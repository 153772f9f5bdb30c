/** How a runner reaches devices, without knowing Socket.IO. Each call is one emit; rooms fan out. */
import type { ServerToClientEvents } from '@cv/shared/protocol';

export type EventName = keyof ServerToClientEvents;
export type EventPayload<E extends EventName> = Parameters<ServerToClientEvents[E]>[0];

/** staff = MC and judges; screens = projection; crowd = contestant tablets; phones = the audience */
export type Audience = 'staff' | 'screens' | 'crowd' | 'phones';

export interface ShowTransport {
  /** one emit per room: the payload is serialized once for every socket in it */
  toRoom<E extends EventName>(showId: string, room: Audience, event: E, payload: EventPayload<E>): void;
  toSeat<E extends EventName>(showId: string, seat: number, event: E, payload: EventPayload<E>): void;
  toAudienceMember<E extends EventName>(
    showId: string,
    audienceId: string,
    event: E,
    payload: EventPayload<E>,
  ): void;
  /** audience ids with a live socket */
  connectedAudience(showId: string): Iterable<string>;
}

export const silentTransport: ShowTransport = {
  toRoom() {},
  toSeat() {},
  toAudienceMember() {},
  connectedAudience: () => [],
};
