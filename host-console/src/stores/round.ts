/** What the console shows about the current round: answer counts, distribution, who answered. Getters only. */
import type { HostTally } from '@cv/shared/protocol';
import { defineStore } from 'pinia';
import { computed } from 'vue';
import { distributionFromAnswers } from '../lib/format.ts';
import { useShowStore } from './show.ts';

export const useRoundStore = defineStore('round', () => {
  const show = useShowStore();

  const round = computed(() => show.hostView?.round ?? null);
  const phase = computed(() => round.value?.phase ?? null);
  /** between questions: the MC may show a question, rescue, start a tie-break */
  const betweenQuestions = computed(() => !round.value || round.value.phase === 'revealed');

  /** the latest host tally, when it belongs to the current round */
  const tally = computed<HostTally | null>(() => {
    const t = show.state?.tally;
    const r = round.value;
    if (!t || !r || !('answeredSeats' in t) || t.round !== r.index) return null;
    return t as HostTally;
  });

  const answeredSeats = computed<Set<number>>(() => {
    const r = round.value;
    const set = new Set<number>();
    if (!r) return set;
    for (const s of Object.keys(r.answers)) set.add(Number(s));
    for (const s of tally.value?.answeredSeats ?? []) set.add(s);
    return set;
  });

  const answeredCount = computed(() =>
    Math.max(answeredSeats.value.size, tally.value?.answered ?? 0, round.value?.answeredCount ?? 0),
  );
  const eligibleCount = computed(() => round.value?.eligibleSeats.length ?? 0);
  const audienceAnswered = computed(() => tally.value?.audienceAnswered ?? 0);

  const distribution = computed<Record<string, number>>(() => {
    const r = round.value;
    if (!r) return {};
    if (r.phase === 'answering' && tally.value) return tally.value.distribution;
    return r.distribution ?? (tally.value?.distribution || distributionFromAnswers(r.question, r.answers));
  });

  /** how the answers so far would be judged (the host knows the key); null until the answers are known */
  const predicted = computed<{ correct: number; wrong: number } | null>(() => {
    const r = round.value;
    if (!r || !Object.keys(r.answers).length) return null;
    let correct = 0;
    let wrong = 0;
    for (const a of Object.values(r.answers))
      if (a.correct) correct++;
      else wrong++;
    return { correct, wrong };
  });

  /** after the reveal: the verdicts as they stand (revisions included) */
  /** after the reveal, every eligible seat once: right, answered wrong, or no answer (counted wrong by the server) */
  const verdictCounts = computed<{ correct: number; wrong: number; missed: number } | null>(() => {
    const r = round.value;
    if (!r || r.phase !== 'revealed' || !r.verdicts) return null;
    const counts = { correct: 0, wrong: 0, missed: 0 };
    for (const [seat, right] of Object.entries(r.verdicts)) {
      if (right) counts.correct++;
      else if (r.answers[Number(seat)]) counts.wrong++;
      else counts.missed++;
    }
    return counts;
  });

  const missingCount = computed(() =>
    verdictCounts.value ? verdictCounts.value.missed : Math.max(0, eligibleCount.value - answeredCount.value),
  );

  return {
    round,
    phase,
    betweenQuestions,
    tally,
    answeredSeats,
    answeredCount,
    eligibleCount,
    audienceAnswered,
    distribution,
    predicted,
    verdictCounts,
    missingCount,
  };
});
