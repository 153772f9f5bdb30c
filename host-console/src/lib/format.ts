/** Display helpers for seat lists, counts and times. Answers and keys: formatAnswer/formatKey in @cv/shared/ui/format.ts. */
import { countAnswer, type AnswerValue, type PublicQuestion } from '@cv/shared/protocol';

/** counts per bucket computed from the host's list of answers (when no tally has arrived yet) */
export function distributionFromAnswers(
  q: Pick<PublicQuestion, 'kind' | 'options'>,
  answers: Record<number, { value: AnswerValue; correct: boolean }>,
): Record<string, number> {
  const out: Record<string, number> = {};
  for (const a of Object.values(answers)) countAnswer(out, q, a.value, () => a.correct);
  return out;
}

/** 7,42 s (or 7,42 under a "seconds" heading) */
export function formatSeconds(ms: number | null | undefined, unit = true): string {
  if (ms === null || ms === undefined) return '';
  const n = (ms / 1000).toLocaleString('vi-VN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  return unit ? `${n} s` : n;
}

/** countdown digits: 0:15 / 15 */
export function formatCountdown(ms: number | null): string {
  if (ms === null) return '—';
  const s = Math.ceil(Math.max(0, ms) / 1000);
  if (s < 60) return String(s);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

export function formatClock(at: number): string {
  const d = new Date(at);
  return d.toLocaleTimeString('vi-VN', { hour12: false });
}

/** "3, 5, 12-14" → [3, 5, 12, 13, 14]; unknown tokens are reported */
export function parseSeatList(text: string): { seats: number[]; invalid: string[] } {
  const seats = new Set<number>();
  const invalid: string[] = [];
  for (const raw of text.split(/[\s,;]+/)) {
    const token = raw.trim();
    if (!token) continue;
    const range = /^(\d+)\s*[-–]\s*(\d+)$/.exec(token);
    if (range) {
      const a = Number(range[1]);
      const b = Number(range[2]);
      if (a >= 1 && b >= a && b - a <= 500) for (let s = a; s <= b; s++) seats.add(s);
      else invalid.push(token);
    } else if (/^\d+$/.test(token) && Number(token) >= 1) seats.add(Number(token));
    else invalid.push(token);
  }
  return { seats: [...seats].sort((a, b) => a - b), invalid };
}
