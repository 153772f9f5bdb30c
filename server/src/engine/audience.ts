/** Audience play-along scoring. The answers live outside ShowState (10,000 phones); only the rounds' keys come from it. */
import { isCorrect } from './rules/answers.ts';
import { roundQuestion } from './state.ts';
import type { AnswerValue } from '@cv/shared/protocol';
import type { ShowState } from './types.ts';

export interface AudienceAnswer {
  audienceId: string;
  name: string;
  round: number;
  value: AnswerValue;
  at: number;
}

export interface AudienceScoreRow {
  audienceId: string;
  name: string;
  score: number;
  totalMs: number;
}

export interface RankedAudienceRow extends AudienceScoreRow {
  rank: number;
}

/** Scores over revealed, non-voided rounds; the last answer per person and round counts. */
export function audienceScores(state: ShowState, answers: readonly AudienceAnswer[]): AudienceScoreRow[] {
  const last = new Map<string, AudienceAnswer>();
  for (const a of answers) {
    const k = `${a.audienceId}\u0000${a.round}`;
    const prev = last.get(k);
    if (!prev || a.at >= prev.at) last.set(k, a);
  }
  const rows = new Map<string, AudienceScoreRow>();
  for (const a of answers) {
    if (!rows.has(a.audienceId))
      rows.set(a.audienceId, { audienceId: a.audienceId, name: a.name, score: 0, totalMs: 0 });
  }
  for (const a of last.values()) {
    const round = state.rounds[a.round];
    if (!round || round.voided || round.phase !== 'revealed') continue;
    const question = roundQuestion(state, round);
    const row = rows.get(a.audienceId)!;
    row.name = a.name;
    if (!isCorrect(question, a.value, state.rules.textMatch)) continue;
    const limit = question.timeLimitSec * 1000;
    row.score += 1;
    // time from the opening of answering (pauses included: good enough for a play-along board)
    const opened = round.openedAt ?? a.at;
    row.totalMs += Math.min(limit, Math.max(0, a.at - opened));
  }
  return [...rows.values()];
}

/** Score desc, then time asc; equal on both = the same rank. */
export function rankAudience(rows: readonly AudienceScoreRow[]): RankedAudienceRow[] {
  const sorted = [...rows].sort(
    (a, b) =>
      b.score - a.score ||
      a.totalMs - b.totalMs ||
      a.name.localeCompare(b.name) ||
      a.audienceId.localeCompare(b.audienceId),
  );
  const out: RankedAudienceRow[] = [];
  sorted.forEach((r, i) => {
    const p = sorted[i - 1];
    const rank = p && p.score === r.score && p.totalMs === r.totalMs ? out[i - 1].rank : i + 1;
    out.push({ ...r, rank });
  });
  return out;
}
