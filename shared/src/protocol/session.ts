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
