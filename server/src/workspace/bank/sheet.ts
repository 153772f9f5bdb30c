/**
 * The question bank as a spreadsheet: the template (Vietnamese headers), the import — every row
 * checked, problems reported by row and column in Vietnamese, duplicates flagged — and the export.
 */
import {
  bankContentSchema,
  kindSpec,
  QUESTION_KINDS,
  type BankContent,
  type Difficulty,
  type ImportProblem,
  type QuestionKind,
  type Topic,
} from '@cv/shared/protocol';
import { decomposedWarning, RowReader, rowsOf, type ColumnSpec } from '../sheets/columns.ts';
import type { Table } from '../sheets/read.ts';
import type { SheetSpec } from '../sheets/write.ts';
import { head, STATUS_VI, type QuestionDoc } from './service.ts';
import { duplicateKey, foldKeyword } from './text.ts';

const LETTERS = ['A', 'B', 'C', 'D', 'E', 'F'] as const;
type Letter = (typeof LETTERS)[number];
type BankKey =
  | 'id'
  | 'version'
  | 'status'
  | 'topic'
  | 'kind'
  | 'prompt'
  | Letter
  | 'answer'
  | 'tolerance'
  | 'time'
  | 'difficulty'
  | 'explanation'
  | 'tags'
  | 'media';

export const BANK_COLUMNS: readonly ColumnSpec<BankKey>[] = [
  {
    key: 'topic',
    header: 'Chủ đề',
    required: true,
    width: 34,
    note: 'Tên chủ đề hoặc số thứ tự (xem trang "Hướng dẫn")',
  },
  {
    key: 'kind',
    header: 'Loại câu hỏi',
    aliases: ['Loại', 'Dạng câu hỏi'],
    required: true,
    width: 16,
    note: QUESTION_KINDS.map((k) => kindSpec(k).sheet.words[0]).join(' / '),
  },
  { key: 'prompt', header: 'Nội dung câu hỏi', aliases: ['Câu hỏi', 'Nội dung'], required: true, width: 60 },
  ...LETTERS.map((l) => ({ key: l, header: `Phương án ${l}`, aliases: [`Đáp án ${l}`], width: 24 })),
  {
    key: 'answer',
    header: 'Đáp án đúng',
    required: true,
    width: 22,
    note: 'Một đáp án: B — Nhiều đáp án: A, C — Đúng sai: Đúng/Sai — Trả lời ngắn: các cách viết được chấp nhận, cách nhau bởi dấu ; — Số: giá trị',
  },
  {
    key: 'tolerance',
    header: 'Sai số cho phép',
    width: 12,
    note: 'Chỉ cho loại Số; bỏ trống = phải đúng tuyệt đối',
  },
  {
    key: 'time',
    header: 'Thời gian (giây)',
    aliases: ['Thời gian'],
    width: 12,
    note: '3–600 giây; bỏ trống = 20 (30 cho trả lời ngắn, số)',
  },
  { key: 'difficulty', header: 'Độ khó', width: 12, note: 'Dễ / Trung bình / Khó' },
  { key: 'explanation', header: 'Giải thích', width: 50 },
  { key: 'tags', header: 'Từ khoá', aliases: ['Thẻ', 'Tags'], width: 20, note: 'Cách nhau bởi dấu phẩy' },
  {
    key: 'media',
    header: 'Tư liệu (đường dẫn)',
    aliases: ['Tư liệu', 'Media'],
    width: 30,
    note: 'Đường dẫn tệp đã tải lên, ví dụ /uploads/….png',
  },
];

/** what an export adds in front; an import ignores them (re-importing an export flags duplicates) */
const EXPORT_ONLY: readonly ColumnSpec<BankKey>[] = [
  { key: 'id', header: 'Mã câu hỏi', width: 11 },
  { key: 'version', header: 'Phiên bản', width: 9 },
  { key: 'status', header: 'Trạng thái', width: 16 },
];

const IMPORT_COLUMNS = [...EXPORT_ONLY, ...BANK_COLUMNS];

