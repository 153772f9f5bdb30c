/**
 * The answer-key leak scan of every candidate-facing payload. A key can leak in many forms; this
 * looks for each, in JSON structure and in text:
 *   - a field that only a key or its parts would fill: key, accepted, tolerance, explanation, order,
 *     permutation, draw, poolIndex, questionId, isCorrect, verdict(s), answerKey, solution; `correct`
 *     holding anything but a count;
 *   - a text key or an explanation, compared without case, spaces, punctuation or diacritics;
 *   - a numeric key, as a number or inside a string;
 *   - an option order of the attempt (the mapping from shown options to the bank's), whatever its name;
 *   - an ordering question's key (sắp xếp thứ tự) as an integer list, whatever its name: in the places the
 *     attempt shows the items (what a candidate would send) or in the bank's item numbers.
 * What the candidate typed is theirs: an attempt's `answers[i]` equal to what the client sent for
 * question i is not a leak (the key in an answer the client did not send is).
 */
import type { AnswerValue, Question } from '@cv/shared/protocol';

export interface KeyForms {
  /** normalised text keys and explanations */
  texts: string[];
  numbers: number[];
  /** option orders of each attempt, by attempt id */
  orders: Map<string, number[][]>;
  /** the ordering keys of each attempt's ordering questions, in shown places and in bank items, by attempt id */
  orderings: Map<string, number[][]>;
}

/** a question of the round's pool, as the staff's pool export lists it */
export interface PoolItem {
  poolIndex: number;
  question: Question;
}

type ScannedAttempt = { attemptId: string; draw: { poolIndex: number; order: number[] | null }[] };

const isIdentity = (xs: readonly number[]) => xs.every((v, i) => v === i);

/**
 * An attempt's ordering keys: the key's items at the places the attempt shows them, and the key in the
 * bank's numbering. The written order [0, 1, 2…] is left out: it is every untouched answer, and innocent.
 */
function orderingKeysOf(attempt: ScannedAttempt, byIndex: ReadonlyMap<number, Question>): number[][] {
  const out: number[][] = [];
  for (const d of attempt.draw) {
    const key = byIndex.get(d.poolIndex)?.key;
    if (key?.kind !== 'ordering') continue;
    const shown = d.order ? key.order.map((item) => d.order!.indexOf(item)) : key.order;
    for (const form of [shown, key.order]) if (!isIdentity(form)) out.push(form);
  }
  return out;
}

const FORBIDDEN = new Set(
  [
    'key',
    'accepted',
    'tolerance',
    'explanation',
    'order',
    'orders',
    'permutation',
    'draw',
    'poolindex',
    'questionid',
    'iscorrect',
    'verdict',
    'verdicts',
    'answerkey',
    'solution',
  ].map((k) => k.toLowerCase()),
);

export const normaliseForScan = (s: string) =>
  s
    .normalize('NFD')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');

export function keyFormsOf(pool: readonly PoolItem[], attempts: readonly ScannedAttempt[] = []): KeyForms {
  const questions = pool.map((p) => p.question);
  const byIndex = new Map(pool.map((p) => [p.poolIndex, p.question]));
  const texts = new Set<string>();
  const numbers = new Set<number>();
  for (const q of questions) {
    if (q.explanation) texts.add(normaliseForScan(q.explanation));
    if (q.key.kind === 'text') for (const a of q.key.accepted) texts.add(normaliseForScan(a));
    if (q.key.kind === 'numeric') numbers.add(q.key.value);
  }
  const orders = new Map<string, number[][]>();
  const orderings = new Map(attempts.map((a) => [a.attemptId, orderingKeysOf(a, byIndex)]));
  for (const a of attempts)
    orders.set(
      a.attemptId,
      a.draw.flatMap((d) =>
        d.order && d.order.length >= 3 && d.order.some((v, i) => v !== i) ? [d.order] : [],
      ),
    );
  // very short texts would match everywhere: the scan needs distinctive keys (the fixtures make them so)
  return { texts: [...texts].filter((t) => t.length >= 6), numbers: [...numbers], orders, orderings };
}

export interface Payload {
  /** where it came from, for the report */
  source: string;
  body: unknown;
  /** the attempt the payload is about (its option orders are looked for) */
  attemptId?: string;
  /** what this client sent as answers of that attempt: index → value */
  sent?: ReadonlyMap<number, AnswerValue | null>;
}

