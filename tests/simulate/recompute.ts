/**
 * The simulation's independent check: scores and the ranking recomputed from the raw attempts (the
 * staff's JSONL export) and the frozen pool, with code of its own — nothing here imports the
 * server's rules, so a bug there cannot hide by being shared.
 */
export interface RawAttempt {
  attemptId: string;
  candidateId: string;
  candidateNo: number;
  number: number;
  startedAt: number;
  deadline: number;
  draw: { poolIndex: number; order: number[] | null }[];
  status: 'open' | 'submitted';
  answers: unknown[];
  prediction: number | null;
  score: { correct: number; total: number; durationMs: number; submittedAt: number; auto: boolean } | null;
}

export interface PoolEntry {
  poolIndex: number;
  question: {
    kind: 'single' | 'multi' | 'truefalse' | 'text' | 'numeric' | 'ordering';
    key:
      | { kind: 'single'; answer: number }
      | { kind: 'multi'; answer: number[] }
      | { kind: 'truefalse'; answer: boolean }
      | { kind: 'text'; accepted: string[] }
      | { kind: 'numeric'; value: number; tolerance?: number }
      | { kind: 'ordering'; order: number[] };
  };
}

export interface PublishedRow {
  position: number;
  rank: number;
  candidateId: string;
  attemptId: string;
  correct: number;
  distance: number | null;
  durationMs: number;
  submittedAt: number;
  prize: string | null;
}

const plain = (s: string) =>
  s
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();

/** was this answer (given in the attempt's option order) right? */
export function judge(entry: PoolEntry, order: number[] | null, answer: unknown): boolean {
  if (answer === null || answer === undefined) return false;
  const key = entry.question.key;
  const back = (i: unknown) => (order && typeof i === 'number' ? order[i] : i);
  switch (key.kind) {
    case 'single':
      return back(answer) === key.answer;
    case 'multi': {
      if (!Array.isArray(answer)) return false;
      const given = new Set(answer.map(back));
      return given.size === key.answer.length && key.answer.every((c) => given.has(c));
    }
    case 'truefalse':
      return answer === key.answer;
    case 'text':
      return typeof answer === 'string' && key.accepted.some((a) => plain(a) === plain(answer));
    case 'numeric':
      return typeof answer === 'number' && Math.abs(answer - key.value) <= (key.tolerance ?? 0) + 1e-9;
    case 'ordering': {
      // the items as the candidate ranked them (shown positions), read back as the bank's items:
      // right only if every place holds the key's item
      if (!Array.isArray(answer) || answer.length !== key.order.length) return false;
      const ranked = answer.map(back);
      return key.order.every((item, place) => ranked[place] === item);
    }
  }
}

export function rescore(a: RawAttempt, pool: Map<number, PoolEntry>): number {
  return a.draw.filter((d, i) => judge(pool.get(d.poolIndex)!, d.order, a.answers[i])).length;
}

/** ranking of the submitted attempts, counted as the round says, voided candidates left out */
export function rerank(
  attempts: RawAttempt[],
  counted: 'best' | 'first' | 'latest',
  actual: number | null,
  voided: Set<string>,
): { candidateId: string; attemptId: string; rank: number }[] {
  const dist = (a: RawAttempt) =>
    a.prediction === null || actual === null ? Number.POSITIVE_INFINITY : Math.abs(a.prediction - actual);
  const order = (x: RawAttempt, y: RawAttempt) => {
    const keys = [
      y.score!.correct - x.score!.correct,
      dist(x) === dist(y) ? 0 : dist(x) < dist(y) ? -1 : 1,
      x.score!.durationMs - y.score!.durationMs,
      x.score!.submittedAt - y.score!.submittedAt,
    ];
    return keys.find((k) => k !== 0) ?? 0;
  };
  const best = new Map<string, RawAttempt>();
  for (const a of attempts) {
    if (a.status !== 'submitted' || voided.has(a.candidateId)) continue;
    const cur = best.get(a.candidateId);
    const take =
      !cur ||
      (counted === 'first' && a.number < cur.number) ||
      (counted === 'latest' && a.number > cur.number) ||
      (counted === 'best' && (order(a, cur) < 0 || (order(a, cur) === 0 && a.number < cur.number)));
    if (take) best.set(a.candidateId, a);
  }
  const list = [...best.values()].sort((x, y) => order(x, y) || x.candidateNo - y.candidateNo);
  let rank = 0;
  return list.map((a, i) => {
    if (i === 0 || order(list[i - 1], a) !== 0) rank = i + 1;
    return { candidateId: a.candidateId, attemptId: a.attemptId, rank };
  });
}
