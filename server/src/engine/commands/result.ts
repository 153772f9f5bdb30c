/** What a command handler returns before the reducer stamps the version. */
import { fail, type ErrorCode, type ShowEvent } from '@cv/shared/protocol';
import type { Outcome, ShowState } from '../types.ts';

export type Step = Outcome;
export const reject = (code: ErrorCode, message: string): Outcome => fail(code, message);
export const accept = (state: ShowState, events: ShowEvent[] = []): Outcome => ({ ok: true, state, events });
