import { flushPromises, mount } from '@vue/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { useConfirmStore } from '../stores/confirm.ts';
import { useConsoleStore } from '../stores/console.ts';
import { hostView, round } from '../test/fixtures.ts';
import { loggedIn } from '../test/setup.ts';
import ConsoleView from './ConsoleView.vue';

const mounted: { unmount: () => void }[] = [];
afterEach(() => {
  for (const w of mounted.splice(0)) w.unmount();
});

async function consoleAt(view = hostView(), role: 'host' | 'judge' = 'host') {
  const ctx = await loggedIn(view, role);
  const wrapper = mount(ConsoleView, { global: { plugins: ctx.plugins }, attachTo: document.body });
  mounted.push(wrapper);
  await flushPromises();
  return { ...ctx, wrapper };
}

const press = async (key: string, target: EventTarget = window) => {
  target.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }));
  await flushPromises();
};

describe('ConsoleView keyboard shortcuts', () => {
  it('Space runs the next step; L locks', async () => {
    const { fake } = await consoleAt(hostView({ nextStep: 'open', round: round('shown') }));
    await press(' ');
    expect(fake.commands.map((c) => c.name)).toEqual(['question:open']);

    fake.update({ view: hostView({ version: 8, nextStep: 'lock', round: round('answering') }) });
    await flushPromises();
    await press('l');
    expect(fake.commands.map((c) => c.name)).toEqual(['question:open', 'question:lock']);
  });

  it('P pauses, and resumes when paused', async () => {
    const { fake } = await consoleAt(hostView({ nextStep: 'lock', round: round('answering') }));
    await press('p');
    fake.update({ view: hostView({ version: 8, paused: true, round: round('answering') }) });
    await flushPromises();
    await press('P');
    expect(fake.commands.map((c) => c.name)).toEqual(['show:pause', 'show:resume']);
  });

  it('R asks before revealing', async () => {
    const { fake } = await consoleAt(hostView({ nextStep: 'reveal', round: round('locked') }));
    await press('r');
    const confirm = useConfirmStore();
    expect(confirm.pending?.titleKey).toBe('confirm.reveal.title');
    confirm.answer(true);
    await flushPromises();
    expect(fake.commands.map((c) => c.name)).toEqual(['question:reveal']);
  });

  it('leaves Space and the show keys alone on every tab but the live one; ? still helps', async () => {
    const { fake, wrapper } = await consoleAt(hostView({ nextStep: 'lock', round: round('answering') }));
    for (const tab of ['seats', 'questions', 'results', 'audit']) {
      await wrapper.get(`[data-test=tab-${tab}]`).trigger('click');
      const space = new KeyboardEvent('keydown', { key: ' ', bubbles: true, cancelable: true });
      window.dispatchEvent(space);
      expect(space.defaultPrevented, tab).toBe(false); // Space scrolls the page as usual
      await press('l');
      await press('Enter');
      await flushPromises();
    }
    expect(fake.commands).toEqual([]);
    await press('?');
    expect(wrapper.find('[data-test=shortcut-help]').exists()).toBe(true);
    await press('Escape', wrapper.get('.modal-backdrop').element);
    expect(wrapper.find('[data-test=shortcut-help]').exists()).toBe(false);
    await wrapper.get('[data-test=tab-live]').trigger('click');
    await press('l');
    expect(fake.commands.map((c) => c.name)).toEqual(['question:lock']);
  });

  it('ignores shortcuts while typing in an input', async () => {
    const { fake, wrapper } = await consoleAt(hostView({ nextStep: 'lock', round: round('answering') }));
    const input = wrapper.get('input[type=search]').element;
    await press('l', input);
    await press(' ', input);
    expect(fake.commands).toEqual([]);
  });

  it('ignores shortcuts while a dialog is open; B, C, S, T, V open their dialogs', async () => {
    const { fake, wrapper } = await consoleAt(
      hostView({
        nextStep: 'show-question',
        round: round('revealed'),
        seats: hostView().seats.map((s) =>
          s.seat > 2 ? { ...s, status: 'eliminated', eliminatedAt: 1 } : s,
        ),
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
      }),
    );
    const store = useConsoleStore();
    for (const [key, kind] of [
      ['b', 'golden'],
      ['c', 'rescue'],
      ['t', 'tiebreak'],
      ['v', 'revise'],
    ] as const) {
      await press(key);
      expect(store.dialog?.kind).toBe(kind);
      await press(' ');
      expect(fake.commands).toEqual([]);
      store.closeDialog();
      await flushPromises();
    }
    // swap needs a question in play
    await press('s');
    expect(store.dialog).toBeNull();
    expect(wrapper.find('[data-test=action-swap]').attributes()).toHaveProperty('disabled');
  });

  it('? shows the shortcut help on screen', async () => {
    const { wrapper } = await consoleAt();
    await press('?');
    const help = wrapper.get('[data-test=shortcut-help]');
    expect(help.text()).toContain('Space');
    expect(help.text()).toContain('Công bố đáp án');
  });

  it('judges: only pause and revise respond', async () => {
    const { fake } = await consoleAt(
      hostView({
        nextStep: 'reveal',
        round: round('locked'),
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
      }),
      'judge',
    );
    await press(' ');
    await press('r');
    await press('l');
    expect(useConfirmStore().pending).toBeNull();
    await press('p');
    expect(fake.commands.map((c) => c.name)).toEqual(['show:pause']);
  });
});

describe('ConsoleView notices', () => {
  it('tells every console when two MC consoles are open', async () => {
    const { fake, wrapper } = await consoleAt();
    fake.update({ consoles: { hosts: 1, judges: 1 } });
    await flushPromises();
    expect(wrapper.find('[data-test=many-hosts]').exists()).toBe(false);
    fake.update({ consoles: { hosts: 2, judges: 1 } });
    await flushPromises();
    expect(wrapper.get('[data-test=many-hosts]').text()).toContain('2 bàn điều khiển MC');
  });
});
