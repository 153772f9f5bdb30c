/** The pure show engine of "Rung chuông vàng": no I/O, no clock, no randomness of its own. */
export { createShowState } from './create.ts';
export { applyCommand } from './reduce.ts';
export {
  publicView,
  hostView,
  seatSelf,
  crowdView,
  phoneView,
  tallyOf,
  nextStep,
  goldenBellDue,
  type EngineTally,
} from './views.ts';
export { standingsOf, unitStandingsOf } from './rules/standings.ts';
export { foldStanding, type FoldResult } from './rules/standing.ts';
export { isCorrect, normalizeAnswerText, validAnswerFor } from './rules/answers.ts';
export { autoLockDue, systemStepDue, type AutoLock, type SystemStep } from './rules/deadline.ts';
export { ENGINE_VERSION, LEGACY_ENGINE_VERSION, OLDEST_REPLAYABLE_ENGINE } from './version.ts';
export { revealOutcomes, seatOutcome, type RevealOutcomes } from './rules/outcomes.ts';
export { minutesOf } from './rules/minutes.ts';
export {
  admitAudienceAnswer,
  audienceLeaderboard,
  audienceScores,
  audienceSelfOf,
  audienceVerdict,
  rankAudience,
  type AudienceAnswer,
  type AudienceLeaderboard,
  type AudienceScoreRow,
  type RankedAudienceRow,
} from './audience.ts';
export { currentRound, questionById, roundAt } from './state.ts';
export { REHEARSAL_QUESTION } from './rules/rehearsal-question.ts';
export * from './types.ts';

import type { PrizeAward } from '@cv/shared/protocol';
import { proposePrizesFrom } from './rules/prizes.ts';
import { standingsOf } from './rules/standings.ts';
import type { ShowState } from './types.ts';

/** Prizes proposed from the current standings and the show's prize counts. */
export function proposePrizes(state: ShowState): PrizeAward[] {
  return proposePrizesFrom(standingsOf(state), state.rules.prizes);
}
