/** Rescue (cứu trợ) by the MC: a list of seats, everyone, everyone out since question k, or the result of a hall game. */
import type { HostCommand } from '@cv/shared/protocol';
import { refold } from '../rules/standing.ts';
import { currentRound } from '../state.ts';
import type { ShowState } from '../types.ts';
import { accept, reject, type Step } from './result.ts';

type RescueCommand = Extract<HostCommand, { type: 'rescue:apply' }>;

export function applyRescue(state: ShowState, cmd: RescueCommand): Step {
  const cur = currentRound(state);
  if (cur && cur.phase !== 'revealed') return reject('WRONG_PHASE', 'finish the current question first');
  const out = state.seats.filter((s) => s.status === 'eliminated');
  let seats: number[];
  switch (cmd.how) {
    case 'seats':
    case 'hall-game': {
      const wanted = cmd.seats ?? [];
      const outSet = new Set(out.map((s) => s.seat));
      if (
        wanted.length === 0 ||
        new Set(wanted).size !== wanted.length ||
        wanted.some((n) => !outSet.has(n))
      ) {
        return reject('INVALID_SEATS', 'name distinct seats that are eliminated');
      }
      seats = wanted.slice().sort((a, b) => a - b);
      break;
    }
    case 'all':
      seats = out.map((s) => s.seat);
      break;
    case 'since': {
      const k = cmd.sinceQuestion;
      if (k === undefined) return reject('BAD_REQUEST', 'sinceQuestion is required');
      seats = out.filter((s) => s.eliminatedAt !== null && s.eliminatedAt >= k).map((s) => s.seat);
      break;
    }
  }
  if (seats.length === 0) return reject('INVALID_SEATS', 'nobody to rescue');
  const { state: next } = refold({
    ...state,
    effects: [...state.effects, { type: 'rescue', seats, how: cmd.how }],
  });
  return accept(next, [{ type: 'rescued', seats, how: cmd.how }]);
}
