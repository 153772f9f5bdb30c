/** Setting rounds up (BTC) and showing them (public): settings, the frozen question pool, the deployment's settings. */
import {
  DEFAULT_REGISTRATION_FORM,
  type OnlineResult,
  type RoundAdmin,
  type RoundPublic,
  type RoundSettings,
} from '@cv/shared/protocol/online.ts';
import type { RoundSettingsInput } from '@cv/shared/protocol/online-schemas.ts';
import { quotaShortfalls, type PoolQuestion } from '../rules/draw.ts';
import { parseInstant } from '../rules/time.ts';
import { roundPublic } from '../rules/views.ts';
import { lockedChanges, roundPhase, settingsProblems } from '../rules/window.ts';
import type { OnlineSettingsRecord, RoundRecord } from '../store/port.ts';
import {
  emptyResults,
  fail,
  invalidated,
  newId,
  ok,
  updateRoundWith,
  type OnlineContext,
} from './context.ts';

export const DEFAULT_SETTINGS: OnlineSettingsRecord = {
  title: 'Cuộc thi trực tuyến',
  form: DEFAULT_REGISTRATION_FORM,
};

type Resolved<T> = { ok: true; value: T } | { ok: false; error: OnlineResult<never> };

/** instants from what the admin sent: epoch ms, local Việt Nam time, or ISO with an offset */
function resolveSettings(input: Partial<RoundSettingsInput>): Resolved<Partial<RoundSettings>> {
  const out: Partial<RoundSettings> = { ...(input as Partial<RoundSettings>) };
  for (const key of ['opensAt', 'closesAt'] as const) {
    if (input[key] === undefined) continue;
    const t = parseInstant(input[key]!);
    if (t === null)
      return {
        ok: false,
        error: fail(
          'BAD_REQUEST',
          `${key}: cần dạng "YYYY-MM-DDTHH:mm" (giờ Việt Nam), ISO có múi giờ, hoặc epoch ms`,
        ),
      };
    out[key] = t;
  }
  return { ok: true, value: out };
}

export class RoundDesk {
  constructor(private readonly ctx: OnlineContext) {}

  async settings(): Promise<OnlineSettingsRecord> {
    return (await this.ctx.store.getSettings()) ?? DEFAULT_SETTINGS;
  }

  /** the form candidates fill: a contest with no units yet cannot ask for one */
  async effectiveForm(): Promise<OnlineSettingsRecord> {
    const settings = await this.settings();
    if ((await this.ctx.unitList()).length > 0) return settings;
    return { ...settings, form: { ...settings.form, unitId: 'off' } };
  }

  async saveSettings(settings: OnlineSettingsRecord, actor: string): Promise<OnlineSettingsRecord> {
    const before = await this.settings();
    await this.ctx.store.saveSettings(settings);
    await this.ctx.audit(actor, 'settings:update', null, { before, after: settings });
    return settings;
  }

  /** the approved questions of the quotas' topics, frozen into the round (exact versions) */
  private async freezePool(settings: RoundSettings): Promise<Resolved<PoolQuestion[]>> {
    const topicIds = [...new Set(settings.quotas.map((q) => q.topicId))];
    const approved = await this.ctx.bank.approvedQuestions({ topicIds });
    const pool: PoolQuestion[] = approved
      .filter((q) => topicIds.includes(q.topicId))
      .sort((a, b) => (a.questionId < b.questionId ? -1 : a.questionId > b.questionId ? 1 : 0))
      .map((q, poolIndex) => ({
        poolIndex,
        questionId: q.questionId,
        version: q.version,
        topicId: q.topicId,
        question: q.question,
      }));
    const short = quotaShortfalls(pool, settings.quotas);
    if (short.size > 0) {
      const names = new Map((await this.ctx.bank.topics()).map((t) => [t.topicId, t.name]));
      const list = [...short].map(
        ([t, [have, need]]) => `${names.get(t) ?? t}: có ${have} câu đã duyệt, cần ${need}`,
      );
      return { ok: false, error: fail('POOL_TOO_SMALL', `Không đủ câu hỏi đã duyệt — ${list.join('; ')}.`) };
    }
    return { ok: true, value: pool };
  }

  async create(input: RoundSettingsInput, actor: string): Promise<OnlineResult<RoundAdmin>> {
    const resolved = resolveSettings(input);
    if (!resolved.ok) return resolved.error;
    const settings = resolved.value as RoundSettings;
    const problems = settingsProblems(settings);
    if (problems.length > 0) return fail('BAD_REQUEST', problems.join(' '));
    const pool = await this.freezePool(settings);
    if (!pool.ok) return pool.error;
    const now = this.ctx.clock();
    const round: RoundRecord = {
      roundId: newId('r', 6),
      createdAt: now,
      version: 0,
      settings,
      poolVersion: 1,
      poolSize: poolSize(pool.value),
      results: emptyResults(),
    };
    await this.ctx.store.savePool(round.roundId, 1, pool.value);
    await this.ctx.store.createRound(round);
    await this.ctx.audit(actor, 'round:create', round.roundId, { settings, poolSize: round.poolSize });
    return ok(await this.admin(round));
  }

