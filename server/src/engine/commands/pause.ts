/** Pause, resume and recovery after a server restart: the clock stops, the time left is kept. */
import { currentRound, withRound } from '../state.ts';
import type { PausedBy } from '@cv/shared/protocol';
import type { Actor, EngineContext, ShowState } from '../types.ts';
import { accept, reject, type Step } from './result.ts';

export function pause(state: ShowState, ctx: EngineContext, actor: Actor): Step {
  if (state.paused) return reject('PAUSED', 'the show is already paused');
  return accept(stopClock(state, ctx.now, actor.role === 'judge' ? 'judge' : 'host'), [{ type: 'paused' }]);
}

/** Pauses; an answering round keeps the time it had left at `at`. */
function stopClock(state: ShowState, at: number, by: PausedBy): ShowState {
  const cur = currentRound(state);
  const paused = { ...state, paused: true, pausedBy: by };
  if (!cur || cur.phase !== 'answering' || cur.deadline === null) return paused;
  return withRound(paused, { ...cur, deadline: null, remainingMs: Math.max(0, cur.deadline - at) });
}

export function resume(state: ShowState, ctx: EngineContext): Step {
  if (!state.paused) return reject('WRONG_PHASE', 'the show is not paused');
  const cur = currentRound(state);
  const resumed = { ...state, paused: false, pausedBy: null };
  if (!cur || cur.phase !== 'answering') return accept(resumed, [{ type: 'resumed', deadline: null }]);
  const deadline = ctx.now + (cur.remainingMs ?? 0);
  return accept(withRound(resumed, { ...cur, deadline, remainingMs: null }), [{ type: 'resumed', deadline }]);
}

/** A restarted server brings a show caught answering back paused with the time it had at `lastSeenAt`; the MC resumes. */
export function recover(state: ShowState, lastSeenAt: number): Step {
  const cur = currentRound(state);
  if (state.stage !== 'running' || state.paused || !cur || cur.phase !== 'answering') return accept(state);
  return accept(stopClock(state, lastSeenAt, 'restart'), [{ type: 'paused' }]);
}
