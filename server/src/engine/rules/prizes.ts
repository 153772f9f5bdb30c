/** Prize proposal from the standings; the BTC confirms (or edits) it. */
import type { PrizeAward, PrizeRank, StandingRow } from '@cv/shared/protocol';
import type { ShowRules } from '@cv/shared/protocol';

export function proposePrizesFrom(standings: StandingRow[], counts: ShowRules['prizes']): PrizeAward[] {
  const places: PrizeRank[] = [
    ...Array<PrizeRank>(counts.first).fill('first'),
    ...Array<PrizeRank>(counts.second).fill('second'),
    ...Array<PrizeRank>(counts.third).fill('third'),
    ...Array<PrizeRank>(counts.consolation).fill('consolation'),
  ];
  const groups: StandingRow[][] = [];
  for (const r of standings) {
    const last = groups[groups.length - 1];
    if (last && last[0].rank === r.rank) last.push(r);
    else groups.push([r]);
  }
  const awards = new Map<PrizeRank, number[]>();
  let place = 0;
  for (const group of groups) {
    if (place >= places.length) break;
    // a tie shares the prize of the place it starts at and uses up as many places as it has seats
    const prize = places[place];
    awards.set(prize, [...(awards.get(prize) ?? []), ...group.map((r) => r.seat)]);
    place += group.length;
  }
  const ranked = [...awards.entries()].map(([prize, seats]) => ({ prize, seats }));
  // ringing the golden bell is the show's own honour, proposed on top of the ranked prizes
  const bell = standings.filter((r) => r.bell).map((r) => r.seat);
  return bell.length > 0 ? [{ prize: 'bell', seats: bell }, ...ranked] : ranked;
}
