/**
 * The organizers' workspace over HTTP (`/api/admin/…`): staff roles, the route table with the roles
 * each route allows, request schemas and response types. Server, host console, tests and
 * docs/admin-api.md all read the route table from here.
 */
import { z } from 'zod';
import type { AnswerKey, Media, QuestionKind, QuestionPool, ShowRules } from './model.ts';
import { questionKindSchema } from './kinds.ts';
import { mediaSchema, questionSchema, rulesSchema, seatNumber } from './schemas.ts';

/** admin = Ban Tổ chức (BTC), reviewer = thẩm định, mc, judge = Ban Giám khảo, secretary = Tổ thư ký */
export const STAFF_ROLES = ['admin', 'reviewer', 'mc', 'judge', 'secretary'] as const;
export type StaffRoleName = (typeof STAFF_ROLES)[number];

/** header a cookie-authenticated request that changes something must carry (the value from login or session) */
export const CSRF_HEADER = 'x-csrf-token';
export const SESSION_COOKIE = 'cv_session';

// ---------------------------------------------------------------- route table

export type AdminMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
/** 'public': anyone (sign-in, first run); 'signed-in': any staff account */
export type RouteAccess = 'public' | 'signed-in' | readonly StaffRoleName[];

export interface AdminRoute {
  method: AdminMethod;
  path: string;
  access: RouteAccess;
  summary: string;
}

const A = ['admin'] as const;
const BANK_READERS = ['admin', 'reviewer', 'secretary'] as const;
const RECORDS = ['admin', 'secretary'] as const;

