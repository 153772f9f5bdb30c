/** Ranking of seats and units. Equal on every key = the same rank, reported as a tie. */
import type { StandingRow, UnitStandingRow } from '@cv/shared/protocol';
import { roundQuestion } from '../state.ts';
import type { ShowState } from '../types.ts';

interface Keys {
  row: Omit<StandingRow, 'rank' | 'tied'>;
  tieCorrect: number;
  tieMs: number;
}

/** Negative when a ranks before b. */
function compare(a: Keys, b: Keys, fastestWins: boolean): number {
  if (a.row.bell !== b.row.bell) return a.row.bell ? -1 : 1;
  if (a.row.status !== b.row.status) return a.row.status === 'standing' ? -1 : 1;
  const ea = a.row.eliminatedAt ?? 0;
  const eb = b.row.eliminatedAt ?? 0;
  if (ea !== eb) return eb - ea;
  if (a.tieCorrect !== b.tieCorrect) return b.tieCorrect - a.tieCorrect;
  if (fastestWins && a.tieMs !== b.tieMs) return a.tieMs - b.tieMs;
  if (a.row.correct !== b.row.correct) return b.row.correct - a.row.correct;
  return a.row.totalAnswerMs - b.row.totalAnswerMs;
}

export function standingsOf(state: ShowState): StandingRow[] {
  const keys = new Map<number, Keys>();
  for (const s of state.seats) {
    keys.set(s.seat, {
      row: {
        seat: s.seat,
        name: s.name,
        ...(s.unit ? { unit: s.unit } : {}),
        status: s.status,
        bell: s.bell,
        eliminatedAt: s.status === 'standing' ? null : s.eliminatedAt,
        correct: 0,
        totalAnswerMs: 0,
      },
      tieCorrect: 0,
      tieMs: 0,
    });
  }
  for (const round of state.rounds) {
    if (round.voided || !round.verdicts) continue;
    if (round.mode !== 'main' && round.mode !== 'tiebreak') continue;
    const limit = roundQuestion(state, round).timeLimitSec * 1000;
    for (const seat of round.eligibleSeats) {
      const k = keys.get(seat);
      if (!k) continue;
      const ok = round.verdicts[seat] === true;
      const answer = round.answers[seat];
      if (round.mode === 'tiebreak') {
        if (ok) {
          k.tieCorrect += 1;
          k.tieMs += answer?.elapsedMs ?? limit;
        }
      } else {
        if (ok) k.row.correct += 1;
        // a missing answer costs the whole limit, so silence is never faster than answering
        k.row.totalAnswerMs += answer?.elapsedMs ?? limit;
      }
    }
  }
  const fastest = state.rules.tieBreakFastestWins;
  const sorted = [...keys.values()].sort((a, b) => compare(a, b, fastest) || a.row.seat - b.row.seat);
  const rows: StandingRow[] = [];
  sorted.forEach((k, i) => {
    const prev = sorted[i - 1];
    const rank = prev && compare(prev, k, fastest) === 0 ? rows[i - 1].rank : i + 1;
    rows.push({ ...k.row, rank, tied: false });
  });
  const counts = new Map<number, number>();
  for (const r of rows) counts.set(r.rank, (counts.get(r.rank) ?? 0) + 1);
  return rows.map((r) => ((counts.get(r.rank) ?? 0) > 1 ? { ...r, tied: true } : r));
}

export function unitStandingsOf(
  state: ShowState,
  standings: StandingRow[] = standingsOf(state),
): UnitStandingRow[] {
  const units = new Map<string, Omit<UnitStandingRow, 'rank'>>();
  for (const r of standings) {
    if (!r.unit) continue;
    const u = units.get(r.unit) ?? { unit: r.unit, seats: 0, standing: 0, bestRank: Infinity, correct: 0 };
    u.seats += 1;
    if (r.status === 'standing') u.standing += 1;
    u.bestRank = Math.min(u.bestRank, r.rank);
    u.correct += r.correct;
    units.set(r.unit, u);
  }
  const cmp = (a: Omit<UnitStandingRow, 'rank'>, b: Omit<UnitStandingRow, 'rank'>) =>
    a.bestRank - b.bestRank || b.standing - a.standing || b.correct - a.correct;
  const sorted = [...units.values()].sort((a, b) => cmp(a, b) || a.unit.localeCompare(b.unit));
  const out: UnitStandingRow[] = [];
  sorted.forEach((u, i) => {
    const rank = i > 0 && cmp(sorted[i - 1], u) === 0 ? out[i - 1].rank : i + 1;
    out.push({ ...u, rank });
  });
  return out;
}
