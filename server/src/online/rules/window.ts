/** A round's window: when it is open, and which set-up changes it still allows. Pure. */
import { LOCKED_WHEN_OPEN, type RoundPhase, type RoundSettings } from '@cv/shared/protocol/online.ts';

/** open from opensAt (inclusive) until closesAt (exclusive) */
export function roundPhase(settings: Pick<RoundSettings, 'opensAt' | 'closesAt'>, now: number): RoundPhase {
  if (now < settings.opensAt) return 'upcoming';
  return now < settings.closesAt ? 'open' : 'closed';
}

/** what is wrong with a set of settings on its own (the pool is checked elsewhere); Vietnamese messages */
export function settingsProblems(s: RoundSettings): string[] {
  const problems: string[] = [];
  if (s.closesAt <= s.opensAt) problems.push('Thời điểm kết thúc phải sau thời điểm bắt đầu.');
  const total = s.quotas.reduce((n, q) => n + q.count, 0);
  if (total > 200) problems.push('Một lượt thi có nhiều nhất 200 câu hỏi.');
  if (s.attemptsPerDay !== null && s.attemptsPerRound !== null && s.attemptsPerDay > s.attemptsPerRound)
    problems.push('Số lượt mỗi ngày không được lớn hơn số lượt của cả kỳ thi.');
  return problems;
}

/** the settings an admin tries to change that the round, open since `opensAt`, no longer allows */
export function lockedChanges(before: RoundSettings, after: RoundSettings, now: number): string[] {
  if (now < before.opensAt) return [];
  const changed = LOCKED_WHEN_OPEN.filter(
    (key) => JSON.stringify(before[key]) !== JSON.stringify(after[key]),
  ) as string[];
  // while open the close may move, but not into the past; once closed it stays closed
  if (after.closesAt !== before.closesAt && (after.closesAt < now || now >= before.closesAt))
    changed.push('closesAt');
  return changed;
}

export const questionCount = (s: Pick<RoundSettings, 'quotas'>): number =>
  s.quotas.reduce((n, q) => n + q.count, 0);
