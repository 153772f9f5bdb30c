/**
 * Online rounds test kit: a contest with questions of every kind whose keys carry markers (so a leak
 * scan can find them in any form), a candidate generator with valid CCCD/phone numbers, an HTTP
 * client for the candidate and admin routes, and the browser's proof-of-work solver.
 */
import type { Question } from '@cv/shared/protocol';
import type { PowChallenge, SessionGrant } from '@cv/shared/protocol/online.ts';
import { solvePow } from '@cv/server/online/service/pow.ts';
import type { ContestFixture } from '@cv/server/contest/fixture.ts';

export const TOPICS = [
  { topicId: 'vneid', name: 'Ứng dụng VNeID' },
  { topicId: 'qr', name: 'Mã QR' },
  { topicId: 'dvc', name: '25 dịch vụ công thiết yếu' },
];

/** marker text inside keys and explanations: a leak scan looks for these */
export const keyMarker = (id: string) => `DAPAN${id.replace(/\W/g, '')}XQ`;
export const explanationMarker = (id: string) => `GIAITHICH${id.replace(/\W/g, '')}ZK`;
/** numeric keys no other number in a payload happens to equal */
export const numericKey = (i: number) => 731_000 + i * 17;

/** ordering items: their texts say nothing about their place */
const STEPS = ['Xác thực khuôn mặt', 'Nhập mã OTP', 'Khai báo thông tin', 'Chụp ảnh giấy tờ'];
/** the ordering keys, none of them the written order */
const ORDERS = [
  [2, 0, 3, 1],
  [1, 3, 0, 2],
  [3, 2, 1, 0],
];

/** n questions per topic cycling through every kind; option texts say nothing about the key */
export function markedQuestions(perTopic: number): ContestFixture['questions'] {
  const out: ContestFixture['questions'] = [];
  let i = 0;
  for (const t of TOPICS) {
    for (let k = 0; k < perTopic; k++, i++) {
      const id = `${t.topicId}-${k}`;
      const base = {
        id,
        pool: 'main' as const,
        timeLimitSec: 30,
        topic: t.name,
        explanation: explanationMarker(id),
      };
      const kind = (['single', 'ordering', 'truefalse', 'multi', 'text', 'numeric'] as const)[k % 6];
      const prompt = `${t.name} — câu hỏi ${k + 1}: nội dung nào sau đây đúng?`;
      const options = ['Phương án thứ nhất', 'Phương án thứ hai', 'Phương án thứ ba', 'Phương án thứ tư'];
      let question: Question;
      if (kind === 'single')
        question = { ...base, kind, prompt, options, key: { kind, answer: (k + i) % 4 } };
      else if (kind === 'truefalse') question = { ...base, kind, prompt, key: { kind, answer: k % 4 === 2 } };
      else if (kind === 'ordering')
        question = {
          ...base,
          kind,
          prompt: `${t.name} — câu hỏi ${k + 1}: sắp xếp các bước theo đúng thứ tự`,
          options: STEPS,
          key: { kind, order: ORDERS[i % ORDERS.length] },
        };
      else if (kind === 'multi') question = { ...base, kind, prompt, options, key: { kind, answer: [1, 3] } };
      else if (kind === 'text')
        question = { ...base, kind, prompt, key: { kind, accepted: [keyMarker(id)] } };
      else question = { ...base, kind, prompt, key: { kind, value: numericKey(i), tolerance: 0 } };
      out.push({ topicId: t.topicId, question });
    }
  }
  return out;
}

export const UNITS = [
  {
    unitId: 'so-tu-phap',
    name: 'Sở Tư pháp',
    groupId: 'so-nganh',
    groupName: 'Khối các sở, ngành',
    headcount: 80,
  },
  {
    unitId: 'cong-an',
    name: 'Công an tỉnh',
    groupId: 'so-nganh',
    groupName: 'Khối các sở, ngành',
    headcount: 2000,
  },
  {
    unitId: 'bmt',
    name: 'TP. Buôn Ma Thuột',
    groupId: 'huyen',
    groupName: 'Khối huyện, thành phố',
    headcount: 500,
  },
  {
    unitId: 'krong-pac',
    name: 'Huyện Krông Pắc',
    groupId: 'huyen',
    groupName: 'Khối huyện, thành phố',
    headcount: null,
  },
];