/** every route under /api/admin, in the order docs/admin-api.md lists them */
export const ADMIN_ROUTES = [
  // sign-in
  { method: 'GET', path: '/api/admin/setup', access: 'public', summary: 'first run: is an account needed?' },
  {
    method: 'POST',
    path: '/api/admin/setup',
    access: 'public',
    summary: 'first run: create the first admin',
  },
  {
    method: 'POST',
    path: '/api/admin/login',
    access: 'public',
    summary: 'sign in (sets the session cookie)',
  },
  { method: 'POST', path: '/api/admin/logout', access: 'signed-in', summary: 'sign out' },
  { method: 'GET', path: '/api/admin/session', access: 'signed-in', summary: 'who am I, CSRF token' },
  { method: 'POST', path: '/api/admin/password', access: 'signed-in', summary: 'change my password' },
  { method: 'GET', path: '/api/admin/tokens', access: 'signed-in', summary: 'my API tokens' },
  { method: 'POST', path: '/api/admin/tokens', access: 'signed-in', summary: 'new API token (shown once)' },
  { method: 'DELETE', path: '/api/admin/tokens/:tokenId', access: 'signed-in', summary: 'revoke a token' },
  // accounts
  { method: 'GET', path: '/api/admin/accounts', access: A, summary: 'staff accounts' },
  { method: 'POST', path: '/api/admin/accounts', access: A, summary: 'new account' },
  { method: 'PATCH', path: '/api/admin/accounts/:accountId', access: A, summary: 'roles, name, disable' },
  {
    method: 'POST',
    path: '/api/admin/accounts/:accountId/password',
    access: A,
    summary: 'reset a password (signs the account out everywhere)',
  },
  { method: 'POST', path: '/api/admin/accounts/:accountId/unlock', access: A, summary: 'lift a lockout' },
  {
    method: 'GET',
    path: '/api/admin/settings',
    access: 'signed-in',
    summary: 'contest title, organizer, place',
  },
  { method: 'PUT', path: '/api/admin/settings', access: A, summary: 'change the contest settings' },
  // question bank
  { method: 'GET', path: '/api/admin/topics', access: 'signed-in', summary: 'topics of the bank' },
  { method: 'POST', path: '/api/admin/topics', access: A, summary: 'new topic' },
  { method: 'GET', path: '/api/admin/questions', access: BANK_READERS, summary: 'bank list (filters)' },
  { method: 'POST', path: '/api/admin/questions', access: A, summary: 'new question (draft)' },
  {
    method: 'GET',
    path: '/api/admin/questions/template.xlsx',
    access: BANK_READERS,
    summary: 'import template (Vietnamese headers)',
  },
  { method: 'GET', path: '/api/admin/questions/export', access: BANK_READERS, summary: 'XLSX or CSV export' },
  {
    method: 'POST',
    path: '/api/admin/questions/import',
    access: A,
    summary: 'XLSX/CSV import: all rows or none',
  },
  {
    method: 'GET',
    path: '/api/admin/questions/:questionId',
    access: BANK_READERS,
    summary: 'one question, every version',
  },
  {
    method: 'PUT',
    path: '/api/admin/questions/:questionId',
    access: A,
    summary: 'edit (a new version when approved)',
  },
  {
    method: 'DELETE',
    path: '/api/admin/questions/:questionId',
    access: A,
    summary: 'delete a never-approved question',
  },
  { method: 'POST', path: '/api/admin/questions/:questionId/submit', access: A, summary: 'send for review' },
  {
    method: 'POST',
    path: '/api/admin/questions/:questionId/approve',
    access: ['reviewer'],
    summary: 'approve',
  },
  {
    method: 'POST',
    path: '/api/admin/questions/:questionId/return',
    access: ['reviewer'],
    summary: 'return with a comment',
  },
  { method: 'POST', path: '/api/admin/media', access: A, summary: 'upload an image, audio or video' },
  // units, exclusions
  { method: 'GET', path: '/api/admin/units', access: RECORDS, summary: 'groups and units with headcount' },
  { method: 'POST', path: '/api/admin/units', access: RECORDS, summary: 'new unit (group created if new)' },
  { method: 'PATCH', path: '/api/admin/units/:unitId', access: RECORDS, summary: 'rename, headcount' },
  { method: 'DELETE', path: '/api/admin/units/:unitId', access: RECORDS, summary: 'delete a unit' },
  { method: 'GET', path: '/api/admin/units/template.xlsx', access: RECORDS, summary: 'import template' },
  { method: 'POST', path: '/api/admin/units/import', access: RECORDS, summary: 'XLSX/CSV import' },
  { method: 'GET', path: '/api/admin/exclusions', access: RECORDS, summary: 'exclusion list (CCCD)' },
  { method: 'POST', path: '/api/admin/exclusions', access: RECORDS, summary: 'add a person' },
  { method: 'DELETE', path: '/api/admin/exclusions/:idNumber', access: RECORDS, summary: 'remove a person' },
  { method: 'GET', path: '/api/admin/exclusions/template.xlsx', access: RECORDS, summary: 'import template' },
  { method: 'POST', path: '/api/admin/exclusions/import', access: RECORDS, summary: 'XLSX/CSV import' },
  // show builder
  {
    method: 'GET',
    path: '/api/admin/shows',
    access: ['admin', 'secretary', 'mc', 'judge'],
    summary: 'shows (MC/judge: those assigned to them)',
  },
  { method: 'POST', path: '/api/admin/shows', access: A, summary: 'new show plan' },
  { method: 'GET', path: '/api/admin/shows/:showId', access: RECORDS, summary: 'plan, staff, live stage' },
  { method: 'PUT', path: '/api/admin/shows/:showId', access: A, summary: 'title, rules, question slots' },
  {
    method: 'PUT',
    path: '/api/admin/shows/:showId/contestants',
    access: RECORDS,
    summary: 'seats before publishing',
  },
  {
    method: 'GET',
    path: '/api/admin/contestants/template.xlsx',
    access: RECORDS,
    summary: 'contestants import template',
  },
  {
    method: 'POST',
    path: '/api/admin/shows/:showId/contestants/import',
    access: RECORDS,
    summary: 'seats from XLSX/CSV',
  },
  { method: 'PUT', path: '/api/admin/shows/:showId/staff', access: A, summary: 'assign MCs and judges' },
  { method: 'POST', path: '/api/admin/shows/:showId/publish', access: A, summary: 'create the live show' },
  {
    method: 'GET',
    path: '/api/admin/shows/:showId/seat-cards',
    access: RECORDS,
    summary: 'seat PINs and QR links',
  },
  // results and records
  {
    method: 'GET',
    path: '/api/admin/shows/:showId/results',
    access: RECORDS,
    summary: 'standings and prizes',
  },
  {
    method: 'GET',
    path: '/api/admin/shows/:showId/export/:kind',
    access: RECORDS,
    summary: 'XLSX: standings, units, answers, audit, all',
  },
  {
    method: 'GET',
    path: '/api/admin/shows/:showId/certificates.pdf',
    access: RECORDS,
    summary: 'Giấy chứng nhận, one A4 page per prize winner',
  },
  // admin audit
  { method: 'GET', path: '/api/admin/audit', access: RECORDS, summary: 'admin audit with filters' },
  { method: 'GET', path: '/api/admin/audit/export', access: RECORDS, summary: 'admin audit as XLSX' },
  {
    method: 'GET',
    path: '/api/admin/audit.jsonl',
    access: RECORDS,
    summary: 'the whole admin audit with its hash chain, for npm run verify-audit',
  },
] as const satisfies readonly AdminRoute[];