/** a kind's name in the sheet: the first of its words in the kind table */
export const kindVi = (kind: QuestionKind): string => kindSpec(kind).sheet.words[0];
const kindOf = (word: string): QuestionKind | undefined =>
  QUESTION_KINDS.find((k) => kindSpec(k).sheet.words.some((w) => foldKeyword(w) === foldKeyword(word)));
export const DIFFICULTY_VI: Record<Difficulty, string> = { easy: 'Dễ', medium: 'Trung bình', hard: 'Khó' };
const DIFFICULTY_WORDS: Record<Difficulty, string[]> = {
  easy: ['de', '1', 'easy'],
  medium: ['trung binh', 'tb', 'vua', '2', 'medium'],
  hard: ['kho', '3', 'hard'],
};

const lookup = <T extends string>(table: Record<T, string[]>, word: string): T | undefined =>
  (Object.keys(table) as T[]).find((k) => table[k].includes(foldKeyword(word)));

export interface ParsedBank {
  items: { row: number; content: BankContent }[];
  /** for each item, the questions already in the bank with the same text */
  duplicates: Map<number, string[]>;
  errors: ImportProblem[];
  warnings: ImportProblem[];
}

export function parseBankTable(
  table: Table,
  topics: readonly Topic[],
  existing: ReadonlyMap<string, readonly string[]>,
): ParsedBank {
  const read = rowsOf(table, IMPORT_COLUMNS);
  const out: ParsedBank = {
    items: [],
    duplicates: new Map(),
    errors: [...read.errors],
    warnings: [...read.warnings],
  };
  if (read.errors.length) return out;
  if (read.rows.length === 0) out.errors.push({ row: 2, message: 'Tệp không có câu hỏi nào.' });
  const seen = new Map<string, number>();
  let decomposed = 0;
  let firstDecomposed: number | null = null;
  for (const sheetRow of read.rows) {
    const r = new RowReader(sheetRow, IMPORT_COLUMNS);
    const content = contentOf(r, topics);
    if (r.decomposed > 0) {
      decomposed += r.decomposed;
      firstDecomposed ??= r.row;
    }
    out.errors.push(...r.errors);
    out.warnings.push(...r.warnings);
    if (!content) continue;
    const key = duplicateKey(content.prompt);
    const earlier = seen.get(key);
    if (earlier !== undefined)
      out.warnings.push({
        row: r.row,
        column: 'Nội dung câu hỏi',
        message: `Trùng nội dung với dòng ${earlier} của tệp.`,
      });
    else seen.set(key, r.row);
    const inBank = existing.get(key);
    if (inBank?.length) {
      out.warnings.push({
        row: r.row,
        column: 'Nội dung câu hỏi',
        message: `Trùng nội dung với câu ${inBank.join(', ')} đã có trong ngân hàng.`,
      });
      out.duplicates.set(out.items.length, [...inBank]);
    }
    out.items.push({ row: r.row, content });
  }
  out.warnings.push(...decomposedWarning(decomposed, firstDecomposed));
  return out;
}

