/** When the server must lock the current round by itself. Pure: the runtime owns the timer. */
import { currentRound } from '../state.ts';
import type { ShowState } from '../types.ts';

export interface AutoLock {
  round: number;
  /** server epoch ms: the deadline plus the network grace */
  at: number;
  /** changes whenever the due lock changes (new round, resume with a new deadline) */
  key: string;
}

/** null unless a round is answering with the clock running */
export function autoLockDue(state: ShowState): AutoLock | null {
  const round = currentRound(state);
  if (state.stage !== 'running' || state.paused || round?.phase !== 'answering' || round.deadline === null)
    return null;
  return {
    round: round.index,
    at: round.deadline + state.rules.lateGraceMs,
    key: `${round.index}@${round.deadline}`,
  };
}
