/** Events every role may send: clock sync and a full resync. */
import { ok } from '@cv/shared/protocol';
import { z } from 'zod';
import { parsePayload } from '../../validation.ts';
import type { HandlerTable } from './table.ts';

const ALL = ['host', 'judge', 'player', 'screen', 'audience'] as const;
const clientTime = z.number().finite();

export const commonHandlers: HandlerTable = {
  'time:sync': {
    roles: [...ALL],
    run({ deps, args }) {
      const parsed = parsePayload(clientTime, args[0]);
      if (!parsed.ok) return parsed;
      return ok({ serverNow: deps.clock(), clientSentAt: parsed.data });
    },
  },
  'show:resync': {
    roles: [...ALL],
    run({ session, runner, deps }) {
      return ok(runner.snapshotFor(session, deps.clock()));
    },
  },
};