const HEX_DIGEST = /^[0-9a-f]{32,}$/i;

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * The integer lists a payload must not hold: its attempt's option orders (every attempt's when it names
 * none, or its own has none) and its attempt's ordering keys (every attempt's when it names none, or one
 * the scan does not know).
 */
export function listFormsFor(
  forms: KeyForms,
  attemptId?: string,
): { orders: number[][]; orderings: number[][] } {
  const own = attemptId ? (forms.orders.get(attemptId) ?? []) : [];
  const ownOrderings = attemptId ? forms.orderings.get(attemptId) : undefined;
  return {
    orders: own.length ? own : [...forms.orders.values()].flat(),
    orderings: ownOrderings ?? [...forms.orderings.values()].flat(),
  };
}

/** the findings in one payload; empty = clean */
export function scanPayload(p: Payload, forms: KeyForms): string[] {
  const findings: string[] = [];
  const lists = listFormsFor(forms, p.attemptId);
  const visit = (value: unknown, path: string): void => {
    if (Array.isArray(value)) {
      if (value.length >= 3 && value.every((v) => Number.isInteger(v))) {
        if (lists.orders.some((o) => same(o, value)))
          findings.push(`${path}: an option order of the attempt`);
        if (lists.orderings.some((o) => same(o, value))) findings.push(`${path}: an ordering key`);
      }
      value.forEach((v, i) => visit(v, `${path}[${i}]`));
      return;
    }
    if (value && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) {
        const lower = k.toLowerCase();
        if (FORBIDDEN.has(lower)) findings.push(`${path}.${k}: a key field`);
        if (lower === 'correct' && typeof v !== 'number')
          findings.push(`${path}.${k}: a verdict or key, not a count`);
        if (k === 'answers' && Array.isArray(v) && p.sent) {
          // the candidate's own answers echoed back are theirs; anything else in them is scanned
          v.forEach((answer, i) => {
            if (answer !== null && !(p.sent!.has(i) && same(p.sent!.get(i), answer)))
              visit(answer, `${path}.answers[${i}] (not sent by the client)`);
          });
          continue;
        }
        visit(v, `${path}.${k}`);
      }
      return;
    }
    if (typeof value === 'string') {
      const n = normaliseForScan(value);
      for (const t of forms.texts)
        if (n.includes(t)) findings.push(`${path}: text key or explanation "${t}"`);
      // a hash in hex (the bot check's challenge, a signature) holds every digit run by chance, none readable
      if (!HEX_DIGEST.test(value))
        for (const num of forms.numbers)
          if (new RegExp(`(^|[^0-9])${num}([^0-9]|$)`).test(value))
            findings.push(`${path}: numeric key ${num} in text`);
      return;
    }
    if (typeof value === 'number' && forms.numbers.includes(value))
      findings.push(`${path}: numeric key ${value}`);
  };
  visit(p.body, p.source);
  return findings;
}

/** how many payloads leak, with the first findings for the report */
export function scanAll(payloads: readonly Payload[], forms: KeyForms) {
  let leaks = 0;
  const examples: string[] = [];
  for (const p of payloads) {
    const found = scanPayload(p, forms);
    if (found.length > 0) {
      leaks++;
      if (examples.length < 10) examples.push(...found.slice(0, 2));
    }
  }
  return { scanned: payloads.length, leaks, examples };
}

/**
 * The positive control: a payload per form of leak, built from the real pool and attempts.
 * The scan must find every one of them, or a clean result proves nothing.
 */
