import { mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import { hostView } from '../../test/fixtures.ts';
import { loggedIn } from '../../test/setup.ts';
import AuditTable from './AuditTable.vue';

describe('AuditTable', () => {
  it('names rounds as the hall knows them, and the rehearsal question as one', async () => {
    const view = hostView({
      rounds: [
        {
          index: 0,
          mode: 'main',
          number: 1,
          questionId: 'q1',
          voided: false,
          eligibleSeats: [1],
          verdicts: null,
        },
        {
          index: 1,
          mode: 'rescue',
          number: null,
          questionId: 'r1',
          voided: false,
          eligibleSeats: [1],
          verdicts: null,
        },
      ],
    });
    const ctx = await loggedIn(view);
    const entry = (version: number, payload: unknown) => ({
      at: 1,
      version,
      actorId: 'seat:1',
      role: 'player',
      type: 'answer:submit',
      payload,
      outcome: 'ok',
    });
    const wrapper = mount(AuditTable, {
      props: {
        entries: [
          entry(1, { seat: 1, round: -3, value: 0 }),
          entry(2, { seat: 1, round: 0, value: 2 }),
          entry(3, { seat: 1, round: 1, value: 1 }),
        ],
      },
      global: { plugins: ctx.plugins },
    });
    const text = wrapper.get('[data-test=audit-table]').text();
    expect(text).toContain('seat: 1 · Câu hỏi thử — không tính điểm · value: 0');
    expect(text).toContain('seat: 1 · Câu 1 · value: 2');
    expect(text).toContain('seat: 1 · Câu hỏi cứu trợ · value: 1');
    expect(text).not.toContain('round:');
  });
});
