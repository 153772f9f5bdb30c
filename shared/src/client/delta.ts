/** A crowd device's view after a `show:delta` (the server computes the delta, server/src/runtime/view-delta.ts). */
import { ROUND_NULLABLE, type PublicView, type RoundPublicView, type ViewDelta } from '../protocol/index.ts';

export function applyViewDelta(view: PublicView, delta: ViewDelta): PublicView {
  const next: PublicView = { ...view, ...delta.set, version: delta.version };
  if (delta.round === undefined) return next;
  if ('full' in delta.round) return { ...next, round: delta.round.full && fullRound(delta.round.full) };
  return { ...next, round: view.round ? { ...view.round, ...delta.round.patch } : null };
}

/** a new round as sent (null fields left out) */
function fullRound(sent: Partial<RoundPublicView>): RoundPublicView {
  const round = { ...sent } as Record<string, unknown>;
  for (const key of ROUND_NULLABLE) if (!(key in round)) round[key] = null;
  return round as unknown as RoundPublicView;
}
