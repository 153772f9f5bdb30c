/** zod schemas of the online routes: the one check of every body, query and param (limits documented in docs/online.md). */
import { z } from 'zod';
import { z as z4 } from 'zod/v4';
import type {
  AutosaveInput,
  RegistrationForm,
  RegistrationInput,
  RoundSettings,
  TopicQuota,
} from './online.ts';
import type { AnswerValue } from './model.ts';

const fieldMode = z.enum(['off', 'optional', 'required']);
const text = (max: number) => z.string().max(max);

export const registrationFormSchema = z.object({
  birth: z.object({ mode: fieldMode, precision: z.enum(['date', 'year']) }),
  gender: fieldMode,
  unitId: fieldMode,
  district: fieldMode,
  commune: fieldMode,
  occupation: fieldMode,
}) satisfies z.ZodType<RegistrationForm>;

/** raw input: lengths are capped generously here; what each field must look like is the registration rule's job */
export const registrationInputSchema = z.object({
  fullName: text(300),
  idNumber: text(64),
  phone: text(64),
  birth: text(64).optional(),
  gender: z.enum(['male', 'female']).optional(),
  unitId: text(128).optional(),
  district: text(300).optional(),
  commune: text(300).optional(),
  occupation: text(300).optional(),
}) satisfies z.ZodType<RegistrationInput>;

/** the bot check travels as base64 of the solution's JSON */
const pow = z.string().min(1).max(2000);

export const registerBodySchema = registrationInputSchema.extend({ pow });
export const loginBodySchema = z.object({ idNumber: text(64), phone: text(64) });
export const startAttemptBodySchema = z.object({ pow });

/**
 * An answer's shape (the same limits as the show's answerValueSchema: a finite number, a boolean,
 * up to 26 option indexes 0–25, or text up to 500 characters), checked in one step: the autosave is
 * the hottest route of a deadline day, and a union of four schemas builds an issue per miss.
 */
const isAnswerValue = (v: unknown): v is AnswerValue =>
  (typeof v === 'number' && Number.isFinite(v)) ||
  typeof v === 'boolean' ||
  (typeof v === 'string' && v.length <= 500) ||
  (Array.isArray(v) && v.length <= 26 && v.every((i) => Number.isInteger(i) && i >= 0 && i <= 25));
const ANSWER_MESSAGE = 'an answer is a number, a boolean, option indexes (0–25) or text (≤ 500 characters)';
export const answerValue = z.custom<AnswerValue>(isAnswerValue, { message: ANSWER_MESSAGE });

// The autosave body is checked by zod's v4 engine, shipped in the same package: on the hottest route
// of a deadline day v3 spent about 3 µs per body, v4 about 0.5.
const answerSave = z4.strictObject({
  index: z4.number().int().min(0).max(199),
  value: z4.custom<AnswerValue>(isAnswerValue, { message: ANSWER_MESSAGE }).nullable(),
});
const predictionSave = z4.strictObject({
  prediction: z4.number().int().min(0).max(1_000_000_000).nullable(),
});

/**
 * One answer or the prediction. The body's own `prediction` key picks the schema instead of a union
 * trying both: a union builds the issues of every miss, and its refusal said only "Invalid input"
 * where the chosen schema names the field.
 */
export const autosaveBodySchema = {
  safeParse(value: unknown): z4.ZodSafeParseResult<AutosaveInput> {
    const isPrediction = typeof value === 'object' && value !== null && Object.hasOwn(value, 'prediction');
    return (isPrediction ? predictionSave : answerSave).safeParse(value);
  },
};

export const submitBodySchema = z
  .object({
    /** answers not yet autosaved may ride along (same rules as autosave) */
    answers: z
      .array(z.object({ index: z.number().int().min(0).max(199), value: answerValue.nullable() }))
      .max(200)
      .optional(),
    prediction: z.number().int().min(0).max(1_000_000_000).nullable().optional(),
  })
  .default({});

/** the `:id` of a route (v4 like the autosave body: it is checked on every autosave too) */
export const idParam = z4.object({ id: z4.string().min(1).max(64) });

const prizeCount = (max: number) => z.number().int().min(0).max(max);

/**
 * Times are epoch ms, or a local date-time "YYYY-MM-DDTHH:mm[:ss]" read in Việt Nam time
 * (an ISO string with an explicit offset or Z is taken as written).
 */
export const instantSchema = z.union([z.number().int().min(0).max(8_640_000_000_000), z.string().max(40)]);

const quotaSchema = z.object({
  topicId: z.string().min(1).max(128),
  count: z.number().int().min(1).max(100),
}) satisfies z.ZodType<TopicQuota>;

export const roundSettingsSchema = z.object({
  title: z.string().trim().min(1).max(200),
  description: z.string().max(20_000).default(''),
  opensAt: instantSchema,
  closesAt: instantSchema,
  quotas: z.array(quotaSchema).min(1).max(30),
  timeLimitSec: z
    .number()
    .int()
    .min(10)
    .max(6 * 3600),
  attemptsPerDay: z.number().int().min(1).max(100).nullable().default(null),
  attemptsPerRound: z.number().int().min(1).max(1000).nullable().default(null),
  counted: z.enum(['best', 'first', 'latest']).default('best'),
  prediction: z
    .object({
      prompt: z.string().trim().min(1).max(1000),
      target: z.enum(['participants', 'perfect']),
    })
    .nullable()
    .default(null),
  prizes: z
    .object({
      individual: z.object({
        first: prizeCount(50),
        second: prizeCount(50),
        third: prizeCount(50),
        consolation: prizeCount(500),
      }),
      collective: z.object({ first: prizeCount(50), second: prizeCount(50), third: prizeCount(50) }),
      collectiveBy: z.enum(['participants', 'rate', 'average']),
    })
    .default({
      individual: { first: 1, second: 1, third: 1, consolation: 2 },
      collective: { first: 1, second: 1, third: 1 },
      collectiveBy: 'rate',
    }),
  visibility: z
    .object({
      afterSubmit: z.enum(['nothing', 'score']),
      afterClose: z.enum(['score', 'full']),
    })
    .default({ afterSubmit: 'score', afterClose: 'full' }),
});
/** the schema's output before instants are resolved to epoch ms */
export type RoundSettingsInput = z.output<typeof roundSettingsSchema>;
// the settings schema stays tied to the type: a field added to one and not the other fails to compile
type _SameKeys = [keyof RoundSettingsInput] extends [keyof RoundSettings]
  ? [keyof RoundSettings] extends [keyof RoundSettingsInput]
    ? true
    : never
  : never;
export const roundSettingsKeysMatch: _SameKeys = true;

/** PUT /api/online/admin/rounds/:id: every setting optional, plus the version the admin edited */
export const roundPatchSchema = roundSettingsSchema
  .partial()
  .extend({ version: z.number().int().min(0) })
  .strict();

export const onlineSettingsSchema = z.object({
  title: z.string().trim().min(1).max(300),
  form: registrationFormSchema,
});

export const reasonBodySchema = z.object({ reason: z.string().trim().min(3).max(1000) });
/** void / restore: a missing or too short reason is REASON_REQUIRED, not a schema error */
export const voidBodySchema = z.object({ reason: z.string().trim().max(1000).default('') });
export const confirmBodySchema = z.object({ note: z.string().max(1000).default('') });

export const rankingQuerySchema = z.object({
  offset: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export const exportQuerySchema = z.object({ kind: z.enum(['ranking', 'units']).default('ranking') });
export const candidateQuerySchema = z.object({ q: z.string().trim().min(3).max(64) });
