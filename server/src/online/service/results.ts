/**
 * Results: computed once when a round closes (every attempt submitted, the prediction's actual value
 * frozen), stored, and served as reads; recomputed after a void or restore. Prize proposal → BTC
 * confirmation (who, when) → publication, each step audited.
 */
import type {
  CandidateRoundStatus,
  OnlineResult,
  PublicResults,
  PublicWinner,
  RankingPage,
  ResultsState,
  RoundDashboard,
  VoidRecord,
} from '@cv/shared/protocol/online.ts';
import type { UnitRef } from '../../contest/ports.ts';
import { maskPhone } from '../rules/normalize.ts';
import { predictionActual, type FinishedAttempt } from '../rules/ranking.ts';
import { computeResults } from '../rules/results.ts';
import { questionCount, roundPhase } from '../rules/window.ts';
import type { RoundRecord } from '../store/port.ts';
import type { AttemptDesk } from './attempts.ts';
import { fail, invalidated, newId, ok, updateRoundWith, type OnlineContext } from './context.ts';

const NOT_READY = (why: string) => fail('RESULTS_NOT_READY', why);

/** PublicResults of one round version, ready to send: the text, its bytes and an ETag naming the version */
export interface PublicSnapshot {
  version: number;
  json: string;
  body: Buffer;
  etag: string;
}
const LEASE_MS = 10 * 60_000;

export class ResultsDesk {
  /** the public results page per round version, built once (at publication on this node, else on first
   *  read): a page view costs one version read */
  private readonly publicCache = new Map<string, PublicSnapshot>();

  constructor(
    private readonly ctx: OnlineContext,
    private readonly attempts: AttemptDesk,
  ) {}

  /** the closer's step: every closed round whose results are pending gets them (one node per round) */
  async closeDue(): Promise<void> {
    const now = this.ctx.clock();
    for (const round of await this.ctx.store.listRounds()) {
      if (roundPhase(round.settings, now) === 'closed' && round.results.state.status === 'pending')
        await this.compute(round.roundId, 'system');
    }
  }

  /**
   * Rank the round from its submitted attempts. Waits (RESULTS_NOT_READY) while an attempt is still
   * open; freezes the prediction's actual value on the first computation; leaves the BTC's
   * confirmation and publication to be done again after any change.
   */
  async compute(roundId: string, actor: string): Promise<OnlineResult<ResultsState>> {
    const { store } = this.ctx;
    const key = `results:${roundId}`;
    // one owner per computation, not per node: the closer's tick and a void's recomputation on the same
    // node must exclude each other too (two at once could prune the rows the round points to)
    const owner = `${this.ctx.nodeId}:${newId('c', 6)}`;
    if (!(await store.lease(key, owner, this.ctx.clock(), LEASE_MS)))
      return NOT_READY('Kết quả đang được tính; vui lòng thử lại sau ít phút.');
    try {
      return await this.computeHoldingLease(roundId, actor);
    } finally {
      // let the next computation start at once (0 ms: lapsed now)
      await store.lease(key, owner, this.ctx.clock(), 0);
    }
  }

