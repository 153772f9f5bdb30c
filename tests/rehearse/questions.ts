/**
 * The rehearsal's own question set (Vietnamese, on the contest's topics: VNeID, QR on the chip-based
 * citizen ID card, online public services, Luật Căn cước). The rehearsal writes the key itself, so
 * the bots know it; the correct option is placed at a seeded position.
 */
import { kindSpec, type AnswerValue, type Question, type QuestionPool } from '@cv/shared/protocol';
import { seeded } from './bots.ts';

interface SingleTemplate {
  prompt: string;
  correct: string;
  wrong: [string, string, string];
  topic: string;
}

interface TrueFalseTemplate {
  prompt: string;
  correct: boolean;
  topic: string;
}

const SINGLE: SingleTemplate[] = [
  {
    prompt: 'Ứng dụng nào là ứng dụng định danh điện tử quốc gia?',
    correct: 'VNeID',
    wrong: ['Zalo', 'VssID', 'eTax Mobile'],
    topic: 'VNeID',
  },
  {
    prompt: 'Tài khoản định danh điện tử có mấy mức độ?',
    correct: '2 mức độ',
    wrong: ['1 mức độ', '3 mức độ', '4 mức độ'],
    topic: 'VNeID',
  },
  {
    prompt: 'Mã QR trên thẻ Căn cước công dân gắn chip được in ở đâu?',
    correct: 'Mặt trước của thẻ',
    wrong: ['Mặt sau của thẻ', 'Bên trong chip', 'Thẻ không có mã QR'],
    topic: 'Mã QR trên thẻ CCCD',
  },
  {
    prompt:
      'Đề án 06 về phát triển ứng dụng dữ liệu dân cư, định danh và xác thực điện tử được phê duyệt năm nào?',
    correct: '2022',
    wrong: ['2020', '2021', '2023'],
    topic: 'Đề án 06',
  },
  {
    prompt: 'Đề án 06 xác định bao nhiêu dịch vụ công trực tuyến thiết yếu?',
    correct: '25',
    wrong: ['10', '53', '100'],
    topic: 'Dịch vụ công trực tuyến',
  },
  {
    prompt: 'Số định danh cá nhân gồm bao nhiêu chữ số?',
    correct: '12',
    wrong: ['9', '10', '15'],
    topic: 'Luật Căn cước',
  },
  {
    prompt: 'Luật Căn cước được Quốc hội thông qua năm nào?',
    correct: '2023',
    wrong: ['2014', '2020', '2024'],
    topic: 'Luật Căn cước',
  },
  {
    prompt: 'Tài khoản định danh điện tử mức độ 2 được đăng ký ở đâu?',
    correct: 'Tại cơ quan Công an',
    wrong: ['Tự đăng ký trên ứng dụng', 'Tại ngân hàng', 'Tại bưu điện'],
    topic: 'VNeID',
  },
  {
    prompt: 'Luật Căn cước có hiệu lực thi hành từ ngày nào?',
    correct: '01/7/2024',
    wrong: ['01/01/2024', '01/7/2023', '01/01/2025'],
    topic: 'Luật Căn cước',
  },
  {
    prompt: 'Theo Luật Căn cước, công dân bắt buộc làm thẻ căn cước từ bao nhiêu tuổi?',
    correct: 'Từ đủ 14 tuổi',
    wrong: ['Từ đủ 6 tuổi', 'Từ đủ 16 tuổi', 'Từ đủ 18 tuổi'],
    topic: 'Luật Căn cước',
  },
];

const TRUE_FALSE: TrueFalseTemplate[] = [
  {
    prompt:
      'Tài khoản định danh điện tử mức độ 2 có giá trị tương đương thẻ căn cước khi thực hiện giao dịch.',
    correct: true,
    topic: 'VNeID',
  },
  {
    prompt: 'Có thể quét mã QR trên thẻ Căn cước công dân gắn chip để điền nhanh thông tin vào biểu mẫu.',
    correct: true,
    topic: 'Mã QR trên thẻ CCCD',
  },
  {
    prompt: 'Mọi dịch vụ công trực tuyến đều bắt buộc nộp kèm hồ sơ giấy bản gốc.',
    correct: false,
    topic: 'Dịch vụ công trực tuyến',
  },
  {
    prompt: 'Nên chia sẻ mật khẩu tài khoản VNeID cho người thân để được giúp đỡ khi cần.',
    correct: false,
    topic: 'VNeID',
  },
  { prompt: 'Số định danh cá nhân cũng là số của thẻ căn cước.', correct: true, topic: 'Luật Căn cước' },
  {
    prompt:
      'Tuyên truyền Đề án 06 chỉ cần thực hiện qua văn bản hành chính, không cần hướng dẫn trực tiếp người dân.',
    correct: false,
    topic: 'Tuyên truyền Đề án 06',
  },
];

