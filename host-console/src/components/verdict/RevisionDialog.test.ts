import { flushPromises, mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import { useConfirmStore } from '../../stores/confirm.ts';
import { hostView, round } from '../../test/fixtures.ts';
import { loggedIn } from '../../test/setup.ts';
import RevisionDialog from './RevisionDialog.vue';

const revealedView = () =>
  hostView({
    nextStep: 'show-question',
    round: round('revealed'),
    rounds: [
      {
        index: 0,
        mode: 'main',
        number: 1,
        questionId: 'q1',
        voided: false,
        eligibleSeats: [1, 2, 3, 4],
        verdicts: { 1: true, 2: false, 3: false, 4: false },
      },
    ],
  });

async function dialog(role: 'host' | 'judge' = 'judge') {
  const ctx = await loggedIn(revealedView(), role);
  const wrapper = mount(RevisionDialog, {
    props: { round: 0, seat: 2, correct: true },
    global: { plugins: ctx.plugins },
  });
  return { ...ctx, wrapper };
}

describe('RevisionDialog', () => {
  it('shows the current verdict and the answer of the seat', async () => {
    const { wrapper } = await dialog();
    expect(wrapper.text()).toContain('Kết quả hiện tại: Sai');
    expect(wrapper.text()).toContain('Câu trả lời: B');
  });

  it('names questions as the hall knows them, never by internal round number', async () => {
    const row = (index: number, mode: 'main' | 'rescue', number: number | null, questionId: string) => ({
      index,
      mode,
      number,
      questionId,
      voided: false,
      eligibleSeats: [1, 2],
      verdicts: { 1: true, 2: true },
    });
    const ctx = await loggedIn(
      hostView({
        nextStep: 'show-question',
        round: round('revealed', { index: 2, number: 2 }),
        rounds: [row(0, 'main', 1, 'q1'), row(1, 'rescue', null, 'r1'), row(2, 'main', 2, 'q2')],
      }),
      'judge',
    );
    const w = mount(RevisionDialog, { global: { plugins: ctx.plugins } });
    const labels = w.findAll('[data-test=revise-round] option').map((o) => o.text());
    expect(labels).toEqual(['Câu 2 — q2', 'Câu hỏi cứu trợ 1 — r1', 'Câu 1 — q1']);
    expect(labels.join(' ')).not.toContain('#');
  });

  it('requires a reason of at least 3 characters', async () => {
    const { wrapper, fake } = await dialog();
    await wrapper.get('[data-test=revise-submit]').trigger('click');
    await flushPromises();
    expect(wrapper.find('[data-test=revise-reason-error]').exists()).toBe(true);
    expect(useConfirmStore().pending).toBeNull();

    await wrapper.get('[data-test=revise-reason]').setValue('  ab  ');
    await wrapper.get('[data-test=revise-submit]').trigger('click');
    await flushPromises();
    expect(wrapper.find('[data-test=revise-reason-error]').exists()).toBe(true);
    expect(useConfirmStore().pending).toBeNull();
    expect(fake.commands).toEqual([]);
  });

  it('sends verdict:revise with the trimmed reason after confirmation', async () => {
    const { wrapper, fake } = await dialog();
    await wrapper.get('[data-test=revise-reason]').setValue('  Xem lại băng hình: đáp án B hợp lệ ');
    await wrapper.get('[data-test=revise-submit]').trigger('click');
    await flushPromises();
    const confirm = useConfirmStore();
    expect(confirm.pending?.titleKey).toBe('confirm.revise.title');
    expect(fake.commands).toEqual([]);
    confirm.answer(true);
    await flushPromises();
    expect(fake.commands).toEqual([
      {
        name: 'verdict:revise',
        payload: {
          round: 0,
          seat: 2,
          correct: true,
          reason: 'Xem lại băng hình: đáp án B hợp lệ',
          version: 7,
        },
      },
    ]);
    expect(wrapper.emitted('close')).toHaveLength(1);
  });

  it('keeps the dialog open when the server refuses', async () => {
    const { wrapper, fake } = await dialog();
    fake.replies.set('verdict:revise', { ok: false, error: { code: 'SEAT_NOT_ELIGIBLE', message: 'no' } });
    await wrapper.get('[data-test=revise-reason]').setValue('Lý do hợp lệ');
    await wrapper.get('[data-test=revise-submit]').trigger('click');
    await flushPromises();
    useConfirmStore().answer(true);
    await flushPromises();
    expect(fake.commands).toHaveLength(1);
    expect(wrapper.emitted('close')).toBeUndefined();
  });
});

describe('RevisionDialog on an earlier question', () => {
  it('shows that question’s verdict, not the current round’s', async () => {
    const view = hostView({
      nextStep: 'lock',
      round: { ...round('answering'), index: 1 },
      rounds: [
        {
          index: 0,
          mode: 'main',
          number: 1,
          questionId: 'q1',
          voided: false,
          eligibleSeats: [1, 2],
          verdicts: { 1: true, 2: true },
        },
        {
          index: 1,
          mode: 'main',
          number: 2,
          questionId: 'q2',
          voided: false,
          eligibleSeats: [1, 2],
          verdicts: null,
        },
      ],
    });
    const ctx = await loggedIn(view, 'judge');
    const wrapper = mount(RevisionDialog, { props: { round: 0, seat: 2 }, global: { plugins: ctx.plugins } });
    expect(wrapper.text()).toContain('Kết quả hiện tại: Đúng');
  });
});