  private async computeHoldingLease(roundId: string, actor: string): Promise<OnlineResult<ResultsState>> {
    const { store } = this.ctx;
    const started = performance.now();
    const round = await store.getRound(roundId);
    if (!round) return fail('ROUND_NOT_FOUND', 'Không tìm thấy kỳ thi.');
    if (roundPhase(round.settings, this.ctx.clock()) !== 'closed') return NOT_READY('Kỳ thi chưa kết thúc.');
    await this.attempts.sweep();
    const counters = await store.counters(roundId);
    if (counters.started > counters.submitted)
      return NOT_READY(`Còn ${counters.started - counters.submitted} lượt thi chưa nộp (đang chờ hết giờ).`);

    const attempts: FinishedAttempt[] = [];
    const unitOf = new Map<string, string | null>();
    for await (const chunk of store.finishedAttempts(roundId)) {
      for (const a of chunk) {
        attempts.push(a);
        unitOf.set(a.candidateId, a.unitId);
      }
    }
    const voided = new Set((await store.voids(roundId)).map((v) => v.candidateId));
    const prediction = round.settings.prediction;
    const actual =
      round.results.state.actual ??
      (prediction ? predictionActual(attempts, prediction.target, voided) : null);
    const units = await this.ctx.units.units();
    const rankingStarted = performance.now();
    const computed = computeResults({
      settings: round.settings,
      questionCount: questionCount(round.settings),
      attempts,
      attemptCount: attempts.length,
      actual,
      voided,
      units,
      unitOf: (id) => unitOf.get(id) ?? null,
      registered: await store.countCandidates(),
    });
    const rankingMs = Math.round(performance.now() - rankingStarted);
    const winners = await this.winners(
      computed.ranked.filter((r) => r.prize !== null),
      units,
      round,
    );
    const computationId = newId('k', 6);
    await store.saveRanking(roundId, computationId, computed.ranked);
    const now = this.ctx.clock();
    const state: ResultsState = {
      status: 'proposed',
      actual,
      computedAt: now,
      rankingMs,
      computeMs: Math.round(performance.now() - started),
      warnings: computed.warnings,
      confirmation: null,
      publication: null,
    };
    const saved = await updateRoundWith<ResultsState>(store, roundId, async (current) => {
      // a void, restore or prize change since we read the round: the closer computes again
      if (current.results.generation !== round.results.generation)
        return { refuse: NOT_READY('Dữ liệu đã thay đổi trong lúc tính; kết quả sẽ được tính lại.') };
      return {
        next: {
          ...current,
          results: {
            state,
            generation: current.results.generation,
            computationId,
            stats: computed.stats,
            collective: computed.collective,
            winners,
          },
        },
        result: state,
      };
    });
    if (!saved.ok) return saved;
    await store.pruneRankings(roundId, computationId);
    await this.ctx.audit(actor, 'results:compute', roundId, {
      computationId,
      actual,
      participants: computed.stats.participants,
      attempts: computed.stats.attempts,
      voided: voided.size,
      rankingMs,
      warnings: computed.warnings,
    });
    return saved;
  }

  private async winners(
    rows: {
      candidateId: string;
      rank: number;
      prize: PublicWinner['prize'] | null;
      correct: number;
      prediction: number | null;
      durationMs: number;
    }[],
    units: readonly UnitRef[],
    round: RoundRecord,
  ): Promise<PublicWinner[]> {
    const people = await this.ctx.store.getCandidates(rows.map((r) => r.candidateId));
    const unitName = new Map(units.map((u) => [u.unitId, u.name]));
    return rows.map((r) => {
      const c = people.get(r.candidateId)!;
      return {
        prize: r.prize!,
        rank: r.rank,
        fullName: c.fullName,
        unitName: c.unitId ? (unitName.get(c.unitId) ?? null) : null,
        district: c.district,
        phoneMasked: maskPhone(c.phone),
        correct: r.correct,
        total: questionCount(round.settings),
        prediction: r.prediction,
        durationMs: r.durationMs,
      };
    });
  }

  async confirm(roundId: string, actor: string, note: string): Promise<OnlineResult<ResultsState>> {
    return this.transition(roundId, actor, 'results:confirm', { note }, (state, now) =>
      state.status === 'proposed'
        ? { ...state, status: 'confirmed', confirmation: { by: actor, at: now, note } }
        : 'Chỉ xác nhận được kết quả đang ở trạng thái đề xuất.',
    );
  }

  async publish(roundId: string, actor: string): Promise<OnlineResult<ResultsState>> {
    return this.transition(roundId, actor, 'results:publish', {}, (state, now) =>
      state.status === 'confirmed'
        ? { ...state, status: 'published', publication: { by: actor, at: now } }
        : 'Ban Tổ chức cần xác nhận kết quả trước khi công bố.',
    );
  }

