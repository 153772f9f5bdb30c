/** What every workspace service shares: who acts, the collections, and how an action is audited. */
import type { AdminAuditEntry, StaffRoleName } from '@cv/shared/protocol';
import type { AuditInput, WorkspaceStore } from '../storage/workspace/index.ts';

/** who asked: a signed-in person, a personal API token, the ADMIN_TOKEN bootstrap, or the server itself */
export interface Actor {
  accountId: string | null;
  name: string;
  roles: readonly StaffRoleName[];
  via: AdminAuditEntry['via'];
}

export const SYSTEM_ACTOR: Actor = { accountId: null, name: 'Hệ thống', roles: ['admin'], via: 'system' };

export const COLLECTIONS = {
  accounts: 'accounts',
  usernames: 'usernames',
  sessions: 'sessions',
  tokens: 'tokens',
  settings: 'settings',
  topics: 'topics',
  questions: 'questions',
  units: 'units',
  unitGroups: 'unit-groups',
  exclusions: 'exclusions',
  plans: 'plans',
  assignments: 'assignments',
} as const;

export interface WorkspaceDeps {
  ws: WorkspaceStore;
  clock: () => number;
}

export function auditOf(
  actor: Actor,
  at: number,
  scope: string,
  action: string,
  target: string,
  before: unknown,
  after: unknown,
): AuditInput {
  return {
    scope,
    at,
    actorId: actor.accountId,
    actorName: actor.name,
    via: actor.via,
    action,
    target,
    before: before ?? null,
    after: after ?? null,
  };
}

/** An error the HTTP edge turns into `{ ok:false, error:{ code, message } }`; messages are Vietnamese. */
export class WorkspaceError extends Error {
  override readonly name = 'WorkspaceError';
  constructor(
    readonly code: import('@cv/shared/protocol').ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}