type KeyOf<R> = R extends { method: infer M extends string; path: infer P extends string }
  ? `${M} ${P}`
  : never;
/** 'METHOD /api/admin/…' of each route of the table (and no other) */
export type AdminRouteKey = KeyOf<(typeof ADMIN_ROUTES)[number]>;

export function adminRoute(key: AdminRouteKey): AdminRoute {
  const found = ADMIN_ROUTES.find((r) => `${r.method} ${r.path}` === key);
  if (!found) throw new Error(`no admin route ${key}`);
  return found;
}

/** whether a staff member holding `roles` may use `access` */
export function mayAccess(access: RouteAccess, roles: readonly StaffRoleName[] | null): boolean {
  if (access === 'public') return true;
  if (!roles) return false;
  if (access === 'signed-in') return true;
  return access.some((r) => roles.includes(r));
}

// ---------------------------------------------------------------- accounts and sessions

const username = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9._-]{3,40}$/, 'tên đăng nhập gồm 3–40 ký tự a-z, 0-9, dấu chấm, gạch ngang, gạch dưới');
export const passwordSchema = z.string().min(10, 'mật khẩu cần ít nhất 10 ký tự').max(200);
const displayName = z.string().trim().min(1).max(120);
export const staffRolesSchema = z.array(z.enum(STAFF_ROLES)).min(1).max(STAFF_ROLES.length);

export const setupSchema = z.object({
  setupCode: z.string().trim().min(1).max(100),
  username,
  displayName,
  password: passwordSchema,
});
export const loginSchema = z.object({
  username: z.string().trim().toLowerCase().min(1).max(40),
  password: z.string().min(1).max(200),
});
export const changePasswordSchema = z.object({ current: z.string().min(1).max(200), next: passwordSchema });
export const createAccountSchema = z.object({
  username,
  displayName,
  roles: staffRolesSchema,
  password: passwordSchema,
});
export const updateAccountSchema = z
  .object({
    displayName: displayName.optional(),
    roles: staffRolesSchema.optional(),
    disabled: z.boolean().optional(),
  })
  .refine((v) => Object.keys(v).length > 0, 'nothing to change');
export const resetPasswordSchema = z.object({ password: passwordSchema });
export const createTokenSchema = z.object({ name: z.string().trim().min(1).max(80) });

export interface StaffAccount {
  accountId: string;
  username: string;
  displayName: string;
  roles: StaffRoleName[];
  disabled: boolean;
  /** set after an admin reset: the person should choose their own */
  mustChangePassword: boolean;
  lockedUntil: number | null;
  createdAt: number;
}

export interface SessionReply {
  account: StaffAccount;
  csrfToken: string;
  /** how this request was authenticated */
  via: 'session' | 'token' | 'bootstrap';
}

export interface ApiTokenInfo {
  tokenId: string;
  name: string;
  createdAt: number;
  lastUsedAt: number | null;
  revokedAt: number | null;
}

export const settingsSchema = z.object({
  contestTitle: z.string().trim().min(1).max(300),
  organizer: z.string().trim().min(1).max(200),
  place: z.string().trim().min(1).max(100),
  signerTitle: z.string().trim().min(1).max(120),
  signerName: z.string().trim().max(120),
});
export type ContestSettings = z.infer<typeof settingsSchema>;

// ---------------------------------------------------------------- question bank

export const DIFFICULTIES = ['easy', 'medium', 'hard'] as const;
export type Difficulty = (typeof DIFFICULTIES)[number];
export const QUESTION_STATUSES = ['draft', 'submitted', 'approved', 'returned', 'superseded'] as const;
export type QuestionStatus = (typeof QUESTION_STATUSES)[number];

