/**
 * The demo online contest: Đắk Lắk's units in two levels with roster headcounts (when the workspace
 * has none yet), and a round open for ten days from the start, drawn from the demo bank's approved
 * questions.
 */
import type { RoundSettingsInput } from '@cv/shared/protocol/online-schemas.ts';
import type { FastifyInstance } from 'fastify';
import { SYSTEM_ACTOR } from '../workspace/context.ts';
import { vnDayKey } from '../online/rules/time.ts';
import type { ContestPorts } from '../online/service/context.ts';

const DEMO_UNITS: [string, [string, number][]][] = [
  [
    'Khối các sở, ban, ngành',
    [
      ['Công an tỉnh', 2400],
      ['Sở Tư pháp', 85],
      ['Sở Thông tin và Truyền thông', 70],
      ['Sở Nội vụ', 90],
      ['Sở Giáo dục và Đào tạo', 160],
    ],
  ],
  [
    'Khối huyện, thị xã, thành phố',
    [
      ['TP. Buôn Ma Thuột', 5200],
      ['Thị xã Buôn Hồ', 1300],
      ['Huyện Krông Pắc', 2100],
      ["Huyện Cư M'gar", 1900],
      ['Huyện Ea Kar', 1700],
      ['Huyện Lắk', 900],
    ],
  ],
  [
    'Khối đoàn thể, trường học',
    [
      ['Tỉnh đoàn Đắk Lắk', 300],
      ['Hội Liên hiệp Phụ nữ tỉnh', 120],
      ['Trường THPT Chuyên Nguyễn Du', 950],
      ['Trường Đại học Tây Nguyên', 12000],
    ],
  ],
];

/** on a first start with the demo: units for the collective ranking, and the demo round */
export async function seedDemoOnline(app: FastifyInstance, now: number): Promise<void> {
  if ((await app.units.units()).length === 0)
    for (const [groupName, units] of DEMO_UNITS)
      for (const [name, headcount] of units)
        await app.units.add(SYSTEM_ACTOR, { groupName, name, headcount });
  if ((await app.online.ctx.store.listRounds()).length === 0)
    await app.online.rounds.create(await demoRoundInput(app.online.ctx, now), 'demo');
}

/** ten questions a turn drawn from the largest topics, 15 minutes, one a day, best of up to seven */
export async function demoRoundInput(contest: ContestPorts, now: number): Promise<RoundSettingsInput> {
  const count = new Map<string, number>();
  for (const q of await contest.bank.approvedQuestions())
    count.set(q.topicId, (count.get(q.topicId) ?? 0) + 1);
  const largest = [...count].sort((a, b) => b[1] - a[1]).slice(0, 5);
  const quotas = largest.map(([topicId]) => ({ topicId, count: 2 }));
  const today = vnDayKey(now);
  const closes = vnDayKey(now + 9 * 86_400_000);
  return {
    title: 'Kỳ thi thứ nhất — Tìm hiểu Đề án 06',
    description:
      'Mỗi lượt thi gồm 10 câu hỏi trắc nghiệm chọn ngẫu nhiên và một câu hỏi dự đoán, làm trong 15 phút.\n\n' +
      'Mỗi ngày được thi 1 lượt, cả kỳ tối đa 7 lượt; kết quả tính theo lượt cao nhất.\n\n' +
      'Xếp hạng: nhiều câu đúng hơn; bằng nhau thì dự đoán gần đúng hơn; rồi thời gian làm bài ít hơn; rồi nộp bài sớm hơn.',
    opensAt: `${today}T00:00`,
    closesAt: `${closes}T23:59:59`,
    quotas,
    timeLimitSec: 15 * 60,
    attemptsPerDay: 1,
    attemptsPerRound: 7,
    counted: 'best',
    prediction: { prompt: 'Theo bạn, kỳ thi này có bao nhiêu người tham gia?', target: 'participants' },
    prizes: {
      individual: { first: 1, second: 1, third: 1, consolation: 2 },
      collective: { first: 1, second: 1, third: 1 },
      collectiveBy: 'rate',
    },
    visibility: { afterSubmit: 'score', afterClose: 'full' },
  };
}
