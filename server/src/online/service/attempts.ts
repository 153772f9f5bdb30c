/**
 * Attempts: start (draw, limits), resume, autosave, submit, and the server's own submit at the
 * deadline. Every decision that must hold under concurrency is the store's atomic step; this desk
 * draws, scores and maps outcomes to answers for the candidate.
 */
import type { AnswerValue } from '@cv/shared/protocol';
import type { AttemptView, AutosaveAck, OnlineResult } from '@cv/shared/protocol/online.ts';
import { drawAttempt } from '../rules/draw.ts';
import { attemptDeadline, countCorrect, fitsQuestion, submissionTiming } from '../rules/scoring.ts';
import { vnDayKey } from '../rules/time.ts';
import { attemptView } from '../rules/views.ts';
import { roundPhase } from '../rules/window.ts';
import type { AttemptRecord, RoundRecord, SaveOutcome, SaveTarget } from '../store/port.ts';
import { EXCLUDED_MESSAGE } from './candidates.ts';
import { fail, ok, timeOrderedId, type OnlineContext } from './context.ts';

const NOT_FOUND = () => fail('ATTEMPT_NOT_FOUND', 'Không tìm thấy lượt thi.');
const LATE = () =>
  fail('ATTEMPT_LATE', 'Đã hết giờ làm bài. Bài thi đã được nộp với các câu trả lời đã lưu trước thời hạn.');
const CLOSED = () => fail('ATTEMPT_CLOSED', 'Lượt thi này đã nộp bài.');

export class AttemptDesk {
  /** the last round record read per round, reused while its version holds (a version read instead of
   *  parsing the round document on every submit and resume) */
  private readonly rounds = new Map<string, RoundRecord>();

  constructor(private readonly ctx: OnlineContext) {}

  async start(roundId: string, candidateId: string): Promise<OnlineResult<AttemptView>> {
    const { store } = this.ctx;
    const round = await store.getRound(roundId);
    if (!round) return fail('ROUND_NOT_FOUND', 'Không tìm thấy kỳ thi.');
    const candidate = await store.getCandidate(candidateId);
    if (!candidate) return fail('UNAUTHORIZED', 'Phiên đăng nhập không còn hợp lệ.');
    // the exclusion list may grow after someone registered
    if (await this.ctx.exclusions.isExcluded(candidate.idNumber)) return fail('EXCLUDED', EXCLUDED_MESSAGE);
    const pool = await this.ctx.pools.get(roundId, round.poolVersion);
    for (let tries = 0; tries < 5; tries++) {
      const now = this.ctx.clock();
      const phase = roundPhase(round.settings, now);
      if (phase !== 'open')
        return fail('ROUND_NOT_OPEN', phase === 'upcoming' ? 'Kỳ thi chưa bắt đầu.' : 'Kỳ thi đã kết thúc.');
      const outcome = await store.startAttempt(
        {
          attemptId: timeOrderedId('a', now),
          roundId,
          candidateId,
          candidateNo: candidate.candidateNo,
          unitId: candidate.unitId,
          dayKey: vnDayKey(now),
          startedAt: now,
          deadline: attemptDeadline(now, round.settings.timeLimitSec, round.settings.closesAt),
          poolVersion: round.poolVersion,
          draw: drawAttempt(pool, round.settings.quotas, this.ctx.rng),
        },
        { perDay: round.settings.attemptsPerDay, perRound: round.settings.attemptsPerRound },
        now,
        this.ctx.graceMs,
      );
      switch (outcome.kind) {
        case 'started':
          this.ctx.attempts.remember(outcome.attempt);
          return ok(attemptView(outcome.attempt, pool, round.settings, now));
        case 'resume':
          return this.view(outcome.attemptId, candidateId);
        case 'expired':
          // the candidate vanished and the sweeper has not come by yet: submit it, then decide again
          await this.finish(outcome.attemptId, true);
          continue;
        case 'refused':
          return outcome.code === 'ATTEMPT_LIMIT_DAY'
            ? fail('ATTEMPT_LIMIT_DAY', 'Bạn đã dùng hết lượt thi hôm nay. Mời bạn quay lại vào ngày mai.')
            : fail('ATTEMPT_LIMIT_ROUND', 'Bạn đã dùng hết số lượt thi của kỳ thi này.');
      }
    }
    return fail('INTERNAL', 'Không bắt đầu được lượt thi; vui lòng thử lại.');
  }

  /** the attempt as its candidate sees it; an attempt past deadline + grace is submitted first */
  async view(attemptId: string, candidateId: string): Promise<OnlineResult<AttemptView>> {
    let attempt = await this.ctx.store.getAttempt(attemptId);
    if (!attempt || attempt.candidateId !== candidateId) return NOT_FOUND();
    if (attempt.status === 'open' && this.ctx.clock() > attempt.deadline + this.ctx.graceMs) {
      attempt = (await this.finish(attemptId, true)) ?? attempt;
    }
    return ok(await this.viewOf(attempt));
  }

  private async viewOf(attempt: AttemptRecord): Promise<AttemptView> {
    const round = await this.currentRound(attempt.roundId);
    const pool = await this.ctx.pools.get(attempt.roundId, attempt.poolVersion);
    return attemptView(attempt, pool, round.settings, this.ctx.clock());
  }

