/** Requests every role may send: clock sync and a full resync. */
import { ok } from '@cv/shared/protocol';
import { snapshotOf } from '../types.ts';
import { ALL_ROLES, type PartialHandlerTable } from './table.ts';

export const commonHandlers: PartialHandlerTable<'time:sync' | 'show:resync'> = {
  'time:sync': {
    roles: ALL_ROLES,
    run: ({ deps, payload, socket }) => {
      const serverNow = deps.clock();
      socket.data.clockOffsetMs = serverNow - payload;
      return ok({ serverNow, clientSentAt: payload });
    },
  },
  'show:resync': {
    roles: ALL_ROLES,
    run: ({ socket, runner, deps }) => ok(snapshotOf(socket, deps, runner)),
  },
};