/** what an author writes; the engine's rules for options and keys are checked through questionSchema */
export const bankContentSchema = z
  .object({
    topicId: z.string().min(1).max(40),
    kind: questionKindSchema,
    prompt: z.string().trim().min(1).max(2000),
    options: z.array(z.string().trim().min(1).max(500)).min(2).max(8).optional(),
    key: z.unknown(),
    media: mediaSchema.optional(),
    timeLimitSec: z.number().int().min(3).max(600).default(20),
    explanation: z.string().trim().max(2000).optional(),
    difficulty: z.enum(DIFFICULTIES).default('medium'),
    tags: z.array(z.string().trim().min(1).max(40)).max(20).default([]),
  })
  .transform((c, ctx) => {
    const checked = questionSchema.safeParse({ ...c, id: 'bank', pool: 'main' });
    if (!checked.success) {
      for (const issue of checked.error.issues)
        ctx.addIssue({ ...issue, code: 'custom', message: issue.message });
      return z.NEVER;
    }
    const { kind, prompt, options, key, media, timeLimitSec } = checked.data;
    return {
      topicId: c.topicId,
      kind,
      prompt,
      ...(options ? { options } : {}),
      key: key as AnswerKey,
      ...(media ? { media } : {}),
      timeLimitSec,
      ...(c.explanation ? { explanation: c.explanation } : {}),
      difficulty: c.difficulty,
      tags: c.tags,
    };
  });
export type BankContent = z.output<typeof bankContentSchema>;

export const editQuestionSchema = z.object({ rev: z.number().int().min(0), content: bankContentSchema });
export const reviewSchema = z.object({
  version: z.number().int().min(1),
  comment: z.string().trim().max(2000).optional(),
});
export const returnSchema = z.object({
  version: z.number().int().min(1),
  comment: z.string().trim().min(3, 'cần ghi rõ lý do trả lại').max(2000),
});
export const questionListQuery = z.object({
  status: z.enum(QUESTION_STATUSES).optional(),
  topicId: z.string().max(40).optional(),
  kind: questionKindSchema.optional(),
  q: z.string().max(200).optional(),
  approvedOnly: z.enum(['1', 'true']).optional(),
});
export const createTopicSchema = z.object({ name: z.string().trim().min(1).max(200) });

export interface Topic {
  topicId: string;
  name: string;
  order: number;
}

export interface ReviewEvent {
  at: number;
  by: string;
  byName: string;
  action: 'created' | 'edited' | 'submitted' | 'approved' | 'returned';
  version: number;
  comment?: string;
}

export interface BankQuestionVersion {
  version: number;
  status: QuestionStatus;
  content: BankContent;
  createdBy: string;
  createdAt: number;
  reviewedBy?: string;
  reviewedAt?: number;
  reviewComment?: string;
}

export interface BankQuestionDetail {
  questionId: string;
  rev: number;
  versions: BankQuestionVersion[];
  history: ReviewEvent[];
  /** other questions with the same normalised text */
  duplicateOf: string[];
  createdAt: number;
  updatedAt: number;
}

/** one line of the bank list: the newest version, and which version is usable */
export interface BankQuestionRow {
  questionId: string;
  rev: number;
  version: number;
  status: QuestionStatus;
  approvedVersion: number | null;
  topicId: string;
  kind: QuestionKind;
  prompt: string;
  difficulty: Difficulty;
  tags: string[];
  duplicateOf: string[];
  updatedAt: number;
  /** the latest comment of a reviewer who returned it */
  reviewComment?: string;
}

// ---------------------------------------------------------------- imports

export interface ImportProblem {
  /** 1-based row in the sheet as Excel shows it (the header is row 1) */
  row: number;
  column?: string;
  message: string;
}

export interface ImportReport {
  /** false = nothing was written */
  imported: boolean;
  rows: number;
  created: number;
  updated: number;
  errors: ImportProblem[];
  warnings: ImportProblem[];
}

// ---------------------------------------------------------------- units and exclusions

export const unitInputSchema = z.object({
  groupName: z.string().trim().min(1).max(200),
  name: z.string().trim().min(1).max(200),
  headcount: z.number().int().min(0).max(10_000_000).nullable().default(null),
});
export const unitPatchSchema = z
  .object({
    name: z.string().trim().min(1).max(200).optional(),
    headcount: z.number().int().min(0).max(10_000_000).nullable().optional(),
  })
  .refine((v) => Object.keys(v).length > 0, 'nothing to change');

