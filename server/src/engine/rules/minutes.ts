/**
 * Biên bản: every question with what it did to the field, every judge correction with its reason,
 * every rescue, the bell, the standings and the prizes. Each step's eliminations come from the same
 * fold that decides who stands, replayed over the effects up to it, with today's verdicts.
 */
import type { MinutesQuestion, MinutesRescue, PrizeAward, ShowMinutes } from '@cv/shared/protocol';
import type { ShowState } from '../types.ts';
import { proposePrizesFrom } from './prizes.ts';
import { foldStanding } from './standing.ts';
import { standingsOf } from './standings.ts';

export function minutesOf(state: ShowState, now: number): ShowMinutes {
  const statusAfter = (count: number) =>
    new Map(
      foldStanding({ ...state, effects: state.effects.slice(0, count) }).seats.map(
        (s) => [s.seat, s] as const,
      ),
    );
  const entries: (MinutesQuestion | MinutesRescue)[] = [];
  const listed = new Set<number>();
  let lastMain: number | null = null;

  state.effects.forEach((effect, i) => {
    if (effect.type === 'rescue') {
      entries.push({ kind: 'rescue', afterQuestion: lastMain, how: effect.how, seats: effect.seats.slice() });
      return;
    }
    const round = state.rounds[effect.round];
    if (!round) return;
    listed.add(round.index);
    const before = statusAfter(i);
    const after = statusAfter(i + 1);
    const through = foldStanding({ ...state, effects: state.effects.slice(0, i + 1) });
    const question = state.questions.find((q) => q.id === round.questionId);
    const verdicts = round.verdicts ?? {};
    const eligible = round.eligibleSeats.slice();
    const seats = state.seats.map((s) => s.seat);
    entries.push({
      kind: 'question',
      round: round.index,
      mode: round.mode,
      number: round.number,
      questionId: round.questionId,
      prompt: question?.prompt ?? round.questionId,
      key: question!.key,
      ...(question?.options ? { options: question.options.slice() } : {}),
      voided: round.voided,
      eligible,
      correct: eligible.filter((n) => verdicts[n] === true),
      eliminated: round.voided
        ? []
        : seats.filter((n) => before.get(n)?.status === 'standing' && after.get(n)?.status === 'eliminated'),
      returned: round.voided
        ? []
        : seats.filter((n) => before.get(n)?.status === 'eliminated' && after.get(n)?.status === 'standing'),
      allWrong: through.allWrong.get(round.index) ? state.rules.allWrongRule : null,
      bell: seats.filter((n) => !before.get(n)?.bell && after.get(n)?.bell),
      revisions: round.revisions.map((r) => ({ ...r })),
    });
    if (round.mode === 'main' && round.number !== null && !round.voided) lastMain = round.number;
  });
  // withdrawn questions leave no effect behind but belong in the record
  for (const round of state.rounds) {
    if (listed.has(round.index) || !round.voided) continue;
    const question = state.questions.find((q) => q.id === round.questionId)!;
    const at = entries.findIndex((e) => e.kind === 'question' && e.round > round.index);
    const entry: MinutesQuestion = {
      kind: 'question',
      round: round.index,
      mode: round.mode,
      number: round.number,
      questionId: round.questionId,
      prompt: question.prompt,
      key: question.key,
      ...(question.options ? { options: question.options.slice() } : {}),
      voided: true,
      eligible: round.eligibleSeats.slice(),
      correct: [],
      eliminated: [],
      returned: [],
      allWrong: null,
      bell: [],
      revisions: [],
    };
    if (at < 0) entries.push(entry);
    else entries.splice(at, 0, entry);
  }

  const standings = standingsOf(state);
  const prizes: PrizeAward[] = state.prizes ?? proposePrizesFrom(standings, state.rules.prizes);
  return {
    showId: state.showId,
    title: state.title,
    stage: state.stage,
    seats: state.seats.map((s) => ({ seat: s.seat, name: s.name, ...(s.unit ? { unit: s.unit } : {}) })),
    entries,
    bellSeats: state.seats.filter((s) => s.bell).map((s) => s.seat),
    standings,
    prizes,
    prizesConfirmed: state.prizesConfirmed,
    generatedAt: now,
  };
}