  async unpublish(roundId: string, actor: string, reason: string): Promise<OnlineResult<ResultsState>> {
    return this.transition(roundId, actor, 'results:unpublish', { reason }, (state) =>
      state.status === 'published'
        ? { ...state, status: 'confirmed', publication: null }
        : 'Kết quả chưa được công bố.',
    );
  }

  private async transition(
    roundId: string,
    actor: string,
    action: string,
    detail: Record<string, unknown>,
    step: (state: ResultsState, now: number) => ResultsState | string,
  ): Promise<OnlineResult<ResultsState>> {
    const now = this.ctx.clock();
    const result = await updateRoundWith<ResultsState>(this.ctx.store, roundId, async (round) => {
      const next = step(round.results.state, now);
      if (typeof next === 'string') return { refuse: NOT_READY(next) };
      return { next: { ...round, results: { ...round.results, state: next } }, result: next };
    });
    if (result.ok) {
      await this.ctx.audit(actor, action, roundId, { ...detail, status: result.data.status });
      // the page is built now, not by the first of a crowd of readers
      if (result.data.status === 'published') await this.publicSnapshot(roundId);
    }
    return result;
  }

  /** void (or restore) a candidate's result; a computed ranking is recomputed and must be confirmed again */
  async setVoided(
    roundId: string,
    candidateId: string,
    voided: boolean,
    reason: string,
    actor: string,
  ): Promise<OnlineResult<{ voids: VoidRecord[]; results: ResultsState }>> {
    const { store } = this.ctx;
    const round = await store.getRound(roundId);
    if (!round) return fail('ROUND_NOT_FOUND', 'Không tìm thấy kỳ thi.');
    if (!(await store.getCandidate(candidateId)))
      return fail('CANDIDATE_NOT_FOUND', 'Không tìm thấy thí sinh.');
    const now = this.ctx.clock();
    if (voided) await store.setVoid(roundId, { candidateId, reason, by: actor, at: now });
    else if (!(await store.clearVoid(roundId, candidateId)))
      return fail('NOT_FOUND', 'Kết quả của thí sinh này không bị hủy.');
    await this.ctx.audit(actor, voided ? 'result:void' : 'result:restore', roundId, { candidateId, reason });
    let results = round.results.state;
    if (round.results.computationId !== null) {
      const reset = await updateRoundWith(store, roundId, async (r) => ({
        next: { ...r, results: invalidated(r.results) },
        result: null,
      }));
      if (!reset.ok) return reset;
      // computed here at once if no other computation runs; otherwise the closer does it next
      const again = await this.compute(roundId, actor);
      results = again.ok ? again.data : (await store.getRound(roundId))!.results.state;
    }
    return ok({ voids: await store.voids(roundId), results });
  }

  /** PublicResults as JSON text, only once published */
  async publicJson(roundId: string): Promise<OnlineResult<string>> {
    const snapshot = await this.publicSnapshot(roundId);
    return snapshot.ok ? ok(snapshot.data.json) : snapshot;
  }

  /** the published results of the round's current version (built once per version) */
  async publicSnapshot(roundId: string): Promise<OnlineResult<PublicSnapshot>> {
    const version = await this.ctx.store.roundVersion(roundId);
    if (version === null) return fail('ROUND_NOT_FOUND', 'Không tìm thấy kỳ thi.');
    const cached = this.publicCache.get(roundId);
    if (cached && cached.version === version) return ok(cached);
    const round = await this.ctx.store.getRound(roundId);
    if (!round) return fail('ROUND_NOT_FOUND', 'Không tìm thấy kỳ thi.');
    const r = round.results;
    if (r.state.status !== 'published' || !r.stats) return NOT_READY('Kết quả kỳ thi chưa được công bố.');
    const prediction = round.settings.prediction;
    const view: PublicResults = {
      roundId,
      title: round.settings.title,
      publishedAt: r.state.publication!.at,
      questionCount: questionCount(round.settings),
      prediction: prediction && r.state.actual !== null ? { ...prediction, actual: r.state.actual } : null,
      stats: r.stats,
      winners: r.winners,
      collectiveBy: round.settings.prizes.collectiveBy,
      collective: r.collective,
    };
    const json = JSON.stringify(view);
    const snapshot: PublicSnapshot = {
      version: round.version,
      json,
      body: Buffer.from(json),
      etag: `"${roundId}.${round.version}"`,
    };
    this.publicCache.set(roundId, snapshot);
    return ok(snapshot);
  }

