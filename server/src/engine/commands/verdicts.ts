/** Judges' revisions: change one verdict with a written reason, then replay who is standing. */
import type { HostCommand } from '@cv/shared/protocol';
import { refold } from '../rules/standing.ts';
import { withRound } from '../state.ts';
import type { Actor, EngineContext, ShowState } from '../types.ts';
import { accept, reject, type Step } from './result.ts';

type ReviseCommand = Extract<HostCommand, { type: 'verdict:revise' }>;

export function reviseVerdict(state: ShowState, cmd: ReviseCommand, actor: Actor, ctx: EngineContext): Step {
  const round = state.rounds[cmd.round];
  if (!round) return reject('NO_ROUND', `no round ${cmd.round}`);
  if (round.phase !== 'revealed' || round.voided || !round.verdicts) {
    return reject('WRONG_PHASE', 'only a revealed, not withdrawn question can be revised');
  }
  if (!state.seats.some((s) => s.seat === cmd.seat)) return reject('SEAT_NOT_FOUND', `no seat ${cmd.seat}`);
  if (!round.eligibleSeats.includes(cmd.seat))
    return reject('SEAT_NOT_ELIGIBLE', 'the seat did not play that question');
  const reason = (cmd.reason ?? '').trim();
  if (!reason) return reject('REASON_REQUIRED', 'a revision needs a written reason');
  const revised = {
    ...round,
    verdicts: { ...round.verdicts, [cmd.seat]: cmd.correct },
    revisions: [
      ...round.revisions,
      { seat: cmd.seat, correct: cmd.correct, reason, by: actor.id, at: ctx.now },
    ],
  };
  const { state: refolded } = refold(withRound(state, revised));
  // confirmed prizes rested on the old verdict: the BTC must look again
  const next = refolded.prizesConfirmed ? { ...refolded, prizesConfirmed: false } : refolded;
  return accept(next, [
    { type: 'verdict-revised', round: round.index, seat: cmd.seat, correct: cmd.correct },
  ]);
}
