/**
 * What one attempt asks: questions drawn at random per topic quota, in a random order, each choice
 * question's options in an order of their own. Pure: randomness is a parameter.
 */
import { kindSpec, type AnswerValue, type Question } from '@cv/shared/protocol';
import type { TopicQuota } from '@cv/shared/protocol/online.ts';

/** one approved question version frozen into a round; `poolIndex` is its place in the round's pool */
export interface PoolQuestion {
  poolIndex: number;
  questionId: string;
  version: number;
  topicId: string;
  question: Question;
}

/**
 * A drawn question: which pool entry, and for choice questions the order shown — `order[shown] = original`
 * index. Stays on the server: with it and the bank's key, anyone could read the key in this attempt's order.
 */
export interface DrawnQuestion {
  poolIndex: number;
  order: number[] | null;
}

export type Rng = () => number;

const randomInt = (rng: Rng, n: number) => Math.min(n - 1, Math.floor(rng() * n));

/** Fisher–Yates on a copy */
export function shuffled<T>(items: readonly T[], rng: Rng): T[] {
  const a = items.slice();
  for (let i = a.length - 1; i > 0; i--) {
    const j = randomInt(rng, i + 1);
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a;
}

/** topics whose approved questions fall short of their quota: topicId → [have, need] */
export function quotaShortfalls(
  pool: readonly Pick<PoolQuestion, 'topicId'>[],
  quotas: readonly TopicQuota[],
): Map<string, [number, number]> {
  const have = new Map<string, number>();
  for (const q of pool) have.set(q.topicId, (have.get(q.topicId) ?? 0) + 1);
  const need = new Map<string, number>();
  for (const q of quotas) need.set(q.topicId, (need.get(q.topicId) ?? 0) + q.count);
  const short = new Map<string, [number, number]>();
  for (const [topic, n] of need) if ((have.get(topic) ?? 0) < n) short.set(topic, [have.get(topic) ?? 0, n]);
  return short;
}

/** kinds whose options an attempt shows in its own order (the kind table says how an answer maps back) */
const shufflesOptions = (q: Question) => !!q.options && kindSpec(q.kind).unshuffle !== null;

/** draw one attempt; throws when a quota cannot be met (round set-up refuses such quotas first) */
export function drawAttempt(
  pool: readonly PoolQuestion[],
  quotas: readonly TopicQuota[],
  rng: Rng,
): DrawnQuestion[] {
  const byTopic = new Map<string, PoolQuestion[]>();
  for (const q of pool) {
    const list = byTopic.get(q.topicId);
    if (list) list.push(q);
    else byTopic.set(q.topicId, [q]);
  }
  const chosen: PoolQuestion[] = [];
  for (const quota of quotas) {
    const candidates = byTopic.get(quota.topicId) ?? [];
    if (candidates.length < quota.count)
      throw new Error(`topic ${quota.topicId}: ${candidates.length} questions for a quota of ${quota.count}`);
    // partial Fisher–Yates: the first `count` of a shuffle, without shuffling the rest
    const a = candidates.slice();
    for (let i = 0; i < quota.count; i++) {
      const j = i + randomInt(rng, a.length - i);
      [a[i], a[j]] = [a[j], a[i]];
      chosen.push(a[i]);
    }
    // a topic named twice must not repeat a question
    byTopic.set(quota.topicId, a.slice(quota.count));
  }
  return shuffled(chosen, rng).map((q) => ({
    poolIndex: q.poolIndex,
    order: shufflesOptions(q.question) ? optionOrder(q.question, rng) : null,
  }));
}

/** a shuffle of the question's options, never the one order its kind must not deal (the right one, for ordering) */
function optionOrder(question: Question, rng: Rng): number[] {
  const indexes = question.options!.map((_, i) => i);
  const spec = kindSpec(question.kind);
  const avoid =
    spec.shuffleAvoids && question.key.kind === question.kind ? spec.shuffleAvoids(question.key) : null;
  for (;;) {
    const order = shuffled(indexes, rng);
    // at least 3 items for ordering: each deal has a 5 in 6 chance or better of being fine
    if (!avoid || order.length < 2 || order.some((item, at) => item !== avoid[at])) return order;
  }
}

/** the question as drawn: options in the attempt's order */
export function shownOptions(question: Question, order: readonly number[] | null): string[] | undefined {
  if (!question.options) return undefined;
  return order ? order.map((i) => question.options![i]) : question.options.slice();
}

/**
 * A value as the candidate gave it (option indexes in the attempt's order) → the same answer in the
 * bank's order; null when it cannot be an answer to this question at all.
 */
export function toOriginal(
  value: AnswerValue,
  question: Question,
  order: readonly number[] | null,
): AnswerValue | null {
  const spec = kindSpec(question.kind);
  if (!order || !spec.unshuffle) return value;
  return spec.value.safeParse(value).success ? spec.unshuffle(value, order) : null;
}
