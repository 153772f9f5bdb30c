/** Display helpers for questions, answers and times. Pure; texts that need translation come back as i18n keys. */
import type { AnswerKey, AnswerValue, PublicQuestion } from '@cv/shared/protocol';

export const optionLetter = (i: number): string => String.fromCharCode(65 + i);

type Translate = (key: string) => string;

/** an answer as the MC reads it aloud: "B", "A, C", "Đúng", "12,5", "văn bản" */
export function formatAnswer(
  q: Pick<PublicQuestion, 'kind'>,
  value: AnswerValue | null | undefined,
  t: Translate,
): string {
  if (value === null || value === undefined) return '';
  switch (q.kind) {
    case 'single':
      return typeof value === 'number' ? optionLetter(value) : String(value);
    case 'multi':
      return Array.isArray(value)
        ? [...value]
            .sort((a, b) => a - b)
            .map(optionLetter)
            .join(', ')
        : String(value);
    case 'truefalse':
      return value === true ? t('answer.true') : value === false ? t('answer.false') : String(value);
    case 'numeric':
      return typeof value === 'number' ? value.toLocaleString('vi-VN') : String(value);
    case 'text':
      return String(value);
  }
}

/** the correct answer in the same words */
export function formatKey(key: AnswerKey, t: Translate): string {
  switch (key.kind) {
    case 'single':
      return optionLetter(key.correct);
    case 'multi':
      return [...key.correct]
        .sort((a, b) => a - b)
        .map(optionLetter)
        .join(', ');
    case 'truefalse':
      return key.correct ? t('answer.true') : t('answer.false');
    case 'text':
      return key.accepted.join(' / ');
    case 'numeric':
      return key.tolerance > 0
        ? `${key.value.toLocaleString('vi-VN')} ± ${key.tolerance.toLocaleString('vi-VN')}`
        : key.value.toLocaleString('vi-VN');
  }
}

/** is option i part of the key (single/multi) */
export function isCorrectOption(key: AnswerKey, i: number): boolean {
  if (key.kind === 'single') return key.correct === i;
  if (key.kind === 'multi') return key.correct.includes(i);
  return false;
}

/** counts per bucket computed from the host's list of answers (when no tally has arrived yet) */
export function distributionFromAnswers(
  q: Pick<PublicQuestion, 'kind'>,
  answers: Record<number, { value: AnswerValue; correct: boolean }>,
): Record<string, number> {
  const out: Record<string, number> = {};
  const add = (k: string) => (out[k] = (out[k] ?? 0) + 1);
  for (const a of Object.values(answers)) {
    if (q.kind === 'single' && typeof a.value === 'number') add(String(a.value));
    else if (q.kind === 'multi' && Array.isArray(a.value)) a.value.forEach((i) => add(String(i)));
    else if (q.kind === 'truefalse' && typeof a.value === 'boolean') add(String(a.value));
    else if (q.kind === 'text' || q.kind === 'numeric') add(a.correct ? 'correct' : 'wrong');
  }
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
