/**
 * The pre-show rehearsal question: one click runs the whole cycle (shown → answering → locked →
 * revealed) on every device with the built-in sample question, then the show is back in the lobby as it
 * was. It lives beside the show's rounds (state.rehearsal, negative index), never in `rounds` or
 * `effects`, so no standing, result, statistic or minute can count it.
 */
import type { HostCommand, Phase } from '@cv/shared/protocol';
import { isCorrect } from '../rules/answers.ts';
import { rehearsalDueAt } from '../rules/deadline.ts';
import { REHEARSAL_QUESTION, REHEARSAL_STEP_MS } from '../rules/rehearsal-question.ts';
import { seatNumbers } from '../state.ts';
import type { EngineContext, Round, ShowState } from '../types.ts';
import { lockAnswering, openAnswering } from './flow.ts';
import { accept, reject, type Step } from './result.ts';

type Cmd = Extract<HostCommand, { type: 'preshow:rehearse' }>;

export function rehearse(state: ShowState, cmd: Cmd, ctx: EngineContext): Step {
  if (cmd.action === 'cancel') {
    if (!state.rehearsal) return reject('WRONG_PHASE', 'no rehearsal question is running');
    return end(state, true);
  }
  if (state.stage !== 'lobby' || state.rounds.length > 0)
    return reject('WRONG_STAGE', 'a rehearsal question runs only in the lobby, before the show starts');
  if (state.rehearsal) return reject('WRONG_PHASE', 'a rehearsal question is already running');
  const round: Round = {
    // negative and unique per rehearsal (the version of the command that starts it): an answer to an
    // earlier rehearsal or to a show round can never land on this one
    index: -(state.version + 1),
    mode: 'rehearsal',
    number: null,
    questionId: REHEARSAL_QUESTION.id,
    // every seat answers, eliminated or not: the point is to try every tablet
    eligibleSeats: seatNumbers(state),
    optionsHidden: false,
    phase: 'shown',
    deadline: null,
    remainingMs: REHEARSAL_QUESTION.timeLimitSec * 1000,
    answers: {},
    verdicts: null,
    revisions: [],
    voided: false,
  };
  return accept({ ...state, rehearsal: { round, nextStepAt: ctx.now + REHEARSAL_STEP_MS.shown } }, [
    { type: 'question-shown', round: round.index, mode: 'rehearsal' },
  ]);
}

/** the engine's own clock moves the rehearsal on; a step for another rehearsal or phase is stale */
export function rehearsalStep(state: ShowState, round: number, from: Phase, ctx: EngineContext): Step {
  const r = state.rehearsal;
  if (!r || r.round.index !== round || r.round.phase !== from)
    return reject('WRONG_PHASE', 'that rehearsal step is stale');
  const due = rehearsalDueAt(state);
  if (due === null || ctx.now < due) return reject('WRONG_PHASE', 'the rehearsal step is not due yet');
  if (from === 'shown') {
    const opened = openAnswering(state, ctx);
    return opened.ok ? accept(withNextStep(opened.state, null), opened.events) : opened;
  }
  if (from === 'answering') {
    const locked = lockAnswering(state, true, round);
    return locked.ok
      ? accept(withNextStep(locked.state, ctx.now + REHEARSAL_STEP_MS.locked), locked.events)
      : locked;
  }
  if (from === 'locked') return revealRehearsal(state, ctx);
  return end(state, false);
}

function revealRehearsal(state: ShowState, ctx: EngineContext): Step {
  const round = state.rehearsal!.round;
  // verdicts are shown so the hall sees right/wrong work, but no effect is added: nobody moves
  const verdicts: Record<number, boolean> = {};
  for (const [seat, a] of Object.entries(round.answers))
    verdicts[Number(seat)] = isCorrect(REHEARSAL_QUESTION, a.value, state.rules.textMatch);
  return accept(
    {
      ...state,
      rehearsal: {
        round: { ...round, phase: 'revealed', verdicts },
        nextStepAt: ctx.now + REHEARSAL_STEP_MS.revealed,
      },
    },
    [{ type: 'revealed', round: round.index, eliminated: [], returned: [], allWrong: false }],
  );
}

function end(state: ShowState, cancelled: boolean): Step {
  const round = state.rehearsal!.round.index;
  return accept({ ...state, rehearsal: null }, [{ type: 'rehearsal-ended', round, cancelled }]);
}

function withNextStep(state: ShowState, nextStepAt: number | null): ShowState {
  return { ...state, rehearsal: { ...state.rehearsal!, nextStepAt } };
}
