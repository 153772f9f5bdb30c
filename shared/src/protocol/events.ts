/** Socket.IO event maps, used reversed by server and client. Requests are declared in requests.ts. */
import type { AckCallback } from './errors.ts';
import type { RequestAck, RequestName, RequestPayload } from './requests.ts';
import type { ScreenScene, SignInNotice, Snapshot, TakeoverRequest, TakeoverSettled } from './session.ts';
import type { AudienceSelf, HostTally, SeatSelf, StateMessage, Tally, ViewDelta } from './views.ts';

export type { SessionInfo, Snapshot } from './session.ts';

/** every request is `domain:verb` with an ack callback last; a request without a payload sends only the ack */
export type ClientToServerEvents = {
  [E in RequestName]: RequestPayload<E> extends undefined
    ? (ack: AckCallback<RequestAck<E>>) => void
    : (payload: RequestPayload<E>, ack: AckCallback<RequestAck<E>>) => void;
};

export interface ServerToClientEvents {
  'show:snapshot': (snapshot: Snapshot) => void;
  /** staff and screens: the whole view with its events */
  'show:state': (message: StateMessage) => void;
  /** tablets and phones: what changed since their last crowd message */
  'show:delta': (delta: ViewDelta) => void;
  'show:tally': (tally: Tally | HostTally) => void;
  'seat:self': (self: SeatSelf) => void;
  'session:taken-over': (info: { message: string }) => void;
  'audience:self': (self: AudienceSelf) => void;
  /** staff: how many MC and judge consoles are open (sent when one opens or closes) */
  'staff:consoles': (consoles: { hosts: number; judges: number }) => void;
  /** screens and staff: the MC changed the projector's scene, or asked for a sound test */
  'screen:control': (control: { scene: ScreenScene; soundTest?: boolean }) => void;
  /** staff: a device asks to replace a seat's connected tablet (on connect: every pending one) */
  'seat:takeover-request': (request: TakeoverRequest) => void;
  /** staff: a takeover request was decided or expired (every console drops it) */
  'seat:takeover-settled': (settled: TakeoverSettled) => void;
  /** staff: failed sign-ins worth walking over for */
  'security:notice': (notice: SignInNotice) => void;
}
