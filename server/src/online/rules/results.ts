/**
 * A round's results from its submitted attempts: the individual ranking with proposed prizes, the
 * collective ranking, statistics. Pure; the service feeds it from the store at close (and again after
 * every void or restore).
 */
import type {
  CollectiveRow,
  RankedCandidate,
  RoundSettings,
  RoundStats,
} from '@cv/shared/protocol/online.ts';
import type { UnitRef } from '../../contest/ports.ts';
import { rankUnits } from './collective.ts';
import { proposeCollectivePrizes, proposeIndividualPrizes } from './prizes.ts';
import { rankCandidates, type FinishedAttempt } from './ranking.ts';

export interface ResultsInput {
  settings: Pick<RoundSettings, 'counted' | 'prizes'>;
  questionCount: number;
  attempts: readonly FinishedAttempt[];
  attemptCount: number;
  /** frozen at close; null when the round has no prediction question */
  actual: number | null;
  voided: ReadonlySet<string>;
  units: readonly UnitRef[];
  unitOf: (candidateId: string) => string | null;
  registered: number;
}

export interface RoundComputation {
  ranked: RankedCandidate[];
  collective: CollectiveRow[];
  stats: RoundStats;
  warnings: string[];
}

export function computeResults(input: ResultsInput): RoundComputation {
  const ranked = rankCandidates(input.attempts, {
    counted: input.settings.counted,
    actual: input.actual,
    voided: input.voided,
  });
  const individual = proposeIndividualPrizes(ranked, input.settings.prizes.individual);
  ranked.forEach((r, i) => (r.prize = individual.prizes[i]));

  const collective = rankUnits(
    input.units,
    ranked.map((r) => ({ unitId: input.unitOf(r.candidateId), correct: r.correct })),
    input.settings.prizes.collectiveBy,
  );
  // a unit nobody from took part wins nothing, whatever its place
  const eligible = collective.filter((c) => c.participants > 0);
  const unitPrizes = proposeCollectivePrizes(eligible, input.settings.prizes.collective);
  eligible.forEach((c, i) => (c.prize = unitPrizes.prizes[i]));

  let sum = 0;
  let perfect = 0;
  for (const r of ranked) {
    sum += r.correct;
    if (input.questionCount > 0 && r.correct === input.questionCount) perfect++;
  }
  return {
    ranked,
    collective,
    stats: {
      registered: input.registered,
      participants: ranked.length,
      attempts: input.attemptCount,
      perfect,
      averageCorrect: ranked.length > 0 ? sum / ranked.length : null,
    },
    warnings: [...individual.warnings, ...unitPrizes.warnings],
  };
}
