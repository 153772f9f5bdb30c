/**
 * Who may connect, decided in the handshake: signed-in staff, a device back on its seat with its
 * resume token, or credentials through the sign-in guard. A PIN sign-in on a seat whose tablet is
 * connected (on any node) does not replace it: it waits for the MC (TAKEOVER_PENDING); a seat card's
 * QR token does. Tokens and requests are in the seat desk every node shares.
 */
import {
  fail,
  ok,
  type Ack,
  type AuthPayload,
  type SessionInfo,
  type TakeoverRequest,
} from '@cv/shared/protocol';
import type { IncomingHttpHeaders } from 'node:http';
import type { ShowService } from '../runtime/show-service.ts';
import type { Origin, SignInGuard, Target } from '../security/sign-in-guard.ts';
import { TAKEOVER_POLL_MS, type SeatDesk } from './seat-desk.ts';

type ParsedAuth = Extract<AuthPayload, { showId: string }>;

/** a refused handshake; `retryAfterMs` and `requestId` travel in the connect_error's `data` */
export type Admission =
  | Ack<SessionInfo>
  | { ok: false; error: { code: string; message: string }; retryAfterMs?: number; requestId?: string };

export interface AdmissionDeps {
  shows: ShowService;
  signIn: SignInGuard;
  desk: SeatDesk;
  /** whether the seat has a connected device, on this node or another */
  seatHeld(showId: string, seat: number): Promise<boolean>;
  authenticateStaff?: (auth: AuthPayload, headers: IncomingHttpHeaders) => Promise<Ack<SessionInfo>>;
  /** a new takeover request: to the show's consoles and into the audit trail */
  onTakeoverRequest(showId: string, request: TakeoverRequest): void;
}

/** what a credential would unlock if guessed: PINs have targets, tokens none */
export function guessTargetsOf(auth: ParsedAuth): Target[] {
  switch (auth.role) {
    case 'host':
    case 'judge':
      return [{ kind: auth.role }];
    case 'player':
      return auth.joinToken ? [] : [{ kind: 'seat', seat: auth.seat ?? 0 }];
    default:
      return [];
  }
}

export function admission(deps: AdmissionDeps) {
  return async function admit(
    auth: ParsedAuth,
    origin: Origin,
    headers: IncomingHttpHeaders,
  ): Promise<Admission> {
    if ((auth.role === 'host' || auth.role === 'judge') && auth.resumeToken && deps.shows.record(auth.showId))
      if (await deps.desk.staffResumes(auth.showId, auth.role, auth.resumeToken))
        return ok({ role: auth.role, showId: auth.showId });
    const staffWithoutPin = (auth.role === 'host' || auth.role === 'judge') && !auth.pin;
    if (staffWithoutPin && deps.authenticateStaff)
      return (
        (await deps.authenticateStaff(auth, headers).catch(() => null)) ?? fail('INTERNAL', 'sign-in failed')
      );
    if (!deps.shows.record(auth.showId)) return fail('SHOW_NOT_FOUND', 'no such show');
    if (auth.role === 'audience') return deps.shows.authenticate(auth);
    if (auth.role === 'player' && auth.resumeToken) {
      const seat = await deps.desk.seatOfResume(auth.showId, auth.resumeToken);
      if (seat !== undefined) return ok(playerSession(deps.shows, auth.showId, seat));
    }
    const targets = guessTargetsOf(auth);
    const result = await deps.signIn.attempt(
      { showId: auth.showId, origin, targets, method: targets.length ? 'pin' : 'token', role: auth.role },
      () => deps.shows.authenticate(auth),
    );
    if (!result.ok || auth.role !== 'player' || auth.joinToken) return result;
    return takeoverGate(deps, result.data, auth.takeoverRequest, origin);
  };
}

async function takeoverGate(
  deps: AdmissionDeps,
  session: SessionInfo,
  requestId: string | undefined,
  origin: Origin,
): Promise<Admission> {
  const { showId } = session;
  const seat = session.seat!;
  if (!(await deps.seatHeld(showId, seat))) {
    // the tablet left while this device waited: the MC's list must not keep a request nobody waits on
    if (requestId) await deps.desk.withdrawTakeover(showId, seat, requestId);
    return ok(session);
  }
  const status = requestId ? await deps.desk.takeoverStatus(showId, seat, requestId) : 'unknown';
  if (status === 'approved') return ok(session);
  if (status === 'denied') return fail('TAKEOVER_DENIED', 'the MC did not let this device take the seat');
  let id = requestId!;
  if (status !== 'pending') {
    const request = await deps.desk.openTakeover(showId, seat, session.name, origin);
    deps.onTakeoverRequest(showId, request);
    id = request.requestId;
  }
  return {
    ...fail('TAKEOVER_PENDING', 'the seat has a connected tablet: waiting for the MC to approve this device'),
    requestId: id,
    retryAfterMs: TAKEOVER_POLL_MS,
  };
}

function playerSession(shows: ShowService, showId: string, seat: number): SessionInfo {
  const name = shows.record(showId)?.setup.seats.find((s) => s.seat === seat)?.name;
  return { role: 'player', showId, seat, ...(name !== undefined ? { name } : {}) };
}
