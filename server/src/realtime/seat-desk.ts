/**
 * Seat sign-in state every node sees: the resume token of each seat's device and of each PIN console,
 * and the takeover requests waiting for the MC. With many nodes it lives in the workspace documents
 * of the Redis they share, so a tablet that reconnects through another node comes back on its seat
 * with its own token, a PIN sign-in on any node waits for the MC's approval, and the MC's decision is
 * collected on whichever node the waiting device asks next. One node keeps them in memory
 * (memory-docs.ts). Tokens and request ids are data sent by clients: document ids, never object keys.
 */
import type { TakeoverRequest, TakeoverSettled } from '@cv/shared/protocol';
import { newToken } from '../runtime/secrets.ts';
import type { Origin } from '../security/sign-in-guard.ts';
import { WorkspaceStoreError, type DocWrite, type WorkspaceStore } from '../storage/workspace/port.ts';

/** the part of the workspace document store the desk uses */
export type SeatDocs = Pick<WorkspaceStore, 'get' | 'list' | 'write'>;

export const TAKEOVER_TTL_MS = 2 * 60_000;
/** how soon a waiting device asks again */
export const TAKEOVER_POLL_MS = 1_500;

const SEAT_TOKENS = 'seat-resume';
const SEAT_HOLDERS = 'seat-resume-holder';
const STAFF_TOKENS = 'staff-resume';
const TAKEOVERS = 'seat-takeovers';
/** compare-and-set retries when another node wrote the same seat at the same moment */
const MAX_TRIES = 8;

type StaffRole = 'host' | 'judge';
type Status = 'pending' | 'approved' | 'denied';

interface SeatToken {
  showId: string;
  seat: number;
}
interface StaffToken {
  showId: string;
  role: StaffRole;
}
interface Pending extends TakeoverRequest {
  showId: string;
  status: Status;
}

const holderId = (showId: string, seat: number) => `${showId}:${seat}`;
const conflict = (err: unknown) => err instanceof WorkspaceStoreError && err.code === 'CONFLICT';

export class SeatDesk {
  constructor(
    private readonly docs: SeatDocs,
    private readonly clock: () => number,
    /** a pending request closed without the MC (it ran out, or the seat came free): told once, by the node that closed it */
    private readonly onClosed: (showId: string, settled: TakeoverSettled) => void = () => {},
  ) {}

  /** `token` now brings its device back on the seat; the seat's previous token stops working */
  async saveSeatResume(showId: string, seat: number, token: string): Promise<void> {
    await this.replaceHolder(
      showId,
      seat,
      (old) => [
        ...(old ? [{ op: 'delete' as const, collection: SEAT_TOKENS, id: old }] : []),
        { op: 'put', collection: SEAT_TOKENS, id: token, doc: { showId, seat } satisfies SeatToken },
      ],
      token,
    );
  }

  /** the seat's PIN was reset: whoever held it comes back only with the new PIN or card */
  async revokeSeatResume(showId: string, seat: number): Promise<void> {
    await this.replaceHolder(showId, seat, (old) =>
      old ? [{ op: 'delete', collection: SEAT_TOKENS, id: old }] : [],
    );
  }

  /** the seat a resume token puts its device back on, in this show */
  async seatOfResume(showId: string, token: string): Promise<number | undefined> {
    const found = await this.docs.get<SeatToken>(SEAT_TOKENS, token);
    return found?.doc.showId === showId ? found.doc.seat : undefined;
  }

  /** a console's fresh token; the one it came back with stops working (only if it was this show's and role's) */
  async saveStaffResume(showId: string, role: StaffRole, token: string, previous?: unknown): Promise<void> {
    const writes: DocWrite[] = [
      { op: 'put', collection: STAFF_TOKENS, id: token, doc: { showId, role } satisfies StaffToken },
    ];
    if (
      typeof previous === 'string' &&
      previous !== token &&
      (await this.staffResumes(showId, role, previous))
    )
      writes.push({ op: 'delete', collection: STAFF_TOKENS, id: previous });
    await this.docs.write(writes);
  }

  async staffResumes(showId: string, role: string, token: string): Promise<boolean> {
    const found = await this.docs.get<StaffToken>(STAFF_TOKENS, token);
    return found?.doc.showId === showId && found.doc.role === role;
  }

  async openTakeover(
    showId: string,
    seat: number,
    name: string | undefined,
    origin: Origin,
  ): Promise<TakeoverRequest> {
    await this.purge();
    const at = this.clock();
    const request: Pending = {
      requestId: newToken(12),
      seat,
      ...(name ? { name } : {}),
      address: origin.address,
      userAgent: origin.userAgent,
      at,
      expiresAt: at + TAKEOVER_TTL_MS,
      showId,
      status: 'pending',
    };
    await this.docs.write([
      { op: 'put', collection: TAKEOVERS, id: request.requestId, doc: request, expect: 'absent' },
    ]);
    return publicOf(request);
  }

