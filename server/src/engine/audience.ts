/**
 * Audience play-along: who may answer, what counts, the verdict, the ranking and each phone's own view.
 * The answers live outside ShowState (10,000 phones must not grow the state every device receives);
 * the runtime keeps them and fans the results out, the rules are here.
 */
import {
  fail,
  type AnswerValue,
  type AppError,
  type AudienceBoardRow,
  type AudienceSelf,
} from '@cv/shared/protocol';
import { isCorrect, validAnswerFor } from './rules/answers.ts';
import { currentRound, roundAt, roundQuestion } from './state.ts';
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
export function audienceScores(state: ShowState, all: readonly AudienceAnswer[]): AudienceScoreRow[] {
  // answers to a rehearsal question (negative round) count nowhere, not even as a row on the board
  const answers = all.filter((a) => a.round >= 0);
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

/**
 * May a phone answer `round` with `value` at `now`? The contestants' timing rules (phase, pause,
 * deadline + grace, a value that fits the question) without a seat: the audience never affects the show.
 */
export function admitAudienceAnswer(
  state: ShowState,
  round: number,
  value: AnswerValue,
  now: number,
): { ok: true } | { ok: false; error: AppError } {
  const current = currentRound(state);
  if (!current || current.index !== round) return fail('ROUND_MISMATCH', 'not the current question');
  if (state.paused) return fail('PAUSED', 'the show is paused');
  if (current.phase === 'shown') return fail('WRONG_PHASE', 'answering has not started');
  if (
    current.phase !== 'answering' ||
    (current.deadline !== null && now > current.deadline + state.rules.lateGraceMs)
  )
    return fail('ANSWER_LATE', 'time is up');
  const question = roundQuestion(state, current);
  if (!validAnswerFor(question, value)) return fail('ANSWER_INVALID', 'answer does not fit the question');
  return { ok: true };
}

/** right or wrong, once the round is revealed (null before, for a withdrawn round, or without an answer) */
export function audienceVerdict(
  state: ShowState,
  round: number,
  value: AnswerValue | undefined,
): boolean | null {
  const r = roundAt(state, round);
  if (!r || r.phase !== 'revealed' || r.voided || value === undefined) return null;
  return isCorrect(roundQuestion(state, r), value, state.rules.textMatch);
}

export interface AudienceLeaderboard {
  /** audience id → rank and score */
  byId: ReadonlyMap<string, { rank: number; score: number }>;
  /** the top `size` for screens and phones */
  board: AudienceBoardRow[];
}

/** scores only move when a round is revealed, revised or voided: the runtime ranks once then, not per phone */
export function audienceLeaderboard(
  state: ShowState,
  answers: readonly AudienceAnswer[],
  size = 10,
): AudienceLeaderboard {
  const ranked = rankAudience(audienceScores(state, answers));
  return {
    byId: new Map(ranked.map((r) => [r.audienceId, { rank: r.rank, score: r.score }])),
    board: ranked.slice(0, size).map((r) => ({ rank: r.rank, name: r.name, score: r.score })),
  };
}

/** one phone's own view: its score and rank, its answer to the current round and, once revealed, the verdict */
export function audienceSelfOf(
  state: ShowState,
  member: { id: string; name: string },
  answerNow: AnswerValue | undefined,
  standing: { rank: number; score: number } | undefined,
): AudienceSelf {
  const round = currentRound(state);
  return {
    id: member.id,
    name: member.name,
    score: standing?.score ?? 0,
    rank: standing?.rank ?? null,
    round: round?.index ?? null,
    answer: answerNow ?? null,
    correct: round ? audienceVerdict(state, round.index, answerNow) : null,
  };
}
