/**
 * Who may use the online staff routes — the one place that decides it: the organizer's workspace
 * guard (`app.requireStaff`: a signed-in session with its CSRF header on changes, a personal API
 * token, or the ADMIN_TOKEN bootstrap acting as admin) with the roles below.
 */
import type { FastifyInstance, FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import type { StaffRole } from '../../contest/ports.ts';

/** set-up, confirmation, publication and voids need the BTC admin; reading and exports, a secretary too */
export const ONLINE_ROLES = {
  manage: ['admin'],
  read: ['admin', 'secretary'],
} as const satisfies Record<string, readonly StaffRole[]>;

export function requireStaff(app: FastifyInstance, roles: readonly StaffRole[]): preHandlerAsyncHookHandler {
  const guard = app.requireStaff(roles);
  return async (request, reply) => guard(request, reply);
}

/** who did it, for the audit trail: the staff member's name (or ADMIN_TOKEN for automation) */
export function staffName(request: FastifyRequest): string {
  const actor = request.staff?.actor;
  return actor ? (actor.accountId ? `${actor.name} (${actor.accountId})` : actor.name) : 'unknown';
}
