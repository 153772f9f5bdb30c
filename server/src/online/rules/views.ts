/**
 * What candidates and the public may see — built field by field from the records, never by copying
 * a record and deleting secrets, so a field added to a record later cannot leak by default. Pure.
 */
import type { AttemptQuestion, AttemptView, RoundPublic, RoundSettings } from '@cv/shared/protocol/online.ts';
import type { PoolQuestion } from './draw.ts';
import { shownOptions } from './draw.ts';
import { vnLocalString } from './time.ts';
import { questionCount, roundPhase } from './window.ts';

export interface AttemptLike {
  attemptId: string;
  roundId: string;
  number: number;
  status: 'open' | 'submitted';
  startedAt: number;
  deadline: number;
  draw: { poolIndex: number; order: number[] | null }[];
  answers: AttemptView['answers'];
  prediction: number | null;
  score: AttemptView['score'];
}

/** a drawn question without its key, explanation, id or the order its options were shuffled into */
export function candidateQuestion(
  pool: readonly PoolQuestion[],
  drawn: AttemptLike['draw'][number],
): AttemptQuestion {
  const q = pool[drawn.poolIndex].question;
  const view: AttemptQuestion = { kind: q.kind, prompt: q.prompt };
  const options = shownOptions(q, drawn.order);
  if (options) view.options = options;
  if (q.media) view.media = { type: q.media.type, url: q.media.url };
  return view;
}

export function attemptView(
  attempt: AttemptLike,
  pool: readonly PoolQuestion[],
  settings: Pick<RoundSettings, 'prediction' | 'visibility'>,
  now: number,
): AttemptView {
  const score = attempt.score;
  return {
    attemptId: attempt.attemptId,
    roundId: attempt.roundId,
    number: attempt.number,
    status: attempt.status,
    startedAt: attempt.startedAt,
    deadline: attempt.deadline,
    serverNow: now,
    questions: attempt.draw.map((d) => candidateQuestion(pool, d)),
    prediction: settings.prediction ? { prompt: settings.prediction.prompt } : null,
    answers: attempt.answers.slice(),
    predictionValue: attempt.prediction,
    score:
      score && settings.visibility.afterSubmit === 'score'
        ? {
            correct: score.correct,
            total: score.total,
            durationMs: score.durationMs,
            submittedAt: score.submittedAt,
            auto: score.auto,
          }
        : null,
  };
}

export function roundPublic(
  roundId: string,
  s: RoundSettings,
  participants: number,
  resultsPublished: boolean,
  now: number,
): RoundPublic {
  return {
    roundId,
    title: s.title,
    description: s.description,
    opensAt: s.opensAt,
    closesAt: s.closesAt,
    opensAtLocal: vnLocalString(s.opensAt),
    closesAtLocal: vnLocalString(s.closesAt),
    phase: roundPhase(s, now),
    questionCount: questionCount(s),
    timeLimitSec: s.timeLimitSec,
    attemptsPerDay: s.attemptsPerDay,
    attemptsPerRound: s.attemptsPerRound,
    counted: s.counted,
    prediction: s.prediction ? { prompt: s.prediction.prompt, target: s.prediction.target } : null,
    prizes: {
      individual: { ...s.prizes.individual },
      collective: { ...s.prizes.collective },
      collectiveBy: s.prizes.collectiveBy,
    },
    participants,
    resultsPublished,
    serverNow: now,
  };
}
