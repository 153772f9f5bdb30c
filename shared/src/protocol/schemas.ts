/** Payload schemas: the one validation layer for HTTP bodies and socket payloads. */
import { z } from 'zod';
import {
  answerKeySchema,
  answerValueSchema,
  kindSpec,
  questionKindSchema,
  type AnswerKey,
  type QuestionKind,
} from './kinds.ts';
import type { Media, Question, SeatInfo, ShowRules } from './model.ts';

export const seatNumber = z.number().int().min(1).max(500);
const seatList = z.array(seatNumber).max(500);

export const mediaSchema = z.object({
  type: z.enum(['image', 'audio', 'video']),
  url: z.string().min(1).max(2000),
}) satisfies z.ZodType<Media>;

/** the options a kind needs (none, or min..max), and a key that names only existing options */
export function checkKindFit(
  q: { kind: QuestionKind; options?: readonly string[]; key: AnswerKey },
  ctx: z.RefinementCtx,
): void {
  if (q.key.kind !== q.kind) {
    ctx.addIssue({ code: 'custom', message: 'key.kind must equal kind', path: ['key'] });
    return;
  }
  const spec = kindSpec(q.kind);
  if (spec.options && !q.options)
    ctx.addIssue({ code: 'custom', message: 'options required', path: ['options'] });
  if (!spec.options && q.options)
    ctx.addIssue({ code: 'custom', message: 'options not allowed', path: ['options'] });
  const n = q.options?.length ?? 0;
  if (spec.options && q.options && (n < spec.options.min || n > spec.options.max))
    ctx.addIssue({
      code: 'custom',
      message: `${spec.options.min} to ${spec.options.max} options`,
      path: ['options'],
    });
  const problem = spec.keyProblem(q.key, n);
  if (problem) ctx.addIssue({ code: 'custom', message: problem, path: ['key'] });
}

export const questionSchema = z
  .object({
    id: z.string().min(1).max(64),
    kind: questionKindSchema,
    pool: z.enum(['main', 'backup', 'tiebreak', 'rescue', 'golden']).default('main'),
    prompt: z.string().min(1).max(2000),
    options: z.array(z.string().min(1).max(500)).min(2).max(8).optional(),
    media: mediaSchema.optional(),
    timeLimitSec: z.number().int().min(3).max(600).default(15),
    topic: z.string().max(200).optional(),
    key: answerKeySchema,
    explanation: z.string().max(2000).optional(),
  })
  .superRefine(checkKindFit) satisfies z.ZodType<Question, z.ZodTypeDef, unknown>;

export const rulesSchema = z.object({
  noAnswerIsWrong: z.boolean(),
  allowAnswerChange: z.boolean(),
  lateGraceMs: z.number().int().min(0).max(5000),
  allWrongRule: z.enum(['nobody-eliminated', 'all-eliminated', 'tie-break']),
  autoRescue: z.object({
    whenStandingAtMost: z.number().int().min(0).nullable(),
    afterQuestionNumbers: z.array(z.number().int().min(1)),
  }),
  goldenBell: z.object({
    whenStandingAtMost: z.number().int().min(0),
    atQuestionNumber: z.number().int().min(1).nullable(),
  }),
  textMatch: z.object({
    ignoreCase: z.boolean(),
    collapseSpaces: z.boolean(),
    ignoreDiacritics: z.boolean(),
  }),
  tieBreakFastestWins: z.boolean(),
  prizes: z.object({
    first: z.number().int().min(0).max(20),
    second: z.number().int().min(0).max(20),
    third: z.number().int().min(0).max(20),
    consolation: z.number().int().min(0).max(100),
  }),
});
// both ways: a setting in ShowRules missing here (it would be silently dropped) or extra here fails to compile
type RulesFromSchema = z.infer<typeof rulesSchema>;
const rulesMatch: [ShowRules, RulesFromSchema] extends [RulesFromSchema, ShowRules] ? true : never = true;
void rulesMatch;

export const seatInfoSchema = z.object({
  seat: seatNumber,
  name: z.string().min(1).max(200),
  unit: z.string().max(200).optional(),
}) satisfies z.ZodType<SeatInfo>;

/** POST /api/shows */
export const createShowSchema = z.object({
  title: z.string().min(1).max(300),
  rules: rulesSchema.deepPartial().optional(),
  seatCount: z.number().int().min(1).max(500).optional(),
  seats: z.array(seatInfoSchema).max(500).optional(),
  questions: z.array(questionSchema).min(1).max(2000),
});

