import type { ShowMinutes } from '@cv/shared/protocol';
import { mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import MinutesSheet from './MinutesSheet.vue';

const minutes: ShowMinutes = {
  showId: 'demo',
  title: 'Chung tay Đề án 06',
  stage: 'finished',
  seats: [
    { seat: 1, name: 'Nguyễn Thị An', unit: 'Sở Tư pháp' },
    { seat: 2, name: 'Trần Văn Bình' },
  ],
  entries: [
    {
      kind: 'question',
      round: 0,
      mode: 'main',
      number: 1,
      questionId: 'q1',
      prompt: 'Đề án 06 được phê duyệt năm nào?',
      key: { kind: 'single', answer: 2 },
      options: ['2020', '2021', '2022', '2023'],
      voided: false,
      eligible: [1, 2],
      correct: [1],
      eliminated: [2],
      returned: [],
      allWrong: null,
      bell: [],
      revisions: [
        { seat: 1, correct: true, reason: 'Phương án C đúng theo Quyết định 06', by: 'judge', at: 0 },
      ],
    },
    { kind: 'rescue', afterQuestion: 1, how: 'hall-game', seats: [2] },
    {
      kind: 'question',
      round: 1,
      mode: 'golden',
      number: null,
      questionId: 'g1',
      prompt: 'Buôn Ma Thuột thuộc tỉnh nào?',
      key: { kind: 'truefalse', answer: true },
      voided: false,
      eligible: [1],
      correct: [1],
      eliminated: [],
      returned: [],
      allWrong: null,
      bell: [1],
      revisions: [],
    },
  ],
  bellSeats: [1],
  standings: [],
  prizes: [{ prize: 'bell', seats: [1] }],
  prizesConfirmed: true,
  generatedAt: Date.UTC(2026, 10, 30, 13, 0),
};

describe('MinutesSheet: the biên bản', () => {
  it('records each question, the correction with its reason, the rescue, the bell, prizes and signatures', () => {
    const w = mount(MinutesSheet, { props: { minutes } });
    const text = w.text();
    const rows = w.findAll('[data-test=minutes-questions] tbody tr').map((r) => r.text());
    expect(rows[0]).toContain('Câu 1');
    expect(rows[0]).toContain('Đáp án: C');
    expect(rows[1]).toContain('cứu trợ qua trò chơi cùng khán giả (sau câu 1): ghế 2');
    expect(rows[2]).toContain('Câu hỏi chuông vàng 1');
    expect(rows[2]).toContain('Rung chuông vàng: ghế 1');
    expect(w.get('[data-test=minutes-revisions]').text()).toContain('Phương án C đúng theo Quyết định 06');
    expect(w.get('[data-test=minutes-prizes]').text()).toContain('Rung chuông vàng');
    expect(text).toContain('(BTC đã xác nhận)');
    // Vietnamese time for the hall, not UTC
    expect(text).toContain('20:00');
    expect(text).toContain('ĐẠI DIỆN BAN TỔ CHỨC');
    expect(text).toContain('ĐẠI DIỆN BAN GIÁM KHẢO');
  });
});