const POOL_LABEL: Record<QuestionPool, string> = {
  main: 'Câu',
  backup: 'Câu dự phòng',
  tiebreak: 'Câu hỏi phụ',
  rescue: 'Câu cứu trợ',
  golden: 'Câu hỏi Chuông vàng',
};

export interface QuestionSetOptions {
  mainCount: number;
  seed: string;
  /** main question number that locks by its deadline (gets a short time limit) */
  deadlineAt: number;
  /** time limit of the short question (s, ≥ 3) */
  shortLimitSec: number;
}

/** main 1..N, 2 backup, 2 tie-break, 1 rescue, 1 golden; ids say what they are */
export function buildQuestions(opts: QuestionSetOptions): Question[] {
  const rng = seeded(`${opts.seed}:questions`);
  const out: Question[] = [];
  let k = 0;
  const make = (
    pool: QuestionPool,
    n: number,
    id: string,
    timeLimitSec: number,
    forceSingle = false,
  ): Question => {
    const i = k++;
    const label = `${POOL_LABEL[pool]}${pool === 'main' || pool === 'backup' || pool === 'tiebreak' ? ` ${n}` : ''}: `;
    if (!forceSingle && i % 3 === 2) {
      const t = TRUE_FALSE[Math.floor(i / 3) % TRUE_FALSE.length];
      return {
        id,
        kind: 'truefalse',
        pool,
        prompt: label + t.prompt,
        timeLimitSec,
        topic: t.topic,
        key: { kind: 'truefalse', answer: t.correct },
        explanation: t.correct ? 'Khẳng định này ĐÚNG.' : 'Khẳng định này SAI.',
      };
    }
    const t = SINGLE[i % SINGLE.length];
    const at = Math.floor(rng() * 4);
    const options = [...t.wrong];
    options.splice(at, 0, t.correct);
    return {
      id,
      kind: 'single',
      pool,
      prompt: label + t.prompt,
      options,
      timeLimitSec,
      topic: t.topic,
      key: { kind: 'single', answer: at },
      explanation: `Đáp án đúng: ${t.correct}.`,
    };
  };
  for (let n = 1; n <= opts.mainCount; n++) {
    out.push(make('main', n, `main-${n}`, n === opts.deadlineAt ? opts.shortLimitSec : 10));
  }
  out.push(make('backup', 1, 'backup-1', 10), make('backup', 2, 'backup-2', 10));
  // tie-breaks are single choice so "fastest correct" has something to separate
  out.push(make('tiebreak', 1, 'tiebreak-1', 8, true), make('tiebreak', 2, 'tiebreak-2', 8, true));
  out.push(make('rescue', 0, 'rescue-1', 8), make('golden', 0, 'golden-1', 10, true));
  return out;
}

/** the right answer, as the kind table gives it */
export const correctValue = (q: Question): AnswerValue => kindSpec(q.kind).examples.right(q.key);

/** a wrong answer that still fits the question (so it is judged, not refused) */
export const wrongValue = (q: Question): AnswerValue =>
  kindSpec(q.kind).examples.wrong(q.key, q.options?.length ?? 0);

/** seats with numbers and Vietnamese names, in units (đơn vị) so unit standings are exercised too */
export function buildSeats(count: number): { seat: number; name: string; unit: string }[] {
  const family = [
    'Nguyễn',
    'Trần',
    'Lê',
    'Phạm',
    'Hoàng',
    'Huỳnh',
    'Phan',
    'Vũ',
    'Võ',
    'Đặng',
    'Bùi',
    'Đỗ',
    'Hồ',
    'Ngô',
    'Dương',
  ];
  const middle = ['Văn', 'Thị', 'Hữu', 'Minh', 'Ngọc', 'Đức', 'Thanh', 'Quốc'];
  const given = [
    'An',
    'Bình',
    'Chi',
    'Dũng',
    'Hà',
    'Hải',
    'Hương',
    'Khoa',
    'Lan',
    'Long',
    'Mai',
    'Nam',
    'Phúc',
    'Quân',
    'Sơn',
    'Trang',
    'Tú',
    'Vy',
  ];
  const units = [
    'Công an tỉnh',
    'Sở Tư pháp',
    'Sở Thông tin và Truyền thông',
    'Huyện Krông Pắc',
    'TP Buôn Ma Thuột',
    'Thị xã Buôn Hồ',
  ];
  return Array.from({ length: count }, (_, i) => ({
    seat: i + 1,
    name: `${family[i % family.length]} ${middle[(i * 7) % middle.length]} ${given[(i * 11) % given.length]}`,
    unit: units[i % units.length],
  }));
}
