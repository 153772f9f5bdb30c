/**
 * The show builder: a plan picks approved question versions into the show's slots (main, backup,
 * tie-break, rescue, golden bell), sets time per question, rules, seats and contestants; publishing
 * creates the live show from exactly those versions. MCs and judges are assigned per show (plans
 * and shows created by the API alike) and open its console signed in, without a PIN.
 */
import {
  DEFAULT_RULES,
  type ShowListRow,
  type ShowPlanInfo,
  type ShowRules,
  type ShowSlot,
  type StaffAssignment,
} from '@cv/shared/protocol';
import { randomBytes } from 'node:crypto';
import type { ShowService } from '../../runtime/show-service.ts';
import type { StoredDoc } from '../../storage/workspace/index.ts';
import type { AccountService } from '../accounts.ts';
import type { BankService } from '../bank/service.ts';
import { auditOf, COLLECTIONS as C, WorkspaceError, type Actor, type WorkspaceDeps } from '../context.ts';

export interface Contestant {
  seat: number;
  name: string;
  unit?: string;
  birthDate?: string;
  phone?: string;
}

export interface PlanDoc {
  showId: string;
  title: string;
  status: 'draft' | 'published';
  seatCount: number;
  rules: ShowRules;
  slots: ShowSlot[];
  contestants: Contestant[];
  createdAt: number;
  updatedAt: number;
  publishedAt: number | null;
}

const EMPTY_STAFF: StaffAssignment = { mc: [], judge: [] };
export const showScope = (showId: string) => `show:${showId}`;

export interface BuilderDeps extends WorkspaceDeps {
  shows: ShowService;
  bank: BankService;
  accounts: AccountService;
}

export class BuilderService {
  constructor(private readonly deps: BuilderDeps) {}

  private get now(): number {
    return this.deps.clock();
  }

  private async plan(showId: string): Promise<StoredDoc<PlanDoc> | null> {
    return this.deps.ws.get<PlanDoc>(C.plans, showId);
  }

  private async mustPlan(showId: string): Promise<StoredDoc<PlanDoc>> {
    const stored = await this.plan(showId);
    if (!stored) throw new WorkspaceError('SHOW_NOT_FOUND', 'Không có chương trình này.');
    return stored;
  }

  private async mustDraft(showId: string, rev?: number): Promise<StoredDoc<PlanDoc>> {
    const stored = await this.mustPlan(showId);
    if (stored.doc.status !== 'draft')
      throw new WorkspaceError(
        'WRONG_STAGE',
        'Chương trình đã được tạo; thí sinh và câu hỏi không đổi ở đây nữa (sửa thí sinh trong bàn điều khiển MC).',
      );
    if (rev !== undefined && rev !== stored.rev)
      throw new WorkspaceError('CONFLICT', 'Chương trình vừa được người khác sửa: hãy tải lại.');
    return stored;
  }

  /** one plan write with its audit entry, refused if someone changed the plan meanwhile */
  private async savePlan(
    actor: Actor,
    stored: StoredDoc<PlanDoc>,
    after: PlanDoc,
    action: string,
    before: unknown,
    summaryAfter: unknown,
  ): Promise<void> {
    await this.deps.ws.write(
      [{ op: 'put', collection: C.plans, id: stored.id, doc: after, expect: stored.rev }],
      [auditOf(actor, this.now, showScope(stored.id), action, stored.id, before, summaryAfter)],
    );
  }

  async staffOf(showId: string): Promise<StaffAssignment> {
    return (await this.deps.ws.get<StaffAssignment>(C.assignments, showId))?.doc ?? EMPTY_STAFF;
  }

  /** the console roles an account holds on a show: assigned, and still holding the staff role */
  async consoleRoles(
    showId: string,
    account: { accountId: string; roles: readonly string[] },
  ): Promise<('mc' | 'judge')[]> {
    const staff = await this.staffOf(showId);
    return (['mc', 'judge'] as const).filter(
      (r) => staff[r].includes(account.accountId) && account.roles.includes(r),
    );
  }

