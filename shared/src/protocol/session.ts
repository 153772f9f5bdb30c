/** Who a socket is, and the full state it receives on every (re)connect. */
import type { Role } from './model.ts';
import type { AudienceBoardRow, AudienceSelf, SeatSelf, ShowView } from './views.ts';

export interface SessionInfo {
  role: Role;
  showId: string;
  seat?: number;
  audienceId?: string;
  name?: string;
  /** a signed-in staff member (mc:username, judge:username): recorded as the actor of their commands */
  actorId?: string;
  /**
   * to this device only (a seat's tablet, a console signed in with a PIN): sent back as auth.resumeToken on
   * reconnect, it gets the device back at once: no MC approval for a seat, no PIN to judge (a PIN locked by
   * someone's guessing does not lock out the console that is already running)
   */
  resumeToken?: string;
}

/** a device that signed in on a seat with its PIN while the seat's tablet is connected: the MC decides */
export interface TakeoverRequest {
  requestId: string;
  seat: number;
  /** the seat's contestant, when known */
  name?: string;
  /** where the request came from: client address and browser */
  address: string;
  userAgent: string;
  at: number;
  expiresAt: number;
}

export interface TakeoverSettled {
  requestId: string;
  seat: number;
  /** withdrawn: the seat's tablet left while the device waited, and it got in without the MC */
  outcome: 'approved' | 'denied' | 'expired' | 'withdrawn';
}

/** what the MC is told about failed sign-ins (also in the audit trail) */
export interface SignInNotice {
  /** which PIN: a seat's, the MC's, the judges'; or one address failing at many (tokens have no target: unguessable) */
  target: { kind: 'seat'; seat: number } | { kind: 'host' | 'judge' | 'address' };
  /** failed sign-ins since the last success */
  failures: number;
  /** set when this failure paused the target's (or address's) PIN sign-in, until then */
  lockedUntil: number | null;
  /** where the latest failure came from */
  address: string;
  at: number;
}

/** why the address on the QR codes may not reach a tablet or phone in the hall */
export type JoinAddressWarning = 'loopback' | 'not-public-url';

/** where QR codes and printed links send devices: the server decides (PUBLIC_URL, else its LAN address) */
export interface JoinLinks {
  /** base of every join link, e.g. http://192.168.1.20:3000 */
  base: string;
  /** how `base` was chosen */
  source: 'public-url' | 'lan' | 'page';
  /** PUBLIC_URL as configured, null when unset */
  publicUrl: string | null;
  /** the audience play-along link the big screen's QR carries */
  audience: string;
  /** short forms printed under the QR codes, to type by hand (no scheme) */
  shortBoard: string;
  shortAudience: string;
  warning: JoinAddressWarning | null;
}

/** what the projector shows (see screen:control) */
export type ScreenScene = 'live' | 'logo' | 'black' | 'standby';

export interface Snapshot {
  view: ShowView;
  self: SeatSelf | null;
  audience: AudienceSelf | null;
  session: SessionInfo;
  serverNow: number;
  /** audience top 10 (audience and screens) */
  audienceBoard?: AudienceBoardRow[];
  /** host, judge and screens: where the QR codes point */
  links?: JoinLinks;
  /** host, judge and screens: the projector's scene */
  scene?: ScreenScene;
}
