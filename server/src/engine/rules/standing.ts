/**
 * THE FOLD: the single source of who is standing. Seat statuses are replayed from scratch over the
 * ordered effects, so a judge's revision or a voided question anywhere in the past changes exactly
 * what it should and nothing else.
 */
import type { Round, SeatState, ShowState } from '../types.ts';

export interface FoldResult {
  seats: SeatState[];
  /** seats of the last main round that hit the all-wrong rule in 'tie-break' mode (null if the last main round did not) */
  tieBreakSeats: number[] | null;
  /** round index → every standing eligible seat was wrong */
  allWrong: Map<number, boolean>;
}

type FoldInput = Pick<ShowState, 'seats' | 'rounds' | 'effects' | 'rules'>;

export function foldStanding(state: FoldInput): FoldResult {
  const seats = new Map<number, SeatState>();
  for (const s of state.seats) {
    seats.set(s.seat, { ...s, status: 'standing', eliminatedAt: null, rescued: false, bell: false });
  }
  const isStanding = (n: number) => seats.get(n)?.status === 'standing';
  const eliminate = (n: number, at: number | null) => {
    const s = seats.get(n);
    if (s) seats.set(n, { ...s, status: 'eliminated', eliminatedAt: at });
  };
  const bringBack = (n: number) => {
    const s = seats.get(n);
    if (s && s.status === 'eliminated')
      seats.set(n, { ...s, status: 'standing', eliminatedAt: null, rescued: true });
  };
  let tieBreakSeats: number[] | null = null;
  const allWrong = new Map<number, boolean>();

  for (const effect of state.effects) {
    if (effect.type === 'rescue') {
      for (const n of effect.seats) bringBack(n);
      continue;
    }
    const round: Round | undefined = state.rounds[effect.round];
    if (!round || round.voided || !round.verdicts) continue;
    const verdicts = round.verdicts;
    switch (round.mode) {
      case 'main': {
        // only seats still standing at this point count: a seat restored by a revision earlier is not
        // judged on rounds it was not eligible for, and one eliminated earlier is not judged again
        const considered = round.eligibleSeats.filter(isStanding);
        const wrong = considered.filter((n) => verdicts[n] === false);
        const everyoneWrong = considered.length > 0 && wrong.length === considered.length;
        allWrong.set(round.index, everyoneWrong);
        tieBreakSeats = null;
        if (!everyoneWrong) {
          for (const n of wrong) eliminate(n, round.number);
        } else if (state.rules.allWrongRule === 'all-eliminated') {
          for (const n of wrong) eliminate(n, round.number);
        } else if (state.rules.allWrongRule === 'tie-break') {
          tieBreakSeats = considered.slice();
        }
        break;
      }
      case 'rescue':
        for (const n of round.eligibleSeats) if (verdicts[n] === true) bringBack(n);
        break;
      case 'golden':
        for (const n of round.eligibleSeats) {
          const s = seats.get(n);
          if (s && s.status === 'standing' && verdicts[n] === true) seats.set(n, { ...s, bell: true });
        }
        break;
      case 'tiebreak':
        break;
    }
  }
  return { seats: state.seats.map((s) => seats.get(s.seat)!), tieBreakSeats, allWrong };
}

/** Applies the fold to the state (new seats array and tie-break seats). */
export function refold(state: ShowState): { state: ShowState; fold: FoldResult } {
  const fold = foldStanding(state);
  return { state: { ...state, seats: fold.seats, tieBreakSeats: fold.tieBreakSeats }, fold };
}
