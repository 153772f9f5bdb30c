/**
 * Question kinds: ONE entry per kind says everything the system knows about it — the shape of its
 * key and of an answer, how an answer is checked and judged, what a device offers to answer it,
 * how answers are counted and when the counts may be shown, how answers and keys read as text,
 * how shuffled options map back, and how the question bank's spreadsheet writes its key.
 * The kind union, the zod schemas and the label keys derive from `KINDS`; everything else asks it.
 * Adding a kind: see docs/architecture.md, "Adding a question kind".
 */
import { z } from 'zod';
import type { TextMatchRules } from './model.ts';

/** what a device shows to answer: a button per choice (one or several), a typed field, or items to put in order */
export type InputStyle = 'pick-one' | 'pick-many' | 'typed' | 'order';

/**
 * how the question bank's editor asks for the key: ticks on the options, true/false, accepted
 * spellings, a number with its tolerance, or the spreadsheet's words in one field (any kind)
 */
export type KeyForm = 'ticks' | 'truth' | 'spellings' | 'number' | 'cell';

/** a button of a choice question */
export interface Choice {
  /** the value sent as the answer (or part of it, for pick-many) */
  value: number | boolean;
  /** its bucket in a distribution */
  key: string;
  letter: string;
  /** option text, or null for true/false (the UI translates answer.true / answer.false) */
  text: string | null;
}

export type Translate = (key: string, named?: Record<string, unknown>) => string;

export interface FormatOptions {
  /** "B. Hà Nội" rather than "B" for a single option [true] */
  withText?: boolean;
}

/** a spreadsheet cell read into a key: the key, or a reason in Vietnamese (the sheet speaks Vietnamese) */
export type KeyFromCell<Key> = { key: Key; warning?: string } | { error: string };

export interface KindSpec<Key, Value> {
  /** the key without its `kind` */
  key: z.ZodType<Key, z.ZodTypeDef, unknown>;
  /** the shape of an answer; `fits` checks it against the question */
  value: z.ZodType<Value>;
  /** authored options (choices or items): how many, or null when the kind has none */
  options: { min: number; max: number } | null;
  /** why a key does not fit the question's option count, or null */
  keyProblem(key: Key, optionCount: number): string | null;
  input: InputStyle;
  keyForm: KeyForm;
  /** typed input: the keyboard to show and how a typed text becomes a value (null = nothing yet) */
  typed?: { inputMode: 'text' | 'decimal'; placeholder: string; parse(raw: string): Value | null };
  /** the buttons offered; empty when the kind has none */
  choices(options: readonly string[] | undefined): Choice[];
  /** is this choice part of the key? */
  keyHasChoice(key: Key, choice: number | boolean): boolean;
  /** does the value have the shape this question needs (a wrong answer is still valid) */
  fits(value: Value, optionCount: number): boolean;
  judge(key: Key, value: Value, textMatch: TextMatchRules): boolean;
  /** the same answer (order matters only where the kind says so) */
  same(a: Value, b: Value): boolean;
  /**
   * 'choices': one bucket per choice, counted from the lock on (nobody learns a verdict from it);
   * 'verdicts': right/wrong buckets, which are verdicts, so they wait for the reveal
   */
  distribution: 'choices' | 'verdicts';
  /** buckets a valid answer adds to, for 'choices' */
  buckets(value: Value): string[];
  formatAnswer(value: Value, options: readonly string[] | undefined, t: Translate, o: FormatOptions): string;
  formatKey(key: Key, options: readonly string[] | undefined, t: Translate, o: FormatOptions): string;
  /** i18n key of the heading over a spelled-out key ("Đáp án đúng", or "Đáp án được chấp nhận") */
  keyLabel: 'answer.correctAnswer' | 'answer.accepted';
  /** online attempts shuffle the options (order[i] = bank index of shown option i); null: nothing to shuffle */
  unshuffle: ((value: Value, order: readonly number[]) => Value | null) | null;
  /**
   * a shown order (as in `unshuffle`) the shuffle must never produce, or null. Ordering: the right order,
   * since an untouched list is shown as it was dealt and a candidate could take it for their answer
   */
  shuffleAvoids: ((key: Key) => readonly number[]) | null;
  /** answers for rehearsal bots, benches and tests: the right one, a wrong one that still fits, any that fits */
  examples: {
    right(key: Key): Value;
    wrong(key: Key, optionCount: number): Value;
    any(optionCount: number): Value;
  };
  /** the question bank's spreadsheet: the kind's words (Vietnamese label first) and its answer cell */
  sheet: {
    words: readonly string[];
    readKey(cell: string, optionCount: number, tolerance: number | undefined): KeyFromCell<Key>;
    writeKey(key: Key): string;
    /** the tolerance column, for kinds that have one */
    tolerance?: (key: Key) => number | null;
  };
}

