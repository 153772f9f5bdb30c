/**
 * Takeover requests: a device that signed in on a seat with its PIN while the seat's tablet is
 * connected waits here until the MC approves or refuses it (one click on the console). In memory,
 * per node, like the seat registry it guards: a seat's tablet and its replacement meet on one node.
 */
import type { TakeoverRequest, TakeoverSettled } from '@cv/shared/protocol';
import { newToken } from '../runtime/secrets.ts';
import type { Origin } from '../security/sign-in-guard.ts';

interface Pending extends TakeoverRequest {
  showId: string;
  status: 'pending' | 'approved' | 'denied';
}

export const TAKEOVER_TTL_MS = 2 * 60_000;
/** how soon a waiting device asks again */
export const TAKEOVER_POLL_MS = 1_500;

export class TakeoverDesk {
  private readonly requests = new Map<string, Pending>();

  constructor(
    private readonly clock: () => number,
    private readonly onExpired: (showId: string, settled: TakeoverSettled) => void = () => {},
  ) {}

  open(showId: string, seat: number, name: string | undefined, origin: Origin): TakeoverRequest {
    this.purge();
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
    this.requests.set(request.requestId, request);
    return publicOf(request);
  }

  /** the request this device holds, for this show and seat only (an id is data, looked up in a Map) */
  statusOf(showId: string, seat: number, requestId: string): Pending['status'] | 'unknown' {
    this.purge();
    const r = this.requests.get(requestId);
    if (!r || r.showId !== showId || r.seat !== seat) return 'unknown';
    if (r.status !== 'pending') this.requests.delete(requestId);
    return r.status;
  }

  decide(showId: string, requestId: string, approve: boolean): TakeoverSettled | null {
    this.purge();
    const r = this.requests.get(requestId);
    if (!r || r.showId !== showId || r.status !== 'pending') return null;
    r.status = approve ? 'approved' : 'denied';
    // the device collects its answer on its next try, well within the request's life
    return { requestId, seat: r.seat, outcome: r.status };
  }

  pendingOf(showId: string): TakeoverRequest[] {
    this.purge();
    return [...this.requests.values()]
      .filter((r) => r.showId === showId && r.status === 'pending')
      .map(publicOf);
  }

  private purge(): void {
    const now = this.clock();
    for (const r of this.requests.values())
      if (r.expiresAt <= now) {
        this.requests.delete(r.requestId);
        if (r.status === 'pending')
          this.onExpired(r.showId, { requestId: r.requestId, seat: r.seat, outcome: 'expired' });
      }
  }
}

function publicOf({ showId: _showId, status: _status, ...request }: Pending): TakeoverRequest {
  return request;
}
