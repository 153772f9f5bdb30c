/** End of the show, prize confirmation and seat details. */
import type { HostCommand } from '@cv/shared/protocol';
import { currentRound } from '../state.ts';
import type { ShowState } from '../types.ts';
import { accept, reject, type Step } from './result.ts';

export function finishShow(state: ShowState): Step {
  const cur = currentRound(state);
  if (cur && cur.phase !== 'revealed') return reject('WRONG_PHASE', 'finish the current question first');
  return accept({ ...state, stage: 'finished', paused: false }, [{ type: 'show-finished' }]);
}

export function confirmPrizes(state: ShowState, cmd: Extract<HostCommand, { type: 'prizes:confirm' }>): Step {
  if (state.stage !== 'finished') return reject('WRONG_STAGE', 'prizes are confirmed after the show');
  const known = new Set(state.seats.map((s) => s.seat));
  if (cmd.awards.some((a) => a.seats.some((n) => !known.has(n))))
    return reject('INVALID_SEATS', 'unknown seat in awards');
  const prizes = cmd.awards.map((a) => ({ prize: a.prize, seats: a.seats.slice() }));
  return accept({ ...state, prizes, prizesConfirmed: true }, [{ type: 'prizes-confirmed' }]);
}

export function updateSeat(state: ShowState, cmd: Extract<HostCommand, { type: 'seat:update' }>): Step {
  const i = state.seats.findIndex((s) => s.seat === cmd.seat);
  if (i < 0) return reject('SEAT_NOT_FOUND', `no seat ${cmd.seat}`);
  const seat = { ...state.seats[i] };
  if (cmd.name !== undefined) seat.name = cmd.name;
  if (cmd.unit !== undefined) {
    // an empty unit clears it
    if (cmd.unit.trim()) seat.unit = cmd.unit.trim();
    else delete seat.unit;
  }
  const seats = state.seats.slice();
  seats[i] = seat;
  return accept({ ...state, seats });
}