const defineKind = <Key, Value>(spec: KindSpec<Key, Value>): KindSpec<Key, Value> => spec;

// ------------------------------------------------------------------ helpers the entries share

const COMBINING_MARKS = /\p{M}/gu;

/** Normalises text for comparison; diacritics are stripped via NFD so "Căn cước" matches "can cuoc". */
export function normalizeAnswerText(text: string, textMatch: TextMatchRules): string {
  let s = text.normalize('NFC').trim();
  if (textMatch.collapseSpaces) s = s.replace(/\s+/g, ' ');
  if (textMatch.ignoreDiacritics) {
    // đ/Đ are letters of their own, not d + a mark, so NFD does not decompose them
    s = s
      .replace(/đ/g, 'd')
      .replace(/Đ/g, 'D')
      .normalize('NFD')
      .replace(COMBINING_MARKS, '')
      .normalize('NFC');
  }
  if (textMatch.ignoreCase) s = s.toLowerCase();
  return s;
}

export const optionLetter = (i: number): string => String.fromCharCode(65 + i);
const SHEET_LETTERS = 'ABCDEF';
const optionIndex = z.number().int().min(0).max(25);
const isIndex = (v: unknown, n: number): v is number =>
  typeof v === 'number' && Number.isInteger(v) && v >= 0 && v < n;
const distinct = (xs: readonly number[]) => new Set(xs).size === xs.length;
/** every one of n options exactly once */
const isOrderOf = (xs: readonly number[], n: number) =>
  xs.length === n && distinct(xs) && xs.every((i) => isIndex(i, n));
const optionChoices = (options: readonly string[] | undefined): Choice[] =>
  (options ?? []).map((text, i) => ({ value: i, key: String(i), letter: optionLetter(i), text }));
const noChoices = (): Choice[] => [];
const withText = (i: number, options: readonly string[] | undefined, o: FormatOptions) => {
  const text = options?.[i];
  return o.withText !== false && text ? `${optionLetter(i)}. ${text}` : optionLetter(i);
};
const numberText = (n: number) => n.toLocaleString('vi-VN', { maximumFractionDigits: 6 });
const mapBack = (i: number, order: readonly number[]) => (isIndex(i, order.length) ? order[i] : -1);
/** a list of shown indexes → the same list in the bank's indexes (null if one is no option) */
const eachMappedBack = (v: number[], order: readonly number[]): number[] | null => {
  const mapped = v.map((i) => mapBack(i, order));
  return mapped.some((i) => i < 0) ? null : mapped;
};
const fold = (s: string) =>
  normalizeAnswerText(s, { ignoreCase: true, collapseSpaces: true, ignoreDiacritics: true });
const outOfRange = 'the key names an option the question does not have';

/** "B", "b", "2" (→ B, with a warning) → an option index, or an error */
function readLetter(token: string, optionCount: number): { i: number; warning?: string } | { error: string } {
  const t = token.trim().toUpperCase();
  let i = t.length === 1 ? SHEET_LETTERS.indexOf(t) : -1;
  let warning: string | undefined;
  if (i < 0 && /^[1-6]$/.test(t)) {
    i = Number(t) - 1;
    warning = `Đáp án ghi bằng số ${t}, hiểu là phương án ${SHEET_LETTERS[i]}.`;
  }
  if (i < 0 || i >= optionCount)
    return {
      error: `Đáp án "${token.trim()}" không phải phương án có trong câu (A–${SHEET_LETTERS[Math.max(0, optionCount - 1)]}).`,
    };
  return { i, warning };
}

/** "A, C" / "AC" / "A và C" → option indexes in the order written, or an error */
function readLetters(
  cell: string,
  optionCount: number,
): { list: number[]; warning?: string } | { error: string } {
  const tokens = /^[A-Fa-f]{2,6}$/.test(cell.trim())
    ? cell.trim().split('')
    : cell.split(/[,;/+&\s>→-]+|\svà\s/).filter(Boolean);
  const list: number[] = [];
  let warning: string | undefined;
  for (const token of tokens) {
    const r = readLetter(token, optionCount);
    if ('error' in r) return r;
    warning ??= r.warning;
    list.push(r.i);
  }
  return { list, warning };
}

