/** When the server must lock the current round by itself. Pure: the runtime owns the timer. */
import { currentRound } from '../state.ts';
import type { EngineCommand, ShowState } from '../types.ts';

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

/** when the running rehearsal moves on by itself: answering locks at deadline + grace like a show round */
export function rehearsalDueAt(state: ShowState): number | null {
  const r = state.rehearsal;
  if (!r) return null;
  if (r.round.phase === 'answering')
    return r.round.deadline === null ? null : r.round.deadline + state.rules.lateGraceMs;
  return r.nextStepAt;
}

export interface SystemStep {
  /** server epoch ms */
  at: number;
  /** changes whenever the due step changes */
  key: string;
  command: EngineCommand;
}

/** the next thing the server's clock does by itself: lock a show round, or move the rehearsal on */
export function systemStepDue(state: ShowState): SystemStep | null {
  const lock = autoLockDue(state);
  if (lock) return { at: lock.at, key: lock.key, command: { type: 'system:lock', round: lock.round } };
  const r = state.rehearsal;
  const at = rehearsalDueAt(state);
  if (!r || at === null) return null;
  const { index, phase } = r.round;
  return {
    at,
    key: `rehearsal${index}:${phase}@${at}`,
    command: { type: 'system:rehearsal-step', round: index, from: phase },
  };
}