export function leakControls(pool: readonly PoolItem[], attempts: readonly ScannedAttempt[]): Payload[] {
  const questions = pool.map((p) => p.question);
  const text = questions.find((q) => q.key.kind === 'text')!;
  const numeric = questions.find((q) => q.key.kind === 'numeric')!;
  const withExplanation = questions.find((q) => q.explanation)!;
  const attempt = attempts.find((a) => a.draw.some((d) => d.order && !isIdentity(d.order)))!;
  const order = attempt.draw.find((d) => d.order && !isIdentity(d.order))!.order!;
  const accepted = (text.key as { accepted: string[] }).accepted[0];
  const value = (numeric.key as { value: number }).value;
  const spaced = accepted.toLowerCase().split('').join(' ');
  const o = orderingControl(pool, attempts);
  return [
    { source: 'control: the bank question as stored', body: { question: text } },
    {
      source: 'control: a key field',
      body: { questions: [{ prompt: 'x', key: { kind: 'single', answer: 2 } }] },
    },
    { source: 'control: a verdict', body: { questions: [{ prompt: 'x', correct: true }] } },
    { source: 'control: text key, other case and spacing', body: { hint: `Gợi ý: ${spaced}` } },
    { source: 'control: explanation in a message', body: { message: `… ${withExplanation.explanation} …` } },
    { source: 'control: numeric key as a number', body: { questions: [{ prompt: 'x', suggested: value }] } },
    { source: 'control: numeric key in text', body: { note: `khoảng ${value} người` } },
    {
      source: 'control: option order under an innocent name',
      attemptId: attempt.attemptId,
      body: { layout: order },
    },
    {
      source: 'control: a key in answers the client never sent',
      attemptId: attempt.attemptId,
      sent: new Map(),
      body: { answers: [accepted] },
    },
    {
      source: 'control: an ordering key in the places shown, under an innocent name',
      attemptId: o.attemptId,
      body: { hint: o.shown },
    },
    { source: 'control: an ordering key in bank items', attemptId: o.attemptId, body: { steps: o.bank } },
    {
      source: 'control: an ordering key in answers the client never sent',
      attemptId: o.attemptId,
      sent: new Map(),
      body: { answers: answersWith(o.index, o.shown) },
    },
  ];
}

/**
 * The negative control for ordering keys: what must NOT be reported — the candidate's own right order
 * echoed back, the items in their written order (an untouched list), another order of the same items.
 */
export function orderingCleanControls(
  pool: readonly PoolItem[],
  attempts: readonly ScannedAttempt[],
): Payload[] {
  const o = orderingControl(pool, attempts);
  const forms = keyFormsOf(pool, attempts);
  const taken = [...listFormsFor(forms, o.attemptId).orders, ...listFormsFor(forms, o.attemptId).orderings];
  const other = permutations(o.shown.length).find((p) => !isIdentity(p) && !taken.some((t) => same(t, p)))!;
  return [
    {
      source: 'clean: the candidate echoes their own right order',
      attemptId: o.attemptId,
      sent: new Map([[o.index, o.shown]]),
      body: { answers: answersWith(o.index, o.shown) },
    },
    { source: 'clean: the written order', attemptId: o.attemptId, body: { items: o.shown.map((_, i) => i) } },
    { source: 'clean: another order of the same items', attemptId: o.attemptId, body: { items: other } },
  ];
}

/** an attempt's ordering question whose key, in the places shown, is not the written order */
function orderingControl(pool: readonly PoolItem[], attempts: readonly ScannedAttempt[]) {
  const byIndex = new Map(pool.map((p) => [p.poolIndex, p.question]));
  for (const a of attempts)
    for (const [index, d] of a.draw.entries()) {
      const key = byIndex.get(d.poolIndex)?.key;
      if (key?.kind !== 'ordering') continue;
      const shown = d.order ? key.order.map((item) => d.order!.indexOf(item)) : key.order;
      if (!isIdentity(shown)) return { attemptId: a.attemptId, index, shown, bank: key.order };
    }
  throw new Error('no attempt drew an ordering question: the ordering controls cannot be built');
}

const answersWith = (index: number, value: unknown) =>
  Array.from({ length: index + 1 }, (_, i) => (i === index ? value : null));

/** every order of 0..n-1 */
export function permutations(n: number): number[][] {
  if (n === 0) return [[]];
  return permutations(n - 1).flatMap((p) =>
    Array.from({ length: n }, (_, at) => [...p.slice(0, at), n - 1, ...p.slice(at)]),
  );
}

/**
 * For a scan that cannot keep every payload (a whole simulated round): the integer arrays of a
 * payload that could be an option order (length ≥ 3, outside the client's own answers), to be
 * compared with the attempts' orders once those are known.
 */
export function orderCandidates(p: Payload): number[][] {
  const found: number[][] = [];
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) {
      if (value.length >= 3 && value.every((v) => Number.isInteger(v))) found.push(value as number[]);
      else value.forEach(visit);
      return;
    }
    if (value && typeof value === 'object')
      for (const [k, v] of Object.entries(value)) {
        if (k === 'answers' && Array.isArray(v) && p.sent) {
          v.forEach((answer, i) => {
            if (answer !== null && !(p.sent!.has(i) && same(p.sent!.get(i), answer))) visit(answer);
          });
          continue;
        }
        visit(v);
      }
  };
  visit(p.body);
  return found;
}