const TRUE_WORDS = ['dung', 'd', 'true', 't', 'x', 'co', '1'];
const FALSE_WORDS = ['sai', 's', 'false', 'f', 'khong', '0'];

// ------------------------------------------------------------------ the table

/*
 * A key's fields say what they hold: `answer` is the one right answer, in the shape of an answer
 * (single, truefalse, multi); `accepted` the spellings taken (text); `value` ± `tolerance` (numeric);
 * `order` the right order (ordering). Never `correct`: that word is a verdict (SeatSelf.correct).
 * Keys stored as `correct` before the rename are rewritten by the stores' migrations
 * (server/src/storage/answer-key-migration.ts) and read as an alias at the edge (`answerKeySchema`).
 */
export const KINDS = {
  single: defineKind({
    key: z.object({ answer: optionIndex }),
    value: optionIndex,
    options: { min: 2, max: 8 },
    keyProblem: (k, n) => (k.answer < n ? null : outOfRange),
    input: 'pick-one',
    keyForm: 'ticks',
    choices: optionChoices,
    keyHasChoice: (k, c) => k.answer === c,
    fits: (v, n) => isIndex(v, n),
    judge: (k, v) => v === k.answer,
    same: (a, b) => a === b,
    distribution: 'choices',
    buckets: (v) => [String(v)],
    formatAnswer: (v, options, _t, o) => withText(v, options, o),
    formatKey: (k, options, _t, o) => withText(k.answer, options, o),
    keyLabel: 'answer.correctAnswer',
    unshuffle: (v, order) => {
      const i = mapBack(v, order);
      return i < 0 ? null : i;
    },
    shuffleAvoids: null,
    examples: {
      right: (k) => k.answer,
      wrong: (k, n) => (k.answer + 1) % Math.max(2, n),
      any: (n) => n - 1,
    },
    sheet: {
      words: ['Một đáp án', 'mot dap an', 'chon mot dap an', 'chon mot', 'trac nghiem', 'single', '1 dap an'],
      readKey: (cell, n) => {
        const r = readLetter(cell, n);
        return 'error' in r ? r : { key: { answer: r.i }, warning: r.warning };
      },
      writeKey: (k) => optionLetter(k.answer),
    },
  }),
  truefalse: defineKind({
    key: z.object({ answer: z.boolean() }),
    value: z.boolean(),
    options: null,
    keyProblem: () => null,
    input: 'pick-one',
    keyForm: 'truth',
    choices: () => [
      { value: true, key: 'true', letter: 'Đ', text: null },
      { value: false, key: 'false', letter: 'S', text: null },
    ],
    keyHasChoice: (k, c) => k.answer === c,
    fits: (v) => typeof v === 'boolean',
    judge: (k, v) => v === k.answer,
    same: (a, b) => a === b,
    distribution: 'choices',
    buckets: (v) => [String(v)],
    formatAnswer: (v, _o, t) => t(v ? 'answer.true' : 'answer.false'),
    formatKey: (k, _o, t) => t(k.answer ? 'answer.true' : 'answer.false'),
    keyLabel: 'answer.correctAnswer',
    unshuffle: null,
    shuffleAvoids: null,
    examples: { right: (k) => k.answer, wrong: (k) => !k.answer, any: () => true },
    sheet: {
      words: [
        'Đúng sai',
        'dung sai',
        'dung/sai',
        'dung hay sai',
        'dung - sai',
        'truefalse',
        'true/false',
        'd/s',
      ],
      readKey: (cell) => {
        const word = fold(cell);
        if (TRUE_WORDS.includes(word)) return { key: { answer: true } };
        if (FALSE_WORDS.includes(word)) return { key: { answer: false } };
        return { error: `Câu Đúng sai cần đáp án "Đúng" hoặc "Sai", đang là "${cell}".` };
      },
      writeKey: (k) => (k.answer ? 'Đúng' : 'Sai'),
    },
  }),
  multi: defineKind({
    key: z.object({ answer: z.array(optionIndex).min(1) }),
    value: z.array(optionIndex).max(26),
    options: { min: 2, max: 8 },
    keyProblem: (k, n) => (k.answer.every((i) => i < n) ? null : outOfRange),
    input: 'pick-many',
    keyForm: 'ticks',
    choices: optionChoices,
    keyHasChoice: (k, c) => typeof c === 'number' && k.answer.includes(c),
    // an empty selection is no answer at all, so it is refused rather than judged
    fits: (v, n) => v.length > 0 && v.every((i) => isIndex(i, n)) && distinct(v),
    judge: (k, v) => v.length === new Set(k.answer).size && k.answer.every((i) => v.includes(i)),
    // a set: the order the options were ticked in does not matter
    same: (a, b) => a.length === b.length && a.every((i) => b.includes(i)),
    distribution: 'choices',
    buckets: (v) => v.map(String),
    formatAnswer: (v, options, _t, o) =>
      v.length === 1
        ? withText(v[0], options, o)
        : [...v]
            .sort((a, b) => a - b)
            .map(optionLetter)
            .join(', '),
    formatKey: (k, options, _t, o) =>
      k.answer.length === 1
        ? withText(k.answer[0], options, o)
        : [...k.answer]
            .sort((a, b) => a - b)
            .map(optionLetter)
            .join(', '),
    keyLabel: 'answer.correctAnswer',
    unshuffle: eachMappedBack,
    shuffleAvoids: null,
    examples: {
      right: (k) => k.answer.slice(),
      wrong: (k, n) => {
        const missing = [...Array(n).keys()].find((i) => !k.answer.includes(i));
        return missing === undefined ? k.answer.slice(1) : [missing];
      },
      any: () => [0],
    },
    sheet: {
      words: ['Nhiều đáp án', 'nhieu dap an', 'chon nhieu dap an', 'chon nhieu', 'multi', 'nhieu lua chon'],
      readKey: (cell, n) => {
        const r = readLetters(cell, n);
        return 'error' in r
          ? r
          : { key: { answer: [...new Set(r.list)].sort((a, b) => a - b) }, warning: r.warning };
      },
      writeKey: (k) => k.answer.map(optionLetter).join(', '),
    },
  }),
  text: defineKind({
    key: z.object({ accepted: z.array(z.string().min(1).max(500)).min(1) }),
    value: z.string().max(500),
    options: null,
    keyProblem: () => null,
    input: 'typed',
    keyForm: 'spellings',
    typed: { inputMode: 'text', placeholder: 'answer.textPlaceholder', parse: (raw) => raw.trim() || null },
    choices: noChoices,
    keyHasChoice: () => false,
    fits: (v) => v.trim().length > 0,
    judge: (k, v, textMatch) => {
      const given = normalizeAnswerText(v, textMatch);
      return k.accepted.some((a) => normalizeAnswerText(a, textMatch) === given);
    },
    same: (a, b) => a === b,
    distribution: 'verdicts',
    buckets: () => [],
    formatAnswer: (v) => v,
    formatKey: (k) => k.accepted.join(' / '),
    keyLabel: 'answer.accepted',
    unshuffle: null,
    shuffleAvoids: null,
    examples: { right: (k) => k.accepted[0], wrong: () => 'không biết', any: () => 'căn cước' },
    sheet: {
      words: ['Trả lời ngắn', 'tra loi ngan', 'dien tu', 'tu luan ngan', 'text', 'dien dap an'],
      readKey: (cell) => {
        const accepted = cell
          .split(/[;|\n]/)
          .map((a) => a.trim())
          .filter(Boolean);
        return { key: { accepted } };
      },
      writeKey: (k) => k.accepted.join('; '),
    },
  }),
  numeric: defineKind({
    key: z.object({ value: z.number().finite(), tolerance: z.number().min(0).default(0) }),
    value: z.number().finite(),
    options: null,
    keyProblem: () => null,
    input: 'typed',
    keyForm: 'number',
    typed: {
      inputMode: 'decimal',
      placeholder: 'answer.numberPlaceholder',
      parse: (raw) => {
        const text = raw.replace(/\s/g, '').replace(',', '.');
        const n = Number(text);
        return text && Number.isFinite(n) ? n : null;
      },
    },
    choices: noChoices,
    keyHasChoice: () => false,
    fits: (v) => Number.isFinite(v),
    // tiny epsilon so 0.1 + 0.2 style float noise does not flip a verdict at the tolerance edge
    judge: (k, v) => Math.abs(v - k.value) <= (k.tolerance ?? 0) + 1e-9,
    same: (a, b) => a === b,
    distribution: 'verdicts',
    buckets: () => [],
    formatAnswer: (v) => numberText(v),
    formatKey: (k, _o, t) =>
      k.tolerance > 0
        ? `${numberText(k.value)} (${t('answer.tolerance', { n: numberText(k.tolerance) })})`
        : numberText(k.value),
    keyLabel: 'answer.correctAnswer',
    unshuffle: null,
    shuffleAvoids: null,
    examples: { right: (k) => k.value, wrong: (k) => k.value + 1000 + k.tolerance, any: () => 12 },
    sheet: {
      words: ['Số', 'so', 'tra loi bang so', 'dien so', 'numeric', 'number', 'dang so'],
      readKey: (cell, _n, tolerance) => {
        const value = Number(cell.replace(/\s/g, '').replace(',', '.'));
        return Number.isFinite(value) && cell.trim()
          ? { key: { value, tolerance: tolerance ?? 0 } }
          : { error: `Đáp án "${cell}" không phải là số.` };
      },
      writeKey: (k) => String(k.value).replace('.', ','),
      tolerance: (k) => k.tolerance || null,
    },
  }),
  ordering: defineKind({
    // the key lists every option once, in the right order (options are authored in any other order)
    key: z.object({ order: z.array(optionIndex).min(3).max(5) }),
    value: z.array(optionIndex).max(26),
    options: { min: 3, max: 5 },
    // items already written in the right order would let an untouched answer win: the author scrambles them
    keyProblem: (k, n) =>
      !isOrderOf(k.order, n)
        ? 'order must name every option once'
        : k.order.every((item, at) => item === at)
          ? 'options must not already be in the right order'
          : null,
    input: 'order',
    keyForm: 'cell',
    // screens list the items with their letters; nothing is a "correct choice" on its own
    choices: optionChoices,
    keyHasChoice: () => false,
    fits: (v, n) => isOrderOf(v, n),
    // the whole order, or nothing
    judge: (k, v) => k.order.length === v.length && k.order.every((item, at) => v[at] === item),
    same: (a, b) => a.length === b.length && a.every((item, at) => b[at] === item),
    distribution: 'verdicts',
    buckets: () => [],
    formatAnswer: (v) => v.map(optionLetter).join(' → '),
    formatKey: (k) => k.order.map(optionLetter).join(' → '),
    keyLabel: 'answer.correctAnswer',
    unshuffle: eachMappedBack,
    shuffleAvoids: (k) => k.order,
    examples: {
      right: (k) => k.order.slice(),
      wrong: (k) => [k.order[1], k.order[0], ...k.order.slice(2)],
      any: (n) => [...Array(n).keys()],
    },
    sheet: {
      words: ['Sắp xếp thứ tự', 'sap xep thu tu', 'sap xep', 'thu tu', 'ordering'],
      readKey: (cell, n) => {
        const r = readLetters(cell, n);
        if ('error' in r) return r;
        return isOrderOf(r.list, n)
          ? { key: { order: r.list }, warning: r.warning }
          : {
              error: `Câu sắp xếp cần đủ ${n} phương án theo thứ tự đúng, mỗi phương án một lần (ví dụ: C, A, D, B).`,
            };
      },
      writeKey: (k) => k.order.map(optionLetter).join(', '),
    },
  }),
} as const;