  async list(actor: Actor): Promise<ShowListRow[]> {
    const plans = new Map((await this.deps.ws.list<PlanDoc>(C.plans)).map((p) => [p.id, p.doc]));
    const assignments = new Map(
      (await this.deps.ws.list<StaffAssignment>(C.assignments)).map((a) => [a.id, a.doc]),
    );
    const ids = [...new Set([...plans.keys(), ...this.deps.shows.list().map((r) => r.showId)])];
    const rows: ShowListRow[] = [];
    for (const showId of ids) {
      const plan = plans.get(showId);
      const record = this.deps.shows.record(showId);
      const staff = assignments.get(showId) ?? EMPTY_STAFF;
      const myRoles = (['mc', 'judge'] as const).filter(
        (r) => actor.accountId !== null && staff[r].includes(actor.accountId) && actor.roles.includes(r),
      );
      const seesAll = actor.roles.includes('admin') || actor.roles.includes('secretary');
      if (!seesAll && myRoles.length === 0) continue;
      rows.push({
        showId,
        title: record?.title ?? plan?.title ?? showId,
        status: record ? 'published' : 'draft',
        stage: this.deps.shows.runner(showId)?.state.stage ?? null,
        seatCount: record?.setup.seats.length ?? plan?.seatCount ?? 0,
        questionCount: record?.setup.questions.length ?? plan?.slots.length ?? 0,
        myRoles,
      });
    }
    return rows;
  }

  async info(showId: string): Promise<ShowPlanInfo> {
    const stored = await this.plan(showId);
    const record = this.deps.shows.record(showId);
    if (!stored && !record) throw new WorkspaceError('SHOW_NOT_FOUND', 'Không có chương trình này.');
    const staff = await this.staffOf(showId);
    const stage = this.deps.shows.runner(showId)?.state.stage ?? null;
    if (stored) return { ...stored.doc, rev: stored.rev, staff, stage };
    // a show created through POST /api/shows: what it has, read-only
    return {
      showId,
      rev: 0,
      title: record!.title,
      status: 'published',
      seatCount: record!.setup.seats.length,
      rules: record!.setup.rules,
      slots: [],
      contestants: record!.setup.seats.map((s) => ({
        seat: s.seat,
        name: s.name,
        ...(s.unit ? { unit: s.unit } : {}),
      })),
      staff,
      createdAt: record!.createdAt,
      updatedAt: record!.createdAt,
      publishedAt: record!.createdAt,
      stage,
    };
  }

  async create(actor: Actor, input: { title: string; showId?: string }): Promise<ShowPlanInfo> {
    const showId = input.showId ?? `ct-${randomBytes(3).toString('hex')}`;
    if (this.deps.shows.record(showId) || (await this.plan(showId)))
      throw new WorkspaceError('CONFLICT', `Mã chương trình "${showId}" đã được dùng.`);
    const now = this.now;
    const plan: PlanDoc = {
      showId,
      title: input.title,
      status: 'draft',
      seatCount: 20,
      rules: structuredClone(DEFAULT_RULES),
      slots: [],
      contestants: [],
      createdAt: now,
      updatedAt: now,
      publishedAt: null,
    };
    await this.deps.ws.write(
      [{ op: 'put', collection: C.plans, id: showId, doc: plan, expect: 'absent' }],
      [auditOf(actor, now, showScope(showId), 'show.create', showId, null, { title: plan.title })],
    );
    return this.info(showId);
  }

  async update(
    actor: Actor,
    showId: string,
    input: { rev: number; title: string; seatCount: number; rules: ShowRules; slots: ShowSlot[] },
  ): Promise<ShowPlanInfo> {
    const stored = await this.mustDraft(showId, input.rev);
    const seen = new Set<string>();
    for (const [i, slot] of input.slots.entries()) {
      if (seen.has(slot.questionId))
        throw new WorkspaceError(
          'BAD_REQUEST',
          `slots.${i}: câu ${slot.questionId} đã có trong chương trình.`,
        );
      seen.add(slot.questionId);
      await this.deps.bank.usableVersion(slot.questionId, slot.version);
    }
    const maxSeat = Math.max(0, ...stored.doc.contestants.map((c) => c.seat));
    if (input.seatCount < maxSeat)
      throw new WorkspaceError(
        'BAD_REQUEST',
        `seatCount: đã có thí sinh ở ghế ${maxSeat}, số ghế không được ít hơn.`,
      );
    const after: PlanDoc = {
      ...stored.doc,
      title: input.title,
      seatCount: input.seatCount,
      rules: input.rules,
      slots: input.slots,
      updatedAt: this.now,
    };
    await this.savePlan(actor, stored, after, 'show.update', summary(stored.doc), summary(after));
    return this.info(showId);
  }

