import type { NextStep } from '@cv/shared/protocol';
import { flushPromises, mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import { useConfirmStore } from '../../stores/confirm.ts';
import { hostView, round } from '../../test/fixtures.ts';
import { loggedIn } from '../../test/setup.ts';
import StepButton from './StepButton.vue';

const viewFor = (step: NextStep) => {
  const stage =
    step === 'start' ? 'lobby' : step === 'confirm-prizes' || step === 'done' ? 'finished' : 'running';
  const phase =
    step === 'open' ? 'shown' : step === 'lock' ? 'answering' : step === 'reveal' ? 'locked' : 'revealed';
  return hostView({ nextStep: step, stage, round: stage === 'running' ? round(phase) : null });
};

describe('StepButton', () => {
  it.each([
    ['start', 'Bắt đầu chương trình', 'show:start', false],
    ['show-question', 'Hiện câu hỏi', 'question:show', false],
    ['open', 'Bắt đầu tính giờ', 'question:open', false],
    ['lock', 'Khóa', 'question:lock', false],
    ['reveal', 'Công bố đáp án', 'question:reveal', true],
    ['golden-bell', 'Câu hỏi chuông vàng', 'question:show', false],
    ['finish', 'Kết thúc chương trình', 'show:finish', true],
    ['confirm-prizes', 'Xác nhận giải thưởng', 'prizes:confirm', true],
  ] as const)('%s: labelled “%s”, sends %s', async (step, label, command, confirms) => {
    const { fake, plugins } = await loggedIn(viewFor(step));
    const wrapper = mount(StepButton, { global: { plugins } });
    const button = wrapper.get('[data-test=next-step]');
    expect(button.text()).toContain(label);
    expect(button.attributes('disabled')).toBeUndefined();

    await button.trigger('click');
    await flushPromises();
    const confirm = useConfirmStore();
    if (confirms) {
      expect(confirm.pending?.titleKey).toBe(`confirm.${step}.title`);
      expect(fake.commands).toEqual([]);
      confirm.answer(true);
      await flushPromises();
    } else {
      expect(confirm.pending).toBeNull();
    }
    expect(fake.commands.map((c) => c.name)).toEqual([command]);
    if (step === 'golden-bell') expect(fake.commands[0].payload).toMatchObject({ mode: 'golden' });
    if (step === 'show-question')
      expect(fake.commands[0].payload).toMatchObject({ mode: 'main', hideOptions: false });
    if (step === 'confirm-prizes')
      expect(fake.commands[0].payload.awards).toEqual([{ prize: 'first', seats: [1] }]);
  });

  it('sends nothing when the MC cancels an irreversible step', async () => {
    const { fake, plugins } = await loggedIn(viewFor('reveal'));
    const wrapper = mount(StepButton, { global: { plugins } });
    await wrapper.get('[data-test=next-step]').trigger('click');
    useConfirmStore().answer(false);
    await flushPromises();
    expect(fake.commands).toEqual([]);
  });

  it('hides options on request when showing a question', async () => {
    const { fake, plugins } = await loggedIn(viewFor('show-question'));
    const wrapper = mount(StepButton, { global: { plugins } });
    await wrapper.get('[data-test=hide-options]').setValue(true);
    await wrapper.get('[data-test=next-step]').trigger('click');
    await flushPromises();
    expect(fake.commands[0].payload).toMatchObject({ mode: 'main', hideOptions: true });
  });

  it('is disabled when the show is done and for judges', async () => {
    const done = await loggedIn(viewFor('done'));
    expect(
      mount(StepButton, { global: { plugins: done.plugins } })
        .get('[data-test=next-step]')
        .attributes(),
    ).toHaveProperty('disabled');

    const judge = await loggedIn(viewFor('lock'), 'judge');
    const wrapper = mount(StepButton, { global: { plugins: judge.plugins } });
    expect(wrapper.get('[data-test=next-step]').attributes()).toHaveProperty('disabled');
    expect(wrapper.text()).toContain('Chỉ MC điều khiển các bước');
  });
});