/** CCCD with the sex/century digit and birth year that match `birth` */
export function person(n: number, extra: Record<string, unknown> = {}) {
  const year = 1960 + (n % 45);
  const female = n % 2 === 1;
  const code = (year >= 2000 ? 2 : 0) + (female ? 1 : 0);
  const idNumber = `066${code}${String(year % 100).padStart(2, '0')}${String(n).padStart(6, '0')}`;
  return {
    fullName: `Nguyễn ${female ? 'Thị' : 'Văn'} Thí Sinh ${toLetters(n)}`,
    idNumber,
    phone: `09${String(n).padStart(8, '0')}`,
    birth: String(year),
    gender: female ? ('female' as const) : ('male' as const),
    unitId: UNITS[n % UNITS.length].unitId,
    district: 'TP. Buôn Ma Thuột',
    ...extra,
  };
}

/** names are letters only: 12 → "Bc" */
function toLetters(n: number): string {
  let s = '';
  do {
    s = String.fromCharCode(97 + (n % 26)) + s;
    n = Math.floor(n / 26);
  } while (n > 0);
  return s[0].toUpperCase() + s.slice(1);
}

export function contestFixture(perTopic = 12, excluded: string[] = []): ContestFixture {
  return { topics: TOPICS, questions: markedQuestions(perTopic), units: UNITS, excluded };
}

/** the settings of a round open [opensAt, closesAt) with quotas over the three topics */
export function roundBody(
  opensAt: number | string,
  closesAt: number | string,
  extra: Record<string, unknown> = {},
) {
  return {
    title: 'Kỳ thi thử nghiệm',
    description: 'Thể lệ thử nghiệm.',
    opensAt,
    closesAt,
    quotas: [
      { topicId: 'vneid', count: 4 },
      { topicId: 'qr', count: 3 },
      { topicId: 'dvc', count: 3 },
    ],
    timeLimitSec: 600,
    attemptsPerDay: null,
    attemptsPerRound: 3,
    counted: 'best',
    prediction: { prompt: 'Bao nhiêu người tham gia kỳ thi?', target: 'participants' },
    ...extra,
  };
}

export interface HttpReply<T = unknown> {
  status: number;
  body: T;
  text: string;
  headers: Headers;
}

/** one JSON call: the parsed body (or the text when it is not JSON), status and headers */
export async function httpJson<T = unknown>(
  url: string,
  method: string,
  body?: unknown,
  token?: string,
): Promise<HttpReply<T>> {
  const res = await fetch(url, {
    method,
    headers: {
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    /* not JSON (HTML, XLSX) */
  }
  return { status: res.status, body: parsed as T, text, headers: res.headers };
}

/** run `fn` over `items` with at most `n` in flight */
export async function inPool<T>(
  items: readonly T[],
  n: number,
  fn: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(n, items.length) }, async () => {
      while (next < items.length) await fn(items[next++]);
    }),
  );
}

/** plain fetch against a listening server: every response body is kept (the leak scan reads them) */
export class OnlineHttp {
  readonly seen: { path: string; text: string }[] = [];
  constructor(
    readonly url: string,
    private readonly adminToken: string,
  ) {}

  call<T = unknown>(method: string, path: string, body?: unknown, token?: string): Promise<HttpReply<T>> {
    return httpJson<T>(this.url + path, method, body, token);
  }

  /** a candidate-facing call: its response is recorded for the leak scan */
  async candidate<T = unknown>(method: string, path: string, body?: unknown, token?: string) {
    const r = await this.call<T>(method, path, body, token);
    this.seen.push({ path, text: r.text });
    return r;
  }

  admin<T = unknown>(method: string, path: string, body?: unknown) {
    return this.call<T>(method, `/api/online/admin${path}`, body, this.adminToken);
  }

  async pow(): Promise<string> {
    const c = await this.candidate<PowChallenge>('GET', '/api/online/challenge');
    return solvePow(c.body);
  }

  async register(input: Record<string, unknown>) {
    return this.candidate<SessionGrant>('POST', '/api/online/register', { ...input, pow: await this.pow() });
  }

  async start(roundId: string, token: string) {
    return this.candidate('POST', `/api/online/rounds/${roundId}/attempts`, { pow: await this.pow() }, token);
  }
}
