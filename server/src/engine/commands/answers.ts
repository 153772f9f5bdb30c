/** A contestant's answer. Hot path: up to 2,000 arrive in a burst, so only the answers map and the rounds array are copied. */
import type { AnswerValue } from '@cv/shared/protocol';
import { validAnswerFor } from '../rules/answers.ts';
import { currentRound, roundQuestion, withRound } from '../state.ts';
import type { EngineContext, ShowState } from '../types.ts';
import { accept, reject, type Step } from './result.ts';

export interface AnswerCommand {
  type: 'answer:submit';
  seat: number;
  round: number;
  value: AnswerValue;
}

export function submitAnswer(state: ShowState, cmd: AnswerCommand, ctx: EngineContext): Step {
  // a rehearsal question takes answers in the lobby: they live and die with it
  const round = currentRound(state);
  if (state.stage !== 'running' && !state.rehearsal) return reject('WRONG_STAGE', 'the show is not running');
  if (state.paused) return reject('PAUSED', 'the show is paused');
  if (round === null) return reject('NO_ROUND', 'no question is shown');
  if (cmd.round !== round.index) return reject('ROUND_MISMATCH', 'that question is no longer current');
  if (!state.seats.some((s) => s.seat === cmd.seat)) return reject('SEAT_NOT_FOUND', `no seat ${cmd.seat}`);
  if (!round.eligibleSeats.includes(cmd.seat))
    return reject('SEAT_NOT_ELIGIBLE', 'this seat may not answer this question');
  if (round.phase === 'shown') return reject('WRONG_PHASE', 'answering has not opened yet');
  if (round.phase !== 'answering' || round.deadline === null)
    return reject('ANSWER_LATE', 'answering is closed');
  const grace = state.rules.lateGraceMs;
  if (ctx.now > round.deadline + grace) return reject('ANSWER_LATE', 'the answer arrived after the deadline');
  const question = roundQuestion(state, round);
  if (!validAnswerFor(question, cmd.value))
    return reject('ANSWER_INVALID', 'the answer does not fit the question');
  if (round.answers[cmd.seat] && !state.rules.allowAnswerChange) {
    return reject('ANSWER_LOCKED', 'the answer was already given and may not change');
  }
  const limit = question.timeLimitSec * 1000;
  // the deadline moves on resume, so limit − time left is the time used with pauses excluded
  const elapsedMs = Math.min(limit + grace, Math.max(0, limit - (round.deadline - ctx.now)));
  const value = Array.isArray(cmd.value) ? cmd.value.slice() : cmd.value;
  const answers = { ...round.answers, [cmd.seat]: { value, at: ctx.now, elapsedMs } };
  return accept(withRound(state, { ...round, answers }));
}