// ------------------------------------------------------------------ what derives from it

export type Kinds = typeof KINDS;
export type QuestionKind = keyof Kinds;
export const QUESTION_KINDS = Object.keys(KINDS) as QuestionKind[];
type KeyOf<K extends QuestionKind> = z.output<Kinds[K]['key']>;
type ValueOf<K extends QuestionKind> = z.output<Kinds[K]['value']>;

/** the answer key of a question of kind K */
export type AnswerKeyOf<K extends QuestionKind> = { kind: K } & KeyOf<K>;
export type AnswerKey = { [K in QuestionKind]: AnswerKeyOf<K> }[QuestionKind];
/** an answer of any kind, e.g. single: option index; truefalse: boolean; multi and ordering: option indexes; text: string; numeric: number */
export type AnswerValue = { [K in QuestionKind]: ValueOf<K> }[QuestionKind];

/** the spec of a kind, typed loosely enough to call with values of unknown kind (they are checked first) */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyKindSpec = KindSpec<any, any>;
export const kindSpec = (kind: QuestionKind): AnyKindSpec => KINDS[kind];

/** vue-i18n key of a kind's label; every locale has one per kind (the message types check it) */
export const kindLabelKey = (kind: QuestionKind) => `kind.${kind}` as const;

export const questionKindSchema = z.enum(QUESTION_KINDS as [QuestionKind, ...QuestionKind[]]);