  async autosave(
    attemptId: string,
    candidateId: string,
    target: SaveTarget,
  ): Promise<OnlineResult<AutosaveAck>> {
    const shape = await this.ctx.attempts.get(this.ctx.store, attemptId);
    if (!shape || shape.candidateId !== candidateId) return NOT_FOUND();
    const invalid = await this.invalid(shape, target);
    if (invalid) return invalid;
    const now = this.ctx.clock();
    const saved = await this.ctx.store.saveAnswer(attemptId, candidateId, target, now, this.ctx.graceMs);
    if (saved.kind === 'saved') return ok({ savedAt: now, deadline: shape.deadline });
    return this.refusal(saved, attemptId);
  }

  async submit(
    attemptId: string,
    candidateId: string,
    last: { answers?: { index: number; value: AnswerValue | null }[]; prediction?: number | null },
  ): Promise<OnlineResult<AttemptView>> {
    const shape = await this.ctx.attempts.get(this.ctx.store, attemptId);
    if (!shape || shape.candidateId !== candidateId) return NOT_FOUND();
    const targets: SaveTarget[] = [
      ...(last.answers ?? []),
      ...(last.prediction === undefined ? [] : [{ prediction: last.prediction }]),
    ];
    for (const target of targets) {
      const invalid = await this.invalid(shape, target);
      if (invalid) return invalid;
    }
    if (this.ctx.clock() > shape.deadline + this.ctx.graceMs) {
      await this.finish(attemptId, true);
      return LATE();
    }
    // one durable write for all of them, not one each: an offline candidate's submit may carry many
    const saved = await this.ctx.store.saveAnswers({
      attemptId,
      candidateId,
      targets,
      now: this.ctx.clock(),
      graceMs: this.ctx.graceMs,
    });
    if (saved.kind === 'closed') return this.view(attemptId, candidateId);
    if (saved.kind !== 'saved') return this.refusal(saved, attemptId);
    const now = this.ctx.clock();
    if (now > shape.deadline + this.ctx.graceMs) {
      await this.finish(attemptId, true);
      return LATE();
    }
    // a second tap on "Nộp bài" gets the same answer as the first
    const done = await this.finish(attemptId, false);
    return done ? ok(await this.viewOf(done)) : NOT_FOUND();
  }

  /**
   * Submit an attempt, scoring exactly the answers of the revision read (a concurrent autosave
   * makes the store refuse, and it is read again). `auto`: the server closes it at the deadline.
   * Returns the submitted attempt, or null if it does not exist.
   */
  async finish(attemptId: string, auto: boolean): Promise<AttemptRecord | null> {
    for (let tries = 0; tries < 10; tries++) {
      const attempt = await this.ctx.store.getAttempt(attemptId);
      if (!attempt) return null;
      if (attempt.status === 'submitted') return attempt;
      const pool = await this.ctx.pools.get(attempt.roundId, attempt.poolVersion);
      const { correct, perQuestion } = countCorrect(attempt.draw, attempt.answers, pool);
      const timing = submissionTiming(
        attempt.startedAt,
        attempt.deadline,
        auto ? attempt.deadline : this.ctx.clock(),
      );
      const score = { correct, total: attempt.draw.length, ...timing, auto };
      const outcome = await this.ctx.store.finishAttempt({
        attemptId,
        revision: attempt.revision,
        prediction: attempt.prediction,
        score,
        perQuestion: attempt.draw.map((d, i) => ({ poolIndex: d.poolIndex, correct: perQuestion[i] })),
      });
      if (outcome.kind === 'missing') return null;
      // stored exactly as read, now submitted: no need to read it back
      if (outcome.kind === 'finished') return { ...attempt, status: 'submitted', score };
      if (outcome.kind === 'closed') return (await this.ctx.store.getAttempt(attemptId))!;
    }
    throw new Error(`attempt ${attemptId}: could not submit after 10 tries`);
  }

  private async currentRound(roundId: string): Promise<RoundRecord> {
    const cached = this.rounds.get(roundId);
    if (cached && cached.version === (await this.ctx.store.roundVersion(roundId))) return cached;
    const round = (await this.ctx.store.getRound(roundId))!;
    this.rounds.set(roundId, round);
    return round;
  }

  /** submit every attempt whose deadline + grace has passed; returns how many */
  async sweep(limit = 500): Promise<number> {
    const due = await this.ctx.store.dueAttempts(this.ctx.clock() - this.ctx.graceMs, limit);
    for (const id of due) await this.finish(id, true);
    return due.length;
  }

  private async invalid(
    shape: Pick<AttemptRecord, 'draw' | 'roundId' | 'poolVersion'>,
    target: SaveTarget,
  ): Promise<OnlineResult<never> | null> {
    if ('prediction' in target) return null;
    const drawn = shape.draw[target.index];
    if (!drawn) return fail('ANSWER_INVALID', `Không có câu hỏi số ${target.index + 1} trong lượt thi này.`);
    if (target.value === null) return null;
    const pool = await this.ctx.pools.get(shape.roundId, shape.poolVersion);
    return fitsQuestion(target.value, drawn, pool)
      ? null
      : fail('ANSWER_INVALID', `Câu trả lời cho câu ${target.index + 1} không đúng dạng.`);
  }

  private async refusal(
    outcome: Exclude<SaveOutcome, { kind: 'saved' }>,
    attemptId: string,
  ): Promise<OnlineResult<never>> {
    switch (outcome.kind) {
      case 'missing':
        return NOT_FOUND();
      case 'closed':
        return CLOSED();
      case 'late':
        await this.finish(attemptId, true);
        return LATE();
    }
  }
}
