import { flushPromises, mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import { hostView, round, seats } from '../test/fixtures.ts';
import { loggedIn } from '../test/setup.ts';
import LiveView from './LiveView.vue';

async function liveAt(view = hostView()) {
  const ctx = await loggedIn(view);
  const wrapper = mount(LiveView, { global: { plugins: ctx.plugins } });
  await flushPromises();
  return wrapper;
}

describe('LiveView: what the reveal did, as the server decided it', () => {
  it('lists the seats the question put out — from the field outcome, not from seat statuses', async () => {
    // seat 4 was out since an earlier question: the field outcome names only 2 and 3
    const wrapper = await liveAt(
      hostView({
        seats: seats(4, [2, 3, 4]),
        round: round('revealed', {
          outcome: { eliminated: [2, 3], returned: [], allWrong: null, bell: [], revised: [] },
        }),
      }),
    );
    expect(wrapper.get('[data-test=outcome-eliminated]').text()).toBe('Bị loại ở câu này: 2, 3');
    expect(wrapper.find('[data-test=outcome-all-wrong]').exists()).toBe(false);
  });

  it('says which all-wrong rule applied, who came back and whose verdict the judges revised', async () => {
    const wrapper = await liveAt(
      hostView({
        round: round('revealed', {
          outcome: { eliminated: [], returned: [3], allWrong: 'nobody-eliminated', bell: [], revised: [2] },
        }),
      }),
    );
    expect(wrapper.get('[data-test=outcome-all-wrong]').text()).toBe(
      'Tất cả đều sai — theo luật, không ai bị loại',
    );
    expect(wrapper.get('[data-test=outcome-returned]').text()).toBe('Trở lại thi đấu: 3');
    expect(wrapper.get('[data-test=outcome-revised]').text()).toBe('Ban Giám khảo đã sửa kết quả: ghế 2');
    expect(wrapper.find('[data-test=outcome-eliminated]').exists()).toBe(false);
  });

  it('shows nothing of the kind before the reveal', async () => {
    const wrapper = await liveAt(hostView({ round: round('locked') }));
    expect(wrapper.find('[data-test^=outcome-]').exists()).toBe(false);
  });
});

describe('LiveView while paused', () => {
  const pausedView = (pausedBy: 'host' | 'judge' | 'restart') =>
    hostView({ nextStep: 'lock', round: round('answering'), paused: true, pausedBy });

  it('after a restart: the big button says Tiếp tục and the banner says why', async () => {
    const ctx = await loggedIn(pausedView('restart'));
    const w = mount(LiveView, { global: { plugins: ctx.plugins } });
    await flushPromises();
    expect(w.get('[data-test=paused-reason]').text()).toContain('Máy chủ vừa khởi động lại');
    // the status line agrees with the stopped clock (it said "Đang tính giờ")
    expect(w.get('[data-test=phase]').text()).toMatch(/Câu 1\s*·\s*TẠM DỪNG/);
    const step = w.get('[data-test=next-step]');
    expect(step.attributes('data-step')).toBe('resume');
    expect(step.text()).toContain('Tiếp tục');
    expect(step.text()).not.toContain('Khóa');
    await step.trigger('click');
    await flushPromises();
    expect(ctx.fake.commands.map((c) => c.name)).toEqual(['show:resume']);
  });

  it('a judge sees who paused and no Resume that the server would refuse', async () => {
    const ctx = await loggedIn(pausedView('judge'), 'judge');
    const w = mount(LiveView, { global: { plugins: ctx.plugins } });
    await flushPromises();
    expect(w.get('[data-test=paused-reason]').text()).toContain('chỉ MC tiếp tục được');
    expect(w.get('[data-test=action-pause-toggle]').attributes('disabled')).toBeDefined();
    expect(w.get('[data-test=next-step]').attributes('disabled')).toBeDefined();
  });
});

describe('LiveView tally after the reveal', () => {
  it('counts every seat once: right, answered wrong, no answer', async () => {
    // 4 eligible: seat 1 right, seat 2 answered wrong, seats 3 and 4 did not answer
    const w = await liveAt(hostView({ nextStep: 'show-question', round: round('revealed') }));
    const tally = w.get('[data-test=tally]').text();
    expect(tally).toContain('1 đúng · 1 sai');
    expect(tally).toContain('2 không trả lời');
  });
});
