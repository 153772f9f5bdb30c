/** Socket.IO event maps, used reversed by server and client. */
import type { AckCallback } from './errors.ts';
import type { AnswerValue } from './model.ts';
import type { HostCommandName, HostCommandPayload } from './schemas.ts';
import type {
  AudienceBoardRow,
  AudienceSelf,
  HostTally,
  SeatSelf,
  ShowView,
  StateMessage,
  Tally,
} from './views.ts';

export interface SessionInfo {
  role: 'host' | 'judge' | 'player' | 'screen' | 'audience';
  showId: string;
  seat?: number;
  audienceId?: string;
  name?: string;
  /** a signed-in staff member (mc:username, judge:username): recorded as the actor of their commands */
  actorId?: string;
}

export interface Snapshot {
  view: ShowView;
  self: SeatSelf | null;
  audience: AudienceSelf | null;
  session: SessionInfo;
  serverNow: number;
  /** audience top 10 (audience and screens) */
  audienceBoard?: AudienceBoardRow[];
}

type HostCommandEvents = {
  [N in HostCommandName]: (payload: HostCommandPayload<N>, ack: AckCallback<{ version: number }>) => void;
};

export type ClientToServerEvents = HostCommandEvents & {
  /** clock sync: the ack carries the server's time; the client estimates the offset from the round trip */
  'time:sync': (clientSentAt: number, ack: AckCallback<{ serverNow: number; clientSentAt: number }>) => void;
  /** full state again (the server also pushes it on every (re)connect) */
  'show:resync': (ack: AckCallback<Snapshot>) => void;
  'answer:submit': (
    payload: { round: number; value: AnswerValue },
    ack: AckCallback<{ round: number; acceptedAt: number; value: AnswerValue }>,
  ) => void;
  'audience:answer': (
    payload: { round: number; value: AnswerValue },
    ack: AckCallback<{ round: number; acceptedAt: number }>,
  ) => void;
  'seat:reset-pin': (
    payload: { seat: number },
    ack: AckCallback<{ seat: number; pin: string; joinToken: string }>,
  ) => void;
  /** host only: every seat's PIN and QR join token, for printable seat cards */
  'seat:cards': (ack: AckCallback<SeatCard[]>) => void;
  /** host/judge: the latest audit entries, newest last */
  'audit:recent': (payload: { limit?: number }, ack: AckCallback<AuditEntry[]>) => void;
};

export interface SeatCard {
  seat: number;
  name: string;
  unit?: string;
  pin: string;
  joinToken: string;
  /** absolute URL the seat's QR code should encode */
  joinUrl: string;
}

export interface AuditEntry {
  at: number;
  version: number | null;
  actorId: string;
  role: string;
  type: string;
  payload: unknown;
  outcome: string;
}

export interface ServerToClientEvents {
  'show:snapshot': (snapshot: Snapshot) => void;
  'show:state': (message: StateMessage) => void;
  'show:tally': (tally: Tally | HostTally) => void;
  'seat:self': (self: SeatSelf) => void;
  'session:taken-over': (info: { message: string }) => void;
  'audience:self': (self: AudienceSelf) => void;
}
