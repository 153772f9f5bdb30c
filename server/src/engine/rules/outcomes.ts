/**
 * What the last reveal meant — for each seat, and for the field. The fold (standing.ts) says who stands;
 * this says why, by folding the history up to the reveal, through it, and through everything since
 * (an automatic rescue in the same reveal, the MC's rescue, a judges' revision). Devices render these
 * values and decide nothing themselves.
 */
import type { ReturnHow, RoundOutcome, SeatOutcome, SeatResult, SeatStatus } from '@cv/shared/protocol';
import { currentRound } from '../state.ts';
import type { Effect, Round, SeatState, ShowState } from '../types.ts';
import { foldStanding } from './standing.ts';

export interface RevealOutcomes {
  round: number;
  seats: ReadonlyMap<number, SeatOutcome>;
  field: RoundOutcome;
}

/** views ask for every seat after each change: fold once per state, not once per seat */
const cache = new WeakMap<ShowState, RevealOutcomes | null>();

/** The outcomes of the current round once revealed (null before its reveal, or when it was withdrawn). */
export function revealOutcomes(state: ShowState): RevealOutcomes | null {
  let out = cache.get(state);
  if (out === undefined) {
    out = computeOutcomes(state);
    cache.set(state, out);
  }
  return out;
}

export function seatOutcome(state: ShowState, seat: number): SeatOutcome | null {
  return revealOutcomes(state)?.seats.get(seat) ?? null;
}

function computeOutcomes(state: ShowState): RevealOutcomes | null {
  const round = currentRound(state);
  if (!round || round.phase !== 'revealed' || round.voided || !round.verdicts) return null;
  const at = state.effects.findIndex((e) => e.type === 'round' && e.round === round.index);
  if (at < 0) return null;
  const statusAfter = (effects: Effect[]) =>
    new Map(foldStanding({ ...state, effects }).seats.map((s) => [s.seat, s.status] as const));
  const through = foldStanding({ ...state, effects: state.effects.slice(0, at + 1) });
  const before = statusAfter(state.effects.slice(0, at));
  const atReveal = new Map(through.seats.map((s) => [s.seat, s.status] as const));
  const allWrong = through.allWrong.get(round.index) ? state.rules.allWrongRule : null;
  const later = state.effects.slice(at + 1);
  const eligible = new Set(round.eligibleSeats);
  const revised = new Set(round.revisions.map((r) => r.seat));

  const seats = new Map<number, SeatOutcome>();
  const field: RoundOutcome = { eliminated: [], returned: [], allWrong, bell: [], revised: [] };
  for (const now of state.seats) {
    const was = before.get(now.seat) ?? 'standing';
    const then = atReveal.get(now.seat) ?? 'standing';
    const verdict = verdictOf(round, now.seat, eligible.has(now.seat));
    const result = resultOf({
      round,
      now,
      was,
      then,
      eligible: eligible.has(now.seat),
      verdict,
      allWrong,
      laterHow: lastRescueOf(later, now.seat),
    });
    seats.set(now.seat, { round: round.index, verdict, revised: revised.has(now.seat), result });
    if (result.kind === 'returned') field.returned.push(now.seat);
    if (result.kind === 'bell') field.bell.push(now.seat);
    if (was === 'standing' && then === 'eliminated' && now.status === 'eliminated')
      field.eliminated.push(now.seat);
    if (revised.has(now.seat)) field.revised.push(now.seat);
  }
  return { round: round.index, seats, field };
}

function verdictOf(round: Round, seat: number, eligible: boolean): SeatOutcome['verdict'] {
  if (!eligible) return null;
  const v = round.verdicts?.[seat];
  if (v === true) return 'correct';
  return round.answers[seat] ? 'wrong' : 'missed';
}

/** how the seat came back after the reveal: the last rescue effect since that names it */
function lastRescueOf(later: Effect[], seat: number): ReturnHow | null {
  let how: ReturnHow | null = null;
  for (const e of later) if (e.type === 'rescue' && e.seats.includes(seat)) how = e.how;
  return how;
}

interface SeatFacts {
  round: Round;
  now: SeatState;
  /** status before this round's reveal, with today's verdicts everywhere */
  was: SeatStatus;
  /** status right after this round's effect (before any rescue that followed) */
  then: SeatStatus;
  eligible: boolean;
  verdict: SeatOutcome['verdict'];
  allWrong: RoundOutcome['allWrong'];
  laterHow: ReturnHow | null;
}

function resultOf(f: SeatFacts): SeatResult {
  const { round, now } = f;
  const outNow = now.status === 'eliminated';
  if (round.mode === 'golden' && now.bell && f.verdict === 'correct') return { kind: 'bell' };
  if (!outNow && (f.was === 'eliminated' || f.then === 'eliminated')) {
    const byQuestion = f.was === 'eliminated' && f.then === 'standing';
    return { kind: 'returned', how: byQuestion ? 'rescue-question' : (f.laterHow ?? 'seats') };
  }
  if (outNow) {
    if (!f.eligible) return { kind: 'watching' };
    if (round.mode === 'rescue') return { kind: 'still-out' };
    return {
      kind: 'eliminated',
      atQuestion: now.eliminatedAt,
      allWrong: f.allWrong === 'all-eliminated' && now.eliminatedAt === round.number,
    };
  }
  if (!f.eligible) return { kind: 'watching' };
  switch (round.mode) {
    case 'main':
      if (f.verdict !== 'correct' && f.allWrong === 'nobody-eliminated') return { kind: 'saved-all-wrong' };
      if (f.verdict !== 'correct' && f.allWrong === 'tie-break') return { kind: 'tie-break' };
      return { kind: 'stays' };
    case 'golden':
      return { kind: 'golden-missed' };
    case 'tiebreak':
      return { kind: 'tie-break-played' };
    case 'rescue':
      // a rescue question is only for eliminated seats; one standing throughout was reinstated by a revision
      return { kind: 'stays' };
    case 'rehearsal':
      // never reached: a rehearsal adds no effect, so no outcome is computed for it
      return { kind: 'stays' };
  }
}
