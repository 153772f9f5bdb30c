/**
 * The demo show on `npm start`, built the way organizers build one: the demo questions enter the
 * bank (approved, by the system as "Dữ liệu mẫu"), a plan picks those exact versions into its slots,
 * the contestants are set, and publishing creates the live show.
 */
import { DEFAULT_RULES, type BankContent, type Question } from '@cv/shared/protocol';
import type { FastifyInstance } from 'fastify';
import { demoShowInput } from '../demo/index.ts';
import type { Actor } from './context.ts';

const DEMO_ACTOR: Actor = { accountId: null, name: 'Dữ liệu mẫu', roles: ['admin'], via: 'system' };

/** the demo questions' topics → the seven topics of the plan */
const TOPIC_OF: Record<string, string> = {
  VNeID: 't1',
  'Mã QR': 't2',
  'Dịch vụ công trực tuyến': 't3',
  'Căn cước': 't4',
  'Tuyên truyền Đề án 06': 't5',
  'Luật Căn cước': 't6',
  'Đề án 06': 't7',
  'Cư trú': 't7',
};

function contentOf(q: Question, index: number, mains: number): BankContent {
  const mainIndex = q.pool === 'main' ? index : mains;
  const difficulty =
    q.pool === 'golden' || mainIndex >= (2 * mains) / 3 ? 'hard' : mainIndex < mains / 3 ? 'easy' : 'medium';
  return {
    topicId: (q.topic && Object.hasOwn(TOPIC_OF, q.topic) ? TOPIC_OF[q.topic] : undefined) ?? 't7',
    kind: q.kind,
    prompt: q.prompt,
    ...(q.options ? { options: q.options } : {}),
    key: q.key,
    ...(q.media ? { media: q.media } : {}),
    timeLimitSec: q.timeLimitSec,
    ...(q.explanation ? { explanation: q.explanation } : {}),
    difficulty,
    tags: ['dữ liệu mẫu'],
  };
}

export async function seedDemoShow(app: FastifyInstance, showId: string): Promise<void> {
  const { bank, builder } = app.workspace;
  const questions = demoShowInput.questions;
  const mains = questions.filter((q) => q.pool === 'main').length;
  let mainIndex = 0;
  const contents = questions.map((q) => contentOf(q, q.pool === 'main' ? mainIndex++ : 0, mains));
  const docs = await bank.createMany(
    DEMO_ACTOR,
    contents,
    (created) => ({ action: 'question.import', target: 'câu hỏi mẫu', after: { questions: created.length } }),
    'approved',
  );
  let plan = await builder.create(DEMO_ACTOR, { title: demoShowInput.title, showId });
  plan = await builder.update(DEMO_ACTOR, showId, {
    rev: plan.rev,
    title: demoShowInput.title,
    seatCount: demoShowInput.seats.length,
    rules: DEFAULT_RULES,
    slots: docs.map((d, i) => ({
      pool: questions[i].pool,
      questionId: d.questionId,
      version: 1,
      timeLimitSec: questions[i].timeLimitSec,
    })),
  });
  await builder.setContestants(DEMO_ACTOR, showId, plan.rev, demoShowInput.seats);
  await builder.publish(DEMO_ACTOR, showId);
}
