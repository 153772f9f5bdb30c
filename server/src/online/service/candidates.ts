/** Registration, sign-in and the candidate's own page. */
import type {
  CandidateHome,
  CandidateRoundStatus,
  CandidateSelf,
  OnlineResult,
  RegistrationFormView,
  RegistrationInput,
  SessionGrant,
  UnitGroupOption,
} from '@cv/shared/protocol/online.ts';
import { maskId, maskPhone, normalizeIdNumber, normalizePhone } from '../rules/normalize.ts';
import { checkRegistration } from '../rules/registration.ts';
import { vnDayKey } from '../rules/time.ts';
import type { CandidateRecord } from '../store/port.ts';
import { fail, newId, ok, type OnlineContext } from './context.ts';
import type { RoundDesk } from './rounds.ts';
import type { SessionTokens } from './session.ts';

export const EXCLUDED_MESSAGE =
  'Theo Thể lệ, thành viên Ban Tổ chức, Ban Giám khảo, Tổ Thư ký và Tổ giúp việc không tham gia dự thi. ' +
  'Cảm ơn bạn đã quan tâm và đồng hành cùng Cuộc thi!';

export class CandidateDesk {
  constructor(
    private readonly ctx: OnlineContext,
    private readonly rounds: RoundDesk,
    private readonly sessions: SessionTokens,
  ) {}

  async form(): Promise<RegistrationFormView> {
    const settings = await this.rounds.effectiveForm();
    const groups = new Map<string, UnitGroupOption>();
    for (const u of await this.ctx.unitList()) {
      let g = groups.get(u.groupId);
      if (!g) groups.set(u.groupId, (g = { groupId: u.groupId, groupName: u.groupName, units: [] }));
      g.units.push({ unitId: u.unitId, name: u.name });
    }
    return { title: settings.title, form: settings.form, units: [...groups.values()] };
  }

  async register(input: RegistrationInput): Promise<OnlineResult<SessionGrant>> {
    const now = this.ctx.clock();
    const settings = await this.rounds.effectiveForm();
    const unitIds = new Set((await this.ctx.unitList()).map((u) => u.unitId));
    const checked = checkRegistration(input, settings.form, unitIds, now);
    if (!checked.ok) return fail('INVALID_FIELDS', 'Thông tin đăng ký chưa hợp lệ.', checked.problems);
    if (await this.ctx.exclusions.isExcluded(checked.value.idNumber))
      return fail('EXCLUDED', EXCLUDED_MESSAGE);
    const record = { ...checked.value, candidateId: newId('c'), registeredAt: now };
    const stored = await this.ctx.store.register(record);
    if (!stored.ok)
      return fail(
        'ALREADY_REGISTERED',
        stored.taken === 'idNumber'
          ? 'Số CCCD này đã đăng ký. Hãy đăng nhập bằng số CCCD và số điện thoại đã đăng ký.'
          : 'Số điện thoại này đã được dùng để đăng ký. Mỗi người dùng một số điện thoại.',
      );
    return ok(await this.grant({ ...record, candidateNo: stored.candidateNo }, now));
  }

  /** a returning candidate: CCCD and phone must both match one registration */
  async login(idNumber: string, phone: string): Promise<OnlineResult<SessionGrant>> {
    const now = this.ctx.clock();
    const id = normalizeIdNumber(idNumber);
    const tel = normalizePhone(phone);
    const notFound = fail(
      'CANDIDATE_NOT_FOUND',
      'Số CCCD và số điện thoại không khớp với thí sinh đã đăng ký.',
    );
    if (!id || !tel) return notFound;
    const candidate = await this.ctx.store.findCandidate({ idNumber: id });
    if (!candidate || candidate.phone !== tel) return notFound;
    if (await this.ctx.exclusions.isExcluded(candidate.idNumber)) return fail('EXCLUDED', EXCLUDED_MESSAGE);
    return ok(await this.grant(candidate, now));
  }

  authenticate(token: string | undefined): string | null {
    return this.sessions.verify(token, this.ctx.clock());
  }

  async self(candidate: CandidateRecord): Promise<CandidateSelf> {
    const unit = candidate.unitId
      ? (await this.ctx.unitList()).find((u) => u.unitId === candidate.unitId)
      : null;
    return {
      candidateId: candidate.candidateId,
      fullName: candidate.fullName,
      idMasked: maskId(candidate.idNumber),
      phoneMasked: maskPhone(candidate.phone),
      unitName: unit?.name ?? null,
    };
  }

  private async grant(candidate: CandidateRecord, now: number): Promise<SessionGrant> {
    const { token, expiresAt } = this.sessions.issue(candidate.candidateId, now);
    return { token, expiresAt, candidate: await this.self(candidate) };
  }

  async home(
    candidateId: string,
    standing: (roundId: string) => Promise<CandidateRoundStatus['standing']>,
  ): Promise<OnlineResult<CandidateHome>> {
    const candidate = await this.ctx.store.getCandidate(candidateId);
    if (!candidate) return fail('UNAUTHORIZED', 'Phiên đăng nhập không còn hợp lệ.');
    const now = this.ctx.clock();
    const today = vnDayKey(now);
    const rounds: CandidateRoundStatus[] = [];
    for (const round of await this.ctx.store.listRounds()) {
      const attempts = await this.ctx.store.attemptsOf(round.roundId, candidateId);
      const showScore = round.settings.visibility.afterSubmit === 'score';
      rounds.push({
        roundId: round.roundId,
        attemptsUsed: attempts.length,
        attemptsToday: attempts.filter((a) => a.dayKey === today).length,
        openAttemptId: attempts.find((a) => a.status === 'open')?.attemptId ?? null,
        attempts: attempts.map((a) => ({
          attemptId: a.attemptId,
          number: a.number,
          status: a.status,
          score: a.score && showScore ? { ...a.score } : null,
        })),
        standing: await standing(round.roundId),
      });
    }
    return ok({ candidate: await this.self(candidate), rounds, serverNow: now });
  }
}