type KeySchemaOf<K extends QuestionKind> = z.ZodObject<
  { kind: z.ZodLiteral<K> } & z.ZodRawShape,
  'strip',
  z.ZodTypeAny,
  AnswerKeyOf<K>
>;
const keyShape = (kind: QuestionKind) => (KINDS[kind].key as unknown as z.AnyZodObject).shape;

/**
 * The key's field was called `correct` before it was `answer`. Files exported then (bank JSON, show
 * setups) still import: on input only, `correct` is read as `answer` for the kinds whose key has one,
 * unless `answer` is given too. Nothing is ever written with the old name.
 */
function withOldFieldName(input: unknown): unknown {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return input;
  const { kind } = input as { kind?: unknown };
  if (
    typeof kind !== 'string' ||
    !Object.hasOwn(KINDS, kind) ||
    !('answer' in keyShape(kind as QuestionKind))
  )
    return input;
  if (!Object.hasOwn(input, 'correct') || Object.hasOwn(input, 'answer')) return input;
  const { correct, ...rest } = input as Record<string, unknown>;
  return { ...rest, answer: correct };
}

/** every kind's key with its `kind` (the old field name `correct` accepted on input, see above) */
export const answerKeySchema = z.preprocess(
  withOldFieldName,
  z.discriminatedUnion(
    'kind',
    QUESTION_KINDS.map((kind) => z.object(keyShape(kind)).extend({ kind: z.literal(kind) })) as unknown as [
      KeySchemaOf<QuestionKind>,
      ...KeySchemaOf<QuestionKind>[],
    ],
  ),
) as unknown as z.ZodType<AnswerKey, z.ZodTypeDef, unknown>;

