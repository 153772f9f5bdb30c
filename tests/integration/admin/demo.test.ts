/** The demo show of `npm start` is built the way organizers build one: through the bank, a plan, publishing. */
import { demoQuestions } from '@cv/server/demo/index.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp } from './support.ts';

let app: Awaited<ReturnType<typeof openApp>>['app'];
beforeAll(async () => {
  ({ app } = await openApp({ seedDemo: true }));
});
afterAll(() => app.close());

describe('the demo show', () => {
  it("uses exactly the approved bank versions of the demo questions, in the plan's slots", async () => {
    const approved = await app.bank.approvedQuestions();
    expect(approved).toHaveLength(demoQuestions.length);
    const record = app.shows.record('demo')!;
    expect(record.setup.questions.map((q) => q.id)).toEqual(approved.map((a) => a.questionId));
    for (const [i, q] of record.setup.questions.entries()) {
      const bank = (await app.bank.questionVersion(q.id, 1))!;
      expect(q.prompt).toBe(demoQuestions[i].prompt);
      expect(q.key).toEqual(bank.question.key);
      expect(q.pool).toBe(demoQuestions[i].pool);
    }
    const plan = await app.workspace.builder.info('demo');
    expect(plan).toMatchObject({ status: 'published', seatCount: 20 });
    expect(plan.slots).toHaveLength(demoQuestions.length);
    const audit = await app.workspace.store.audit();
    expect(audit.filter((e) => e.actorName === 'Dữ liệu mẫu').map((e) => e.action)).toEqual([
      'question.import',
      'show.create',
      'show.update',
      'show.contestants',
      'show.publish',
    ]);
    // the seven topics of the plan, every demo question under one of them
    expect(new Set(approved.map((a) => a.topicId))).toEqual(
      new Set(['t1', 't2', 't3', 't4', 't5', 't6', 't7']),
    );
  });
});