/** Host/judge commands. The socket event name is the `type`; every command carries the state version it was built on. */
const version = z.number().int().min(0);
export const hostCommandSchemas = {
  'show:start': z.object({ version }),
  'question:show': z.object({
    version,
    questionId: z.string().max(64).optional(),
    mode: z.enum(['main', 'rescue', 'golden', 'tiebreak']).default('main'),
    seats: seatList.optional(),
    hideOptions: z.boolean().default(false),
  }),
  'question:options': z.object({ version }),
  'question:open': z.object({ version }),
  'question:lock': z.object({ version }),
  'question:reveal': z.object({ version }),
  'question:swap': z.object({ version, backupId: z.string().max(64).optional() }),
  'show:pause': z.object({ version }),
  'show:resume': z.object({ version }),
  'rescue:apply': z.object({
    version,
    how: z.enum(['seats', 'all', 'since', 'hall-game']),
    seats: seatList.optional(),
    sinceQuestion: z.number().int().min(1).optional(),
  }),
  'verdict:revise': z.object({
    version,
    round: z.number().int().min(0),
    seat: seatNumber,
    correct: z.boolean(),
    reason: z.string().trim().min(3).max(1000),
  }),
  'show:finish': z.object({ version }),
  'prizes:confirm': z.object({
    version,
    awards: z.array(
      z.object({ prize: z.enum(['bell', 'first', 'second', 'third', 'consolation']), seats: seatList }),
    ),
  }),
  /** the pre-show rehearsal question (lobby only): start it, or cancel the one running */
  'preshow:rehearse': z.object({ version, action: z.enum(['start', 'cancel']) }),
  'seat:update': z.object({
    version,
    seat: seatNumber,
    name: z.string().min(1).max(200).optional(),
    unit: z.string().max(200).optional(),
  }),
} as const;

export type HostCommandName = keyof typeof hostCommandSchemas;
export const HOST_COMMAND_NAMES = Object.keys(hostCommandSchemas) as HostCommandName[];
/** judges may only rule on verdicts (and pause the show to do so) */
export const JUDGE_COMMAND_NAMES: HostCommandName[] = ['verdict:revise', 'show:pause'];

export type HostCommandPayload<N extends HostCommandName> = z.input<(typeof hostCommandSchemas)[N]>;
export type HostCommand = {
  [N in HostCommandName]: { type: N } & z.output<(typeof hostCommandSchemas)[N]>;
}[HostCommandName];

/** rounds of the show count from 0; a rehearsal question has a negative index (it is no round of the show) */
export const answerSubmitSchema = z.object({
  round: z.number().int().min(-Number.MAX_SAFE_INTEGER),
  value: answerValueSchema,
});
export const seatResetPinSchema = z.object({ seat: seatNumber });
export const auditRecentSchema = z.object({ limit: z.number().int().min(1).max(1000).default(100) });
export const takeoverDecideSchema = z.object({ requestId: z.string().min(1).max(64), approve: z.boolean() });

/** what the projector shows: the show itself, or a neutral scene between segments */
export const SCREEN_SCENES = ['live', 'logo', 'black', 'standby'] as const;
export const screenControlSchema = z.discriminatedUnion('action', [
  z.object({ action: z.literal('scene'), scene: z.enum(SCREEN_SCENES) }),
  /** a short chime on every big screen, to check the hall's sound before the show */
  z.object({ action: z.literal('sound-test') }),
]);

export const authSchema = z.discriminatedUnion('role', [
  // no pin: a signed-in staff member assigned to the show (session cookie), see docs/admin-api.md
  z.object({
    role: z.literal('host'),
    showId: z.string().min(1).max(64),
    pin: z.string().min(1).max(64).optional(),
    resumeToken: z.string().max(200).optional(),
  }),
  z.object({
    role: z.literal('judge'),
    showId: z.string().min(1).max(64),
    pin: z.string().min(1).max(64).optional(),
    resumeToken: z.string().max(200).optional(),
  }),
  z.object({
    role: z.literal('player'),
    showId: z.string().min(1).max(64),
    seat: seatNumber.optional(),
    pin: z.string().max(64).optional(),
    joinToken: z.string().max(200).optional(),
    /** from this device's last session (SessionInfo.resumeToken): back on the seat at once after a drop */
    resumeToken: z.string().max(200).optional(),
    /** the pending takeover this device asked for with the PIN (connect_error TAKEOVER_PENDING) */
    takeoverRequest: z.string().max(64).optional(),
  }),
  z.object({
    role: z.literal('screen'),
    showId: z.string().min(1).max(64),
    displayToken: z.string().min(1).max(200),
  }),
  z.object({
    role: z.literal('audience'),
    showId: z.string().min(1).max(64),
    name: z.string().trim().min(1).max(60).optional(),
    audienceId: z.string().max(64).optional(),
  }),
]);
export type AuthPayload = z.input<typeof authSchema>;
