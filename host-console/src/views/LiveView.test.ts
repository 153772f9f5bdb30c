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
