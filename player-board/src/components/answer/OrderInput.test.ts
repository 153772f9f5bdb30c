import { createAppI18n } from '@cv/shared/i18n';
import { mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import { en } from '../../i18n/en.ts';
import { vi as viMessages } from '../../i18n/vi.ts';
import AnswerPad from './AnswerPad.vue';
import OrderInput from './OrderInput.vue';

const ITEMS = ['Đăng ký', 'Xác thực', 'Kích hoạt', 'Sử dụng'];
const i18n = () => createAppI18n({ vi: viMessages, en }, { locale: 'vi', persist: false });
const order = (w: ReturnType<typeof mount>) =>
  w.findAll('[data-testid^=order-item-]').map((li) => Number(li.attributes('data-option')));
const make = (props: Record<string, unknown> = {}) =>
  mount(OrderInput, { props: { options: ITEMS, canAnswer: true, ...props }, global: { plugins: [i18n()] } });

describe('OrderInput: reordering items on the tablet', () => {
  it('starts in the order shown, moves a row up or down one place, and sends the whole order', async () => {
    const w = make();
    expect(order(w)).toEqual([0, 1, 2, 3]);
    await w.get('[data-testid=order-down-0]').trigger('click');
    expect(order(w)).toEqual([1, 0, 2, 3]);
    await w.get('[data-testid=order-up-3]').trigger('click');
    expect(order(w)).toEqual([1, 0, 3, 2]);
    expect(w.emitted('submit')).toBeUndefined(); // not live: nothing sent until asked
    await w.get('[data-testid=send-order]').trigger('click');
    expect(w.emitted('submit')).toEqual([[[1, 0, 3, 2]]]);
  });

  it('cannot move past the ends, and nothing moves while answering is closed', async () => {
    const w = make();
    expect(w.get('[data-testid=order-up-0]').attributes('disabled')).toBeDefined();
    expect(w.get('[data-testid=order-down-3]').attributes('disabled')).toBeDefined();
    // the impossible arrows are not drawn faded (too faint to read): they keep their place, unseen
    const edges = w.findAll('.order__move--edge').map((b) => b.attributes('data-testid'));
    expect(edges).toEqual(['order-up-0', 'order-down-3']);
    await w.setProps({ canAnswer: false });
    await w.get('[data-testid=order-down-1]').trigger('click');
    expect(order(w)).toEqual([0, 1, 2, 3]);
    expect(w.find('[data-testid=send-order]').exists()).toBe(false);
  });

  it("shows the server's order (e.g. after a reconnect) and says it holds it until something moves", async () => {
    const w = make({ confirmed: [2, 0, 1, 3] });
    expect(order(w)).toEqual([2, 0, 1, 3]);
    const send = w.get('[data-testid=send-order]');
    expect(send.attributes('disabled')).toBeDefined();
    expect(send.text()).toContain('Đã nhận thứ tự');
    await w.get('[data-testid=order-down-0]').trigger('click');
    expect(w.get('[data-testid=send-order]').attributes('disabled')).toBeUndefined();
    expect(w.get('[data-testid=send-order]').text()).toBe('Gửi lại thứ tự');
  });

  it('live (online quiz): every move is saved at once', async () => {
    const w = make({ live: true });
    await w.get('[data-testid=order-down-2]').trigger('click');
    expect(w.emitted('submit')).toEqual([[[0, 1, 3, 2]]]);
  });

  it('hidden items (the MC still reading): says so, offers nothing to move', () => {
    const w = make({ options: undefined });
    expect(w.find('[data-testid^=order-item-]').exists()).toBe(false);
    expect(w.text()).not.toBe('');
  });

  it('the answer pad draws it for an ordering question, and sends what it arranged', async () => {
    const question = { id: 'o', kind: 'ordering' as const, prompt: 'p', options: ITEMS, timeLimitSec: 30 };
    const w = mount(AnswerPad, { props: { question, canAnswer: true }, global: { plugins: [i18n()] } });
    expect(w.find('[data-testid=order-input]').exists()).toBe(true);
    expect(w.find('[data-testid^=choice-]').exists()).toBe(false);
    await w.get('[data-testid=order-down-0]').trigger('click');
    await w.get('[data-testid=send-order]').trigger('click');
    expect(w.emitted('submit')).toEqual([[[1, 0, 2, 3]]]);
    await w.setProps({ optionsHidden: true });
    expect(w.find('[data-testid^=order-item-]').exists()).toBe(false);
  });
});