  /** the candidate's own rank and prize, once published and if the round shows them */
  async standing(roundId: string, candidateId: string): Promise<CandidateRoundStatus['standing']> {
    const round = await this.ctx.store.getRound(roundId);
    if (
      !round ||
      round.results.state.status !== 'published' ||
      round.settings.visibility.afterClose !== 'full'
    )
      return null;
    const row = await this.ctx.store.rankingOf(roundId, round.results.computationId!, candidateId);
    if (row) return { rank: row.rank, prize: row.prize, voided: false };
    const voided = (await this.ctx.store.voids(roundId)).some((v) => v.candidateId === candidateId);
    return voided ? { rank: null, prize: null, voided: true } : null;
  }

  async rankingPage(roundId: string, offset: number, limit: number): Promise<OnlineResult<RankingPage>> {
    const round = await this.ctx.store.getRound(roundId);
    if (!round) return fail('ROUND_NOT_FOUND', 'Không tìm thấy kỳ thi.');
    const computation = round.results.computationId;
    if (!computation) return NOT_READY('Chưa có kết quả: kết quả được tính khi kỳ thi kết thúc.');
    const rows = await this.ctx.store.rankingPage(roundId, computation, offset, limit);
    const people = await this.ctx.store.getCandidates(rows.map((r) => r.candidateId));
    const unitName = new Map((await this.ctx.unitList()).map((u) => [u.unitId, u.name]));
    return ok({
      total: await this.ctx.store.rankingSize(roundId, computation),
      offset,
      rows: rows.map((r) => {
        const c = people.get(r.candidateId)!;
        return {
          ...r,
          fullName: c.fullName,
          unitName: c.unitId ? (unitName.get(c.unitId) ?? null) : null,
          idNumber: c.idNumber,
          phone: c.phone,
        };
      }),
    });
  }

  async dashboard(roundId: string): Promise<OnlineResult<RoundDashboard>> {
    const { store } = this.ctx;
    const round = await store.getRound(roundId);
    if (!round) return fail('ROUND_NOT_FOUND', 'Không tìm thấy kỳ thi.');
    const [counters, registered, units, pool] = await Promise.all([
      store.counters(roundId),
      store.countCandidates(),
      this.ctx.unitList(),
      this.ctx.pools.get(roundId, round.poolVersion),
    ]);
    const now = this.ctx.clock();
    return ok({
      roundId,
      phase: roundPhase(round.settings, now),
      serverNow: now,
      registered,
      participants: counters.participants,
      attempts: counters.started,
      openAttempts: counters.started - counters.submitted,
      submitted: counters.submitted,
      units: units.map((u) => ({
        unitId: u.unitId,
        unitName: u.name,
        groupName: u.groupName,
        participants: counters.units.get(u.unitId) ?? 0,
        headcount: u.headcount,
      })),
      questions: pool.map((q) => {
        const s = counters.questions.get(q.poolIndex) ?? { shown: 0, correct: 0 };
        return {
          poolIndex: q.poolIndex,
          questionId: q.questionId,
          topicId: q.topicId,
          prompt: q.question.prompt,
          shown: s.shown,
          correct: s.correct,
        };
      }),
    });
  }
}