function contentOf(r: RowReader<BankKey>, topics: readonly Topic[]): BankContent | null {
  const topicText = r.text('topic', { required: true });
  let topicId: string | undefined;
  if (topicText !== undefined) {
    const n = /^\d+$/.test(topicText) ? Number(topicText) : null;
    const topic = topics.find((t) =>
      n !== null ? t.order === n : foldKeyword(t.name) === foldKeyword(topicText),
    );
    if (topic) topicId = topic.topicId;
    else r.error('topic', `Không có chủ đề "${topicText}" (ghi đúng tên hoặc số thứ tự 1–${topics.length}).`);
  }
  const kindText = r.text('kind', { required: true });
  const kind = kindText === undefined ? undefined : kindOf(kindText);
  if (kindText !== undefined && !kind)
    r.error('kind', `Không rõ loại "${kindText}": ghi ${QUESTION_KINDS.map(kindVi).join(', ')}.`);
  const prompt = r.text('prompt', { required: true, max: 2000 });
  const options = optionsOf(r, kind);
  const key = kind ? keyOf(r, kind, options?.length ?? 0) : undefined;
  const time =
    r.integer('time', { min: 3, max: 600 }) ?? (kind && kindSpec(kind).input === 'typed' ? 30 : 20);
  const difficultyText = r.text('difficulty');
  const difficulty = difficultyText === undefined ? 'medium' : lookup(DIFFICULTY_WORDS, difficultyText);
  if (!difficulty)
    r.error('difficulty', `Độ khó "${difficultyText}" không hợp lệ: ghi Dễ, Trung bình hoặc Khó.`);
  const explanation = r.text('explanation', { max: 2000 });
  const tags = (r.text('tags') ?? '')
    .split(/[,;]/)
    .map((t) => t.trim())
    .filter(Boolean);
  const media = mediaOf(r);
  if (r.errors.length || !topicId || !kind || !prompt || key === undefined || !difficulty) return null;
  const parsed = bankContentSchema.safeParse({
    topicId,
    kind,
    prompt,
    ...(options ? { options } : {}),
    key,
    ...(media ? { media } : {}),
    timeLimitSec: time,
    ...(explanation ? { explanation } : {}),
    difficulty,
    tags,
  });
  if (parsed.success) return parsed.data;
  for (const issue of parsed.error.issues)
    r.error(null, `Dữ liệu không hợp lệ (${issue.path.join('.') || 'câu hỏi'}): ${issue.message}.`);
  return null;
}

function optionsOf(r: RowReader<BankKey>, kind: QuestionKind | undefined): string[] | undefined {
  const values = LETTERS.map((l) => r.text(l, { max: 500 }));
  let last = -1;
  values.forEach((v, i) => {
    if (v !== undefined) last = i;
  });
  if (!kind || !kindSpec(kind).options) {
    if (last >= 0 && kind)
      r.warn(null, `Loại "${kindVi(kind)}" không dùng phương án A–F; đã bỏ qua các phương án.`);
    return undefined;
  }
  const gap = values.slice(0, last + 1).findIndex((v) => v === undefined);
  if (gap >= 0) {
    r.error(LETTERS[gap], `Phương án ${LETTERS[gap]} trống nhưng các phương án sau có nội dung.`);
    return undefined;
  }
  if (last < 1) {
    r.error('A', 'Câu chọn đáp án cần ít nhất 2 phương án.');
    return undefined;
  }
  return values.slice(0, last + 1) as string[];
}

function keyOf(r: RowReader<BankKey>, kind: QuestionKind, optionCount: number): unknown {
  const raw = r.text('answer', { required: true, max: 1000 });
  if (raw === undefined) return undefined;
  const read = kindSpec(kind).sheet.readKey(raw, optionCount, r.number('tolerance'));
  if ('error' in read) {
    r.error('answer', read.error);
    return undefined;
  }
  if (read.warning) r.warn('answer', read.warning);
  return { kind, ...read.key };
}

const MEDIA_TYPES: Record<string, 'image' | 'audio' | 'video'> = {
  png: 'image',
  jpg: 'image',
  jpeg: 'image',
  gif: 'image',
  webp: 'image',
  svg: 'image',
  mp3: 'audio',
  ogg: 'audio',
  wav: 'audio',
  m4a: 'audio',
  mp4: 'video',
  webm: 'video',
};