export interface UnitGroupInfo {
  groupId: string;
  name: string;
  order: number;
}
export interface UnitInfo {
  unitId: string;
  groupId: string;
  name: string;
  headcount: number | null;
  order: number;
}

/** CCCD 12 digits or CMND 9 digits */
export const idNumberSchema = z
  .string()
  .trim()
  .regex(/^(\d{9}|\d{12})$/, 'CCCD gồm 12 chữ số (CMND cũ: 9 chữ số)');
export const phoneSchema = z
  .string()
  .trim()
  .regex(/^0\d{9}$/, 'số điện thoại gồm 10 chữ số, bắt đầu bằng 0');
export const exclusionInputSchema = z.object({
  idNumber: idNumberSchema,
  name: z.string().trim().min(1).max(200),
  role: z.string().trim().max(200).default(''),
  phone: phoneSchema.optional(),
});
export type ExclusionEntry = z.output<typeof exclusionInputSchema> & { addedAt: number };

// ---------------------------------------------------------------- show builder

export const SLOT_POOLS = [
  'main',
  'backup',
  'tiebreak',
  'rescue',
  'golden',
] as const satisfies readonly QuestionPool[];

export const slotSchema = z.object({
  pool: z.enum(SLOT_POOLS),
  questionId: z.string().min(1).max(40),
  version: z.number().int().min(1),
  timeLimitSec: z.number().int().min(3).max(600),
});
export type ShowSlot = z.infer<typeof slotSchema>;

export const createPlanSchema = z.object({
  title: z.string().trim().min(1).max(300),
  showId: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]{1,39}$/, 'mã chương trình: chữ thường không dấu, số, gạch ngang')
    .optional(),
});
export const updatePlanSchema = z.object({
  rev: z.number().int().min(0),
  title: z.string().trim().min(1).max(300),
  seatCount: z.number().int().min(1).max(500),
  rules: rulesSchema,
  slots: z.array(slotSchema).max(2000),
});
export const contestantSchema = z.object({
  seat: seatNumber,
  name: z.string().trim().min(1).max(200),
  unit: z.string().trim().max(200).optional(),
  /** YYYY-MM-DD */
  birthDate: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .optional(),
  phone: phoneSchema.optional(),
});
export const contestantsSchema = z.object({
  rev: z.number().int().min(0),
  contestants: z.array(contestantSchema).max(500),
});
export const staffAssignmentSchema = z.object({
  mc: z.array(z.string().min(1).max(40)).max(20),
  judge: z.array(z.string().min(1).max(40)).max(20),
});
export type StaffAssignment = z.infer<typeof staffAssignmentSchema>;

export interface ShowPlanInfo {
  showId: string;
  rev: number;
  title: string;
  status: 'draft' | 'published';
  seatCount: number;
  rules: ShowRules;
  slots: ShowSlot[];
  contestants: z.infer<typeof contestantSchema>[];
  staff: StaffAssignment;
  createdAt: number;
  updatedAt: number;
  publishedAt: number | null;
  /** the live show's stage once published (null for a draft) */
  stage: 'lobby' | 'running' | 'finished' | null;
}

/** a show as the list shows it (plans and shows created by the API alike) */
export interface ShowListRow {
  showId: string;
  title: string;
  status: 'draft' | 'published';
  stage: 'lobby' | 'running' | 'finished' | null;
  seatCount: number;
  questionCount: number;
  /** the caller's roles on this show's console */
  myRoles: ('mc' | 'judge')[];
}

export const EXPORT_KINDS = ['standings', 'units', 'answers', 'audit', 'all'] as const;
export type ExportKind = (typeof EXPORT_KINDS)[number];

// ---------------------------------------------------------------- admin audit

export interface AdminAuditEntry {
  scope: string;
  /** 1, 2, 3… within its scope, without gaps */
  seq: number;
  at: number;
  actorId: string | null;
  actorName: string;
  via: 'session' | 'token' | 'bootstrap' | 'system';
  action: string;
  target: string;
  before: unknown;
  after: unknown;
}

export const auditQuerySchema = z.object({
  scope: z.string().max(80).optional(),
  actor: z.string().max(80).optional(),
  action: z.string().max(80).optional(),
  from: z.coerce.number().int().min(0).optional(),
  to: z.coerce.number().int().min(0).optional(),
  limit: z.coerce.number().int().min(1).max(10_000).default(500),
});

export type { Media };
