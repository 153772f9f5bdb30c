/**
 * Who may use the online admin routes — the one place that decides it. Today: the organizers' admin
 * token (server/src/services/admin.ts) stands for every staff role. When the organizer's workspace
 * lands, this function switches to its staff guard and roles (one line below).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import type { StaffRole } from '../../contest/ports.ts';
import { sendFail } from './common.ts';

/** set-up, confirmation, publication and voids need the BTC admin; reading and exports, a secretary too */
export const ONLINE_ROLES = {
  manage: ['admin'],
  read: ['admin', 'secretary'],
} as const satisfies Record<string, readonly StaffRole[]>;

export function requireStaff(app: FastifyInstance, _roles: readonly StaffRole[]): preHandlerAsyncHookHandler {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    if (!app.admin.isAdmin(request))
      return sendFail(
        reply,
        'UNAUTHORIZED',
        'Cần đăng nhập Ban Tổ chức (Authorization: Bearer <admin token>).',
      );
  };
}

/** who did it, for the audit trail */
export function staffName(_request: FastifyRequest): string {
  return 'admin';
}