  /** the request this device holds, for this show and seat only; a decided one is collected once */
  async takeoverStatus(showId: string, seat: number, requestId: string): Promise<Status | 'unknown'> {
    await this.purge();
    const found = await this.docs.get<Pending>(TAKEOVERS, requestId);
    if (!found || found.doc.showId !== showId || found.doc.seat !== seat) return 'unknown';
    if (found.doc.status === 'pending') return 'pending';
    try {
      await this.docs.write([{ op: 'delete', collection: TAKEOVERS, id: requestId, expect: found.rev }]);
    } catch (err) {
      // the same device asked twice at once, through two nodes: one of them collects the decision
      if (conflict(err)) return 'unknown';
      throw err;
    }
    return found.doc.status;
  }

  /** the seat came free while its request waited, and the device got in by itself: nothing left for the MC */
  async withdrawTakeover(showId: string, seat: number, requestId: string): Promise<void> {
    const found = await this.docs.get<Pending>(TAKEOVERS, requestId);
    if (!found || found.doc.showId !== showId || found.doc.seat !== seat || found.doc.status !== 'pending')
      return;
    try {
      await this.docs.write([{ op: 'delete', collection: TAKEOVERS, id: requestId, expect: found.rev }]);
    } catch (err) {
      if (conflict(err)) return; // decided or closed meanwhile, by whoever will say so
      throw err;
    }
    this.onClosed(showId, { requestId, seat, outcome: 'withdrawn' });
  }

  /** null when there is no such pending request (decided meanwhile, here or on another node, or expired) */
  async decideTakeover(showId: string, requestId: string, approve: boolean): Promise<TakeoverSettled | null> {
    await this.purge();
    const found = await this.docs.get<Pending>(TAKEOVERS, requestId);
    if (!found || found.doc.showId !== showId || found.doc.status !== 'pending') return null;
    const status: Status = approve ? 'approved' : 'denied';
    try {
      await this.docs.write([
        { op: 'put', collection: TAKEOVERS, id: requestId, doc: { ...found.doc, status }, expect: found.rev },
      ]);
    } catch (err) {
      if (conflict(err)) return null; // a second console decided first
      throw err;
    }
    // the device collects its answer on its next try, well within the request's life
    return { requestId, seat: found.doc.seat, outcome: status };
  }

  async pendingTakeovers(showId: string): Promise<TakeoverRequest[]> {
    return (await this.purge()).filter((r) => r.showId === showId && r.status === 'pending').map(publicOf);
  }

  /** clears the requests that ran out; returns the others */
  private async purge(): Promise<Pending[]> {
    const now = this.clock();
    const live: Pending[] = [];
    for (const { id, rev, doc } of await this.docs.list<Pending>(TAKEOVERS)) {
      if (doc.expiresAt > now) {
        live.push(doc);
        continue;
      }
      try {
        await this.docs.write([{ op: 'delete', collection: TAKEOVERS, id, expect: rev }]);
      } catch (err) {
        if (conflict(err)) continue; // another node cleared or decided it
        throw err;
      }
      if (doc.status === 'pending')
        this.onClosed(doc.showId, { requestId: id, seat: doc.seat, outcome: 'expired' });
    }
    return live;
  }

  /** one atomic write moves the seat's holder document to `token` (or removes it) with what `more` adds */
  private async replaceHolder(
    showId: string,
    seat: number,
    more: (oldToken: string | undefined) => DocWrite[],
    token?: string,
  ): Promise<void> {
    const id = holderId(showId, seat);
    for (let tries = 0; ; tries++) {
      const held = await this.docs.get<{ token: string }>(SEAT_HOLDERS, id);
      const expect = held ? held.rev : ('absent' as const);
      const holder: DocWrite = token
        ? { op: 'put', collection: SEAT_HOLDERS, id, doc: { token }, expect }
        : held
          ? { op: 'delete', collection: SEAT_HOLDERS, id, expect: held.rev }
          : { op: 'delete', collection: SEAT_HOLDERS, id };
      try {
        await this.docs.write([holder, ...more(held?.doc.token)]);
        return;
      } catch (err) {
        if (!conflict(err) || tries >= MAX_TRIES) throw err;
      }
    }
  }
}

function publicOf({ showId: _showId, status: _status, ...request }: Pending): TakeoverRequest {
  return request;
}
