/**
 * What changed between two crowd views, field by field (the round's fields one level down): a question
 * costs a phone its new round once, then only the few fields each step changes. Devices apply it with
 * shared/src/client/delta.ts.
 */
import { ROUND_NULLABLE, type PublicView, type RoundPublicView, type ViewDelta } from '@cv/shared/protocol';

type Changes = Pick<ViewDelta, 'set' | 'round'>;

const same = (a: unknown, b: unknown) => a === b || JSON.stringify(a) === JSON.stringify(b);

/** null when nothing a device shows changed */
export function viewDelta(prev: PublicView, next: PublicView): Changes | null {
  const set: Record<string, unknown> = {};
  for (const key of Object.keys(next) as (keyof PublicView)[]) {
    if (key === 'round' || key === 'version') continue; // the delta carries the version itself
    if (!same(prev[key], next[key])) set[key] = next[key];
  }
  let round: Changes['round'];
  if (!prev.round || !next.round || prev.round.index !== next.round.index) {
    if (prev.round !== next.round && !same(prev.round, next.round))
      round = { full: next.round && withoutNulls(next.round) };
  } else {
    const patch: Record<string, unknown> = {};
    for (const key of Object.keys(next.round) as (keyof RoundPublicView)[])
      if (!same(prev.round[key], next.round[key])) patch[key] = next.round[key];
    if (Object.keys(patch).length > 0) round = { patch: patch as Partial<RoundPublicView> };
  }
  // the version moves with every answer too; alone it is not worth a message
  if (Object.keys(set).length === 0 && round === undefined) return null;
  return {
    ...(Object.keys(set).length ? { set: set as ViewDelta['set'] } : {}),
    ...(round ? { round } : {}),
  };
}

/** a new round goes out once to every phone: its null fields are left out (the device puts them back) */
function withoutNulls(round: RoundPublicView): Partial<RoundPublicView> {
  const out: Record<string, unknown> = { ...round };
  for (const key of ROUND_NULLABLE) if (out[key] === null) delete out[key];
  return out as Partial<RoundPublicView>;
}
