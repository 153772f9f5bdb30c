/**
 * Prize proposals (the BTC confirms them): positions take the prize slots in order (Nhất, Nhì, Ba,
 * Khuyến khích); tied rows share the best slot of their group, and a tie that straddles a slot
 * boundary is reported for the BTC to settle. Pure.
 */
import type {
  CollectivePrize,
  CollectivePrizeCounts,
  IndividualPrize,
  IndividualPrizeCounts,
} from '@cv/shared/protocol/online.ts';

const INDIVIDUAL_ORDER: IndividualPrize[] = ['first', 'second', 'third', 'consolation'];
const COLLECTIVE_ORDER: CollectivePrize[] = ['first', 'second', 'third'];

export const PRIZE_VI: Record<IndividualPrize, string> = {
  first: 'Giải Nhất',
  second: 'Giải Nhì',
  third: 'Giải Ba',
  consolation: 'Giải Khuyến khích',
};

function slotsOf<P extends string>(order: readonly P[], counts: Record<P, number>): P[] {
  return order.flatMap((p) => Array.from({ length: counts[p] }, () => p));
}

/**
 * Prize per row of a ranked list (rows in position order, `rank` equal = tied).
 * Returns the prizes index-aligned with the rows and a warning per straddling tie.
 */
export function proposePrizes<P extends string>(
  rows: readonly { rank: number }[],
  order: readonly P[],
  counts: Record<P, number>,
  label: (prize: P) => string = String,
): { prizes: (P | null)[]; warnings: string[] } {
  const slots = slotsOf(order, counts);
  const prizes: (P | null)[] = new Array(rows.length).fill(null);
  const warnings: string[] = [];
  let groupStart = 0;
  for (let i = 0; i < rows.length && groupStart < slots.length; i++) {
    if (i > 0 && rows[i].rank !== rows[i - 1].rank) groupStart = i;
    if (groupStart >= slots.length) break;
    prizes[i] = slots[groupStart];
  }
  // report groups whose rows would have had different slots (or none) without the tie
  for (let i = 0; i < rows.length;) {
    let j = i;
    while (j + 1 < rows.length && rows[j + 1].rank === rows[i].rank) j++;
    if (j > i && i < slots.length) {
      const last = j < slots.length ? slots[j] : null;
      if (last !== slots[i])
        warnings.push(
          `${j - i + 1} đồng hạng ${rows[i].rank} cùng nhận ${label(slots[i])} (vượt số giải đã định): Ban Tổ chức quyết định.`,
        );
    }
    i = j + 1;
  }
  return { prizes, warnings };
}

export const proposeIndividualPrizes = (rows: readonly { rank: number }[], counts: IndividualPrizeCounts) =>
  proposePrizes(rows, INDIVIDUAL_ORDER, counts, (p) => PRIZE_VI[p]);

export const proposeCollectivePrizes = (rows: readonly { rank: number }[], counts: CollectivePrizeCounts) =>
  proposePrizes(rows, COLLECTIVE_ORDER, counts, (p) => `${PRIZE_VI[p]} tập thể`);