  async update(
    roundId: string,
    patch: Partial<RoundSettingsInput> & { version: number },
    actor: string,
    options: { refreshPool?: boolean } = {},
  ): Promise<OnlineResult<RoundAdmin>> {
    const { version, ...rest } = patch;
    const resolved = resolveSettings(rest);
    if (!resolved.ok) return resolved.error;
    const now = this.ctx.clock();
    let changedKeys: (keyof RoundSettings)[] = [];
    const result = await updateRoundWith(this.ctx.store, roundId, async (round) => {
      if (round.version !== version)
        return { refuse: fail('STALE_VERSION', 'Kỳ thi đã được người khác sửa; hãy tải lại trước khi lưu.') };
      const next: RoundSettings = { ...round.settings, ...resolved.value };
      const problems = settingsProblems(next);
      if (problems.length > 0) return { refuse: fail('BAD_REQUEST', problems.join(' ')) };
      const locked = lockedChanges(round.settings, next, now);
      if (locked.length > 0)
        return {
          refuse: fail(
            'ROUND_LOCKED',
            `Kỳ thi đã mở: không thể đổi ${locked.join(', ')} (công bằng giữa các thí sinh).`,
          ),
        };
      const quotasChanged = JSON.stringify(next.quotas) !== JSON.stringify(round.settings.quotas);
      let { poolVersion, poolSize: size } = round;
      if (quotasChanged || options.refreshPool) {
        if (roundPhase(round.settings, now) !== 'upcoming')
          return { refuse: fail('ROUND_LOCKED', 'Kỳ thi đã mở: bộ câu hỏi không thể thay đổi.') };
        const pool = await this.freezePool(next);
        if (!pool.ok) return { refuse: pool.error };
        poolVersion = round.poolVersion + 1;
        size = poolSize(pool.value);
        await this.ctx.store.savePool(roundId, poolVersion, pool.value);
      }
      changedKeys = (Object.keys(next) as (keyof RoundSettings)[]).filter(
        (k) => JSON.stringify(next[k]) !== JSON.stringify(round.settings[k]),
      );
      // changed prize counts re-propose the prizes: the BTC confirms again
      const results = changedKeys.includes('prizes') ? invalidated(round.results) : round.results;
      const before = Object.fromEntries(changedKeys.map((k) => [k, round.settings[k]]));
      const after = Object.fromEntries(changedKeys.map((k) => [k, next[k]]));
      return {
        next: { ...round, settings: next, poolVersion, poolSize: size, results },
        result: { before, after, poolVersion },
      };
    });
    if (!result.ok) return result;
    await this.ctx.audit(actor, options.refreshPool ? 'round:refresh-pool' : 'round:update', roundId, {
      changed: changedKeys,
      ...result.data,
    });
    return ok(await this.admin((await this.ctx.store.getRound(roundId))!));
  }

  async admin(round: RoundRecord): Promise<RoundAdmin> {
    const now = this.ctx.clock();
    const participants = await this.ctx.store.participants(round.roundId);
    return {
      ...roundPublic(
        round.roundId,
        round.settings,
        participants,
        round.results.state.status === 'published',
        now,
      ),
      settings: round.settings,
      version: round.version,
      createdAt: round.createdAt,
      poolSize: round.poolSize,
      results: round.results.state,
    };
  }

  async listAdmin(): Promise<RoundAdmin[]> {
    return Promise.all((await this.ctx.store.listRounds()).map((r) => this.admin(r)));
  }

  async getAdmin(roundId: string): Promise<OnlineResult<RoundAdmin>> {
    const round = await this.ctx.store.getRound(roundId);
    return round ? ok(await this.admin(round)) : fail('ROUND_NOT_FOUND', 'Không tìm thấy kỳ thi.');
  }

  async publicView(round: RoundRecord): Promise<RoundPublic> {
    const participants = await this.ctx.store.participants(round.roundId);
    return roundPublic(
      round.roundId,
      round.settings,
      participants,
      round.results.state.status === 'published',
      this.ctx.clock(),
    );
  }

  async listPublic(): Promise<RoundPublic[]> {
    return Promise.all((await this.ctx.store.listRounds()).map((r) => this.publicView(r)));
  }

  async getPublic(roundId: string): Promise<OnlineResult<RoundPublic>> {
    const round = await this.ctx.store.getRound(roundId);
    return round ? ok(await this.publicView(round)) : fail('ROUND_NOT_FOUND', 'Không tìm thấy kỳ thi.');
  }
}

function poolSize(pool: readonly PoolQuestion[]): Record<string, number> {
  // topic ids are the organizers' data: no prototype for a "__proto__" to reach
  const size = Object.create(null) as Record<string, number>;
  for (const q of pool) size[q.topicId] = (size[q.topicId] ?? 0) + 1;
  return size;
}