function mediaOf(r: RowReader<BankKey>): { type: 'image' | 'audio' | 'video'; url: string } | undefined {
  const url = r.text('media', { max: 2000 });
  if (!url) return undefined;
  const ext = /\.([a-z0-9]+)(?:[?#].*)?$/i.exec(url)?.[1]?.toLowerCase() ?? '';
  const type = Object.hasOwn(MEDIA_TYPES, ext) ? MEDIA_TYPES[ext] : undefined;
  if (!/^(\/uploads\/|\/media\/|https?:\/\/)\S+$/.test(url) || !type) {
    r.error('media', `"${url}" không phải đường dẫn tư liệu (ảnh, âm thanh, video) đã tải lên.`);
    return undefined;
  }
  return { type, url };
}

// ------------------------------------------------------------ template and export

const answerText = (c: BankContent): string => kindSpec(c.key.kind).sheet.writeKey(c.key);

function contentRow(c: BankContent, topicName: string): (string | number | null)[] {
  return [
    topicName,
    kindVi(c.kind),
    c.prompt,
    ...LETTERS.map((_, i) => c.options?.[i] ?? null),
    answerText(c),
    kindSpec(c.key.kind).sheet.tolerance?.(c.key) ?? null,
    c.timeLimitSec,
    DIFFICULTY_VI[c.difficulty],
    c.explanation ?? null,
    c.tags.join(', ') || null,
    c.media?.url ?? null,
  ];
}

const textColumns = new Set<BankKey>(['prompt', ...LETTERS, 'answer', 'explanation']);
const columnsOf = (specs: readonly ColumnSpec<BankKey>[]) =>
  specs.map((c) => ({ header: c.header, width: c.width, note: c.note, text: textColumns.has(c.key) }));

export function bankTemplate(topics: readonly Topic[]): SheetSpec[] {
  const name = (n: number) => topics.find((t) => t.order === n)?.name ?? String(n);
  const example = (
    c: Omit<BankContent, 'topicId' | 'tags' | 'difficulty'> & Partial<BankContent>,
    topic: number,
  ) => contentRow({ topicId: '', tags: [], difficulty: 'medium', ...c } as BankContent, name(topic));
  return [
    {
      name: 'Câu hỏi',
      columns: columnsOf(BANK_COLUMNS),
      rows: [
        example(
          {
            kind: 'single',
            prompt: 'Ứng dụng định danh điện tử quốc gia có tên là gì?',
            options: ['VNeID', 'VssID', 'eTax Mobile', 'Zalo'],
            key: { kind: 'single', answer: 0 },
            timeLimitSec: 20,
            explanation: 'VNeID do Bộ Công an xây dựng và quản lý.',
          },
          1,
        ),
        example(
          {
            kind: 'truefalse',
            prompt:
              'Đúng hay sai: Mã QR trên thẻ Căn cước công dân gắn chip đọc được bằng ứng dụng quét QR thông thường.',
            key: { kind: 'truefalse', answer: true },
            timeLimitSec: 15,
          },
          2,
        ),
        example(
          {
            kind: 'numeric',
            prompt: 'Đề án 06 xác định bao nhiêu dịch vụ công thiết yếu?',
            key: { kind: 'numeric', value: 25, tolerance: 0 },
            timeLimitSec: 30,
          },
          3,
        ),
      ],
    },
    {
      name: 'Hướng dẫn',
      columns: [
        { header: 'Số thứ tự', width: 10 },
        { header: 'Chủ đề', width: 70 },
      ],
      rows: [
        ...topics.map((t) => [t.order, t.name]),
        [null, null],
        [null, 'Loại câu hỏi: Một đáp án, Đúng sai, Nhiều đáp án, Trả lời ngắn, Số.'],
        [null, 'Mỗi dòng một câu hỏi; dòng 1 là tiêu đề, giữ nguyên tên cột.'],
        [null, 'Tệp có dòng lỗi thì không dòng nào được nhập; sửa theo báo cáo rồi nhập lại.'],
      ],
    },
  ];
}

export function bankExport(docs: readonly QuestionDoc[], topics: readonly Topic[]): SheetSpec {
  const names = new Map(topics.map((t) => [t.topicId, t.name]));
  return {
    name: 'Ngân hàng câu hỏi',
    columns: columnsOf([...EXPORT_ONLY, ...BANK_COLUMNS]),
    rows: docs.map((d) => {
      const v = head(d);
      return [
        d.questionId,
        v.version,
        STATUS_VI[v.status],
        ...contentRow(v.content, names.get(v.content.topicId) ?? v.content.topicId),
      ];
    }),
  };
}
