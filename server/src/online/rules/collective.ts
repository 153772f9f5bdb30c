/**
 * Collective ranking (giải tập thể): units by participants, by participation rate against the roster
 * headcount the organizers supplied, or by average score. Pure.
 */
import type { CollectiveBasis, CollectiveRow } from '@cv/shared/protocol/online.ts';
import type { UnitRef } from '../../contest/ports.ts';

export interface UnitMember {
  unitId: string | null;
  correct: number;
}

type Measures = Omit<CollectiveRow, 'rank' | 'tied' | 'prize'>;

/** larger first, null (unknown) after every number */
const desc = (x: number | null, y: number | null) => (x === y ? 0 : x === null ? 1 : y === null ? -1 : y - x);

/** units that took part come first, whatever the basis: a unit nobody from took part in ranks after them */
const tookPart = (a: Measures, b: Measures) => Number(b.participants > 0) - Number(a.participants > 0);

const ORDER: Record<CollectiveBasis, (a: Measures, b: Measures) => number> = {
  participants: (a, b) => b.participants - a.participants || desc(a.rate, b.rate),
  rate: (a, b) => tookPart(a, b) || desc(a.rate, b.rate) || b.participants - a.participants,
  average: (a, b) => tookPart(a, b) || desc(a.average, b.average) || b.participants - a.participants,
};

/** every unit of the directory, ranked; members are the ranked (not voided) candidates' counted attempts */
export function rankUnits(
  units: readonly UnitRef[],
  members: Iterable<UnitMember>,
  basis: CollectiveBasis,
): CollectiveRow[] {
  const tally = new Map<string, { n: number; sum: number }>();
  for (const m of members) {
    if (m.unitId === null) continue;
    const t = tally.get(m.unitId);
    if (t) {
      t.n++;
      t.sum += m.correct;
    } else tally.set(m.unitId, { n: 1, sum: m.correct });
  }
  const measures: Measures[] = units.map((u) => {
    const t = tally.get(u.unitId) ?? { n: 0, sum: 0 };
    return {
      unitId: u.unitId,
      unitName: u.name,
      groupName: u.groupName,
      participants: t.n,
      headcount: u.headcount,
      rate: u.headcount && u.headcount > 0 ? t.n / u.headcount : null,
      average: t.n > 0 ? t.sum / t.n : null,
    };
  });
  const order = ORDER[basis];
  measures.sort(
    (a, b) => order(a, b) || a.unitName.localeCompare(b.unitName, 'vi') || (a.unitId < b.unitId ? -1 : 1),
  );
  const rows: CollectiveRow[] = [];
  measures.forEach((m, i) => {
    const tiedWithPrev = i > 0 && order(measures[i - 1], m) === 0;
    if (tiedWithPrev) rows[i - 1].tied = true;
    rows.push({ ...m, rank: tiedWithPrev ? rows[i - 1].rank : i + 1, tied: tiedWithPrev, prize: null });
  });
  return rows;
}