  async setContestants(
    actor: Actor,
    showId: string,
    rev: number,
    contestants: Contestant[],
    action = 'show.contestants',
  ): Promise<ShowPlanInfo> {
    const stored = await this.mustDraft(showId, rev);
    const seats = new Set<number>();
    for (const c of contestants) {
      if (seats.has(c.seat))
        throw new WorkspaceError('BAD_REQUEST', `contestants: ghế ${c.seat} có hai thí sinh.`);
      seats.add(c.seat);
    }
    const sorted = [...contestants].sort((a, b) => a.seat - b.seat);
    const after: PlanDoc = {
      ...stored.doc,
      contestants: sorted,
      seatCount: Math.max(stored.doc.seatCount, ...sorted.map((c) => c.seat)),
      updatedAt: this.now,
    };
    await this.savePlan(
      actor,
      stored,
      after,
      action,
      { contestants: stored.doc.contestants.length },
      { contestants: sorted.length, seatCount: after.seatCount },
    );
    return this.info(showId);
  }

  async setStaff(actor: Actor, showId: string, staff: StaffAssignment): Promise<ShowPlanInfo> {
    if (!this.deps.shows.record(showId) && !(await this.plan(showId)))
      throw new WorkspaceError('SHOW_NOT_FOUND', 'Không có chương trình này.');
    for (const role of ['mc', 'judge'] as const)
      for (const accountId of staff[role]) {
        const account = (await this.deps.accounts.get(accountId))?.doc;
        if (!account || account.disabled || !account.roles.includes(role))
          throw new WorkspaceError(
            'BAD_REQUEST',
            `${role}: tài khoản ${accountId} không có vai trò ${role === 'mc' ? 'MC' : 'Ban Giám khảo'}.`,
          );
      }
    const clean: StaffAssignment = { mc: [...new Set(staff.mc)], judge: [...new Set(staff.judge)] };
    const before = await this.deps.ws.get<StaffAssignment>(C.assignments, showId);
    await this.deps.ws.write(
      [
        {
          op: 'put',
          collection: C.assignments,
          id: showId,
          doc: clean,
          ...(before ? { expect: before.rev } : { expect: 'absent' as const }),
        },
      ],
      [auditOf(actor, this.now, showScope(showId), 'show.staff', showId, before?.doc ?? EMPTY_STAFF, clean)],
    );
    return this.info(showId);
  }

  /** the live show from exactly the plan's question versions */
  async publish(actor: Actor, showId: string): Promise<ShowPlanInfo> {
    const stored = await this.mustDraft(showId);
    const plan = stored.doc;
    if (!plan.slots.some((s) => s.pool === 'main'))
      throw new WorkspaceError('BAD_REQUEST', 'Chương trình cần ít nhất một câu hỏi chính.');
    const questions = [];
    for (const slot of plan.slots) {
      const approved = await this.deps.bank.usableVersion(slot.questionId, slot.version);
      questions.push({ ...approved.question, pool: slot.pool, timeLimitSec: slot.timeLimitSec });
    }
    await this.deps.shows.create(
      {
        title: plan.title,
        rules: plan.rules,
        seatCount: plan.seatCount,
        seats: plan.contestants.map(({ seat, name, unit }) => ({ seat, name, ...(unit ? { unit } : {}) })),
        questions,
      },
      showId,
    );
    const now = this.now;
    const after: PlanDoc = { ...plan, status: 'published', publishedAt: now, updatedAt: now };
    await this.deps.ws.write(
      [{ op: 'put', collection: C.plans, id: showId, doc: after }],
      [
        auditOf(actor, now, showScope(showId), 'show.publish', showId, null, {
          ...summary(after),
          versions: plan.slots.map((s) => `${s.questionId} v${s.version}`),
        }),
      ],
    );
    return this.info(showId);
  }
}

function summary(p: PlanDoc) {
  const count = (pool: ShowSlot['pool']) => p.slots.filter((s) => s.pool === pool).length;
  return {
    title: p.title,
    seatCount: p.seatCount,
    main: count('main'),
    backup: count('backup'),
    tiebreak: count('tiebreak'),
    rescue: count('rescue'),
    golden: count('golden'),
    rules: p.rules,
  };
}