/** an answer of any kind, as it arrives at the edge (the question's kind then checks it with `fits`) */
export const answerValueSchema = z.union(
  QUESTION_KINDS.map((kind) => KINDS[kind].value) as unknown as [
    z.ZodType<AnswerValue>,
    z.ZodType<AnswerValue>,
    ...z.ZodType<AnswerValue>[],
  ],
) as z.ZodType<AnswerValue>;

// ------------------------------------------------------------------ questions of any kind

type Asked = { kind: QuestionKind; options?: readonly string[] };

/** the value has the shape the question's kind needs (a wrong answer still fits) */
export function answerFits(question: Asked, value: unknown): value is AnswerValue {
  const spec = kindSpec(question.kind);
  return spec.value.safeParse(value).success && spec.fits(value, question.options?.length ?? 0);
}

/** right or wrong; an answer that does not fit the question is wrong */
export function judgeAnswer(
  question: Asked & { key: AnswerKey },
  value: unknown,
  textMatch: TextMatchRules,
): boolean {
  if (question.key.kind !== question.kind || !answerFits(question, value)) return false;
  return kindSpec(question.kind).judge(question.key, value, textMatch);
}

/** the same answer to this question (a multi-select is a set; an ordering is a sequence) */
export function sameAnswer(
  kind: QuestionKind,
  a: AnswerValue | null | undefined,
  b: AnswerValue | null | undefined,
): boolean {
  if (a === null || a === undefined || b === null || b === undefined) return a === b;
  const spec = kindSpec(kind);
  if (!spec.value.safeParse(a).success || !spec.value.safeParse(b).success) return false;
  return spec.same(a, b);
}

/** every bucket at 0, so charts draw stable bars */
export function emptyDistribution(question: Asked): Record<string, number> {
  const spec = kindSpec(question.kind);
  return spec.distribution === 'choices'
    ? Object.fromEntries(spec.choices(question.options).map((c) => [c.key, 0]))
    : { correct: 0, wrong: 0 };
}

/** counts one answer into the caller's distribution; `verdict` is asked only by kinds counted by verdict */
export function countAnswer(
  dist: Record<string, number>,
  question: Asked,
  value: AnswerValue,
  verdict: () => boolean,
): void {
  const spec = kindSpec(question.kind);
  const bump = (k: string) => {
    dist[k] = (dist[k] ?? 0) + 1;
  };
  if (spec.distribution === 'verdicts') bump(verdict() ? 'correct' : 'wrong');
  else if (answerFits(question, value)) spec.buckets(value).forEach(bump);
}

/** may everyone see the counts in this phase? choice counts from the lock on, verdict counts from the reveal */
export const distributionDue = (kind: QuestionKind, phase: 'shown' | 'answering' | 'locked' | 'revealed') =>
  phase === 'revealed' || (phase === 'locked' && kindSpec(kind).distribution === 'choices');
