/**
 * Online rounds (thi trực tuyến): the HTTP types candidates, the public pages, the portal and the
 * organizers' admin see. Types and constants only — no runtime dependency — so the candidate site's
 * bundle stays small; the zod schemas that check these payloads live in `online-schemas.ts`.
 *
 * Times are epoch milliseconds; the contest's clock is Asia/Ho_Chi_Minh (UTC+7, no daylight saving),
 * whatever the server's own time zone.
 */
import type { AnswerValue, QuestionKind } from './model.ts';

// ————— errors —————

/**
 * Error codes of the online routes, listed once with their HTTP status. Candidate-facing messages are
 * Vietnamese; UIs translate the code.
 */
export const ONLINE_ERRORS = {
  BAD_REQUEST: 400, // payload failed schema validation
  INVALID_FIELDS: 422, // registration fields failed; `fields` says which and why
  UNAUTHORIZED: 401, // no / expired candidate session, or no staff credentials
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  ROUND_NOT_FOUND: 404,
  ATTEMPT_NOT_FOUND: 404,
  CANDIDATE_NOT_FOUND: 404, // CCCD + phone match no registration
  ALREADY_REGISTERED: 409, // this CCCD or phone is registered already
  EXCLUDED: 403, // on the exclusion list (BTC, BGK, Tổ thư ký, helpers)
  ROUND_NOT_OPEN: 409, // before opening or after closing
  ATTEMPT_LIMIT_DAY: 409, // no attempt left today (local day in Việt Nam)
  ATTEMPT_LIMIT_ROUND: 409, // no attempt left in this round
  ATTEMPT_CLOSED: 409, // the attempt was submitted already (by the candidate or at the deadline)
  ATTEMPT_LATE: 409, // past the deadline plus grace: refused, the attempt is submitted with what was saved
  ANSWER_INVALID: 422, // the value does not fit the question
  POW_REQUIRED: 400, // the bot check is missing
  POW_INVALID: 400, // the bot check is wrong, expired or used already
  ROUND_LOCKED: 409, // a setting that may not change once the round opened
  POOL_TOO_SMALL: 422, // a topic has fewer approved questions than its quota
  RESULTS_NOT_READY: 409, // results not computed / confirmed / published yet
  STALE_VERSION: 409, // the round changed since the admin loaded it
  REASON_REQUIRED: 400,
  RATE_LIMITED: 429,
  STORAGE_FAILED: 503,
  INTERNAL: 500,
} as const;
export type OnlineErrorCode = keyof typeof ONLINE_ERRORS;

export interface FieldProblem {
  field: RegistrationField;
  code: FieldProblemCode;
  /** Vietnamese, ready to show */
  message: string;
}

export interface OnlineError {
  code: OnlineErrorCode;
  message: string;
  /** INVALID_FIELDS only */
  fields?: FieldProblem[];
}
export type OnlineResult<T> = { ok: true; data: T } | { ok: false; error: OnlineError };

// ————— registration —————

export type FieldMode = 'off' | 'optional' | 'required';
export const REGISTRATION_FIELDS = [
  'fullName',
  'birth',
  'idNumber',
  'phone',
  'gender',
  'unitId',
  'district',
  'commune',
  'occupation',
] as const;
export type RegistrationField = (typeof REGISTRATION_FIELDS)[number];

/** the fields a deployment asks for; full name, CCCD and phone are always required (identity) */
export interface RegistrationForm {
  birth: { mode: FieldMode; precision: 'date' | 'year' };
  gender: FieldMode;
  unitId: FieldMode;
  district: FieldMode;
  commune: FieldMode;
  occupation: FieldMode;
}

export const DEFAULT_REGISTRATION_FORM: RegistrationForm = {
  birth: { mode: 'required', precision: 'year' },
  gender: 'optional',
  unitId: 'required',
  district: 'optional',
  commune: 'off',
  occupation: 'optional',
};

export type Gender = 'male' | 'female';

/** what the form posts: raw, as people type it; the server normalises */
export interface RegistrationInput {
  fullName: string;
  idNumber: string;
  phone: string;
  birth?: string;
  gender?: Gender;
  unitId?: string;
  district?: string;
  commune?: string;
  occupation?: string;
}

export const FIELD_PROBLEMS = [
  'REQUIRED',
  'TOO_LONG',
  'NAME_INVALID',
  'ID_INVALID',
  'PHONE_INVALID',
  'BIRTH_INVALID',
  'BIRTH_ID_MISMATCH',
  'GENDER_ID_MISMATCH',
  'UNIT_UNKNOWN',
  'NOT_ASKED',
] as const;
export type FieldProblemCode = (typeof FIELD_PROBLEMS)[number];

/** Vietnamese messages for field problems: the server sends them, the candidate site shows them */
export const FIELD_PROBLEM_VI: Record<FieldProblemCode, string> = {
  REQUIRED: 'Vui lòng nhập thông tin này.',
  TOO_LONG: 'Thông tin quá dài.',
  NAME_INVALID: 'Họ và tên chỉ gồm chữ cái và khoảng trắng, ít nhất hai từ.',
  ID_INVALID: 'Số CCCD gồm 12 chữ số (hoặc CMND cũ 9 chữ số).',
  PHONE_INVALID: 'Số điện thoại gồm 10 chữ số, bắt đầu bằng 0 (ví dụ 0912 345 678).',
  BIRTH_INVALID: 'Ngày sinh không hợp lệ (ngày/tháng/năm, hoặc năm sinh).',
  BIRTH_ID_MISMATCH: 'Năm sinh không khớp với số CCCD. Vui lòng kiểm tra lại.',
  GENDER_ID_MISMATCH: 'Giới tính không khớp với số CCCD. Vui lòng kiểm tra lại.',
  UNIT_UNKNOWN: 'Vui lòng chọn đơn vị trong danh sách.',
  NOT_ASKED: 'Cuộc thi không hỏi thông tin này.',
};

export interface UnitOption {
  unitId: string;
  name: string;
}
export interface UnitGroupOption {
  groupId: string;
  groupName: string;
  units: UnitOption[];
}

/** GET /api/online/form */
export interface RegistrationFormView {
  title: string;
  form: RegistrationForm;
  units: UnitGroupOption[];
}

/** a candidate as they see themselves (CCCD and phone masked) */
export interface CandidateSelf {
  candidateId: string;
  fullName: string;
  idMasked: string;
  phoneMasked: string;
  unitName: string | null;
}

/** POST /api/online/register and POST /api/online/login */
export interface SessionGrant {
  token: string;
  expiresAt: number;
  candidate: CandidateSelf;
}

// ————— bot check (ALTCHA-compatible proof of work, no outside service) —————

/** GET /api/online/challenge */
export interface PowChallenge {
  algorithm: 'SHA-256';
  /** hex SHA-256 of salt + number */
  challenge: string;
  maxnumber: number;
  salt: string;
  signature: string;
}
/** what the client sends back (base64 of its JSON in the `pow` field of the request) */
export interface PowSolution {
  algorithm: 'SHA-256';
  challenge: string;
  number: number;
  salt: string;
  signature: string;
}

// ————— rounds —————

export type CountedAttempt = 'best' | 'first' | 'latest';
export type PredictionTarget = 'participants' | 'perfect';
export type CollectiveBasis = 'participants' | 'rate' | 'average';
export type RoundPhase = 'upcoming' | 'open' | 'closed';
export type ResultsStatus = 'pending' | 'proposed' | 'confirmed' | 'published';

export interface TopicQuota {
  topicId: string;
  count: number;
}

export interface IndividualPrizeCounts {
  first: number;
  second: number;
  third: number;
  consolation: number;
}
export interface CollectivePrizeCounts {
  first: number;
  second: number;
  third: number;
}
export type IndividualPrize = keyof IndividualPrizeCounts;
export type CollectivePrize = keyof CollectivePrizeCounts;

/** what the BTC sets for a round (admin POST/PUT body, after defaults) */
export interface RoundSettings {
  title: string;
  /** rules shown on the landing page (plain text, paragraphs separated by blank lines) */
  description: string;
  opensAt: number;
  closesAt: number;
  quotas: TopicQuota[];
  timeLimitSec: number;
  /** null = no daily limit; days are local days in Việt Nam */
  attemptsPerDay: number | null;
  /** null = no limit per round */
  attemptsPerRound: number | null;
  counted: CountedAttempt;
  /** null = no prediction question */
  prediction: { prompt: string; target: PredictionTarget } | null;
  prizes: {
    individual: IndividualPrizeCounts;
    collective: CollectivePrizeCounts;
    collectiveBy: CollectiveBasis;
  };
  visibility: {
    /** right after submitting: nothing, or the score (correct answers and time) */
    afterSubmit: 'nothing' | 'score';
    /** once results are published: the score only, or rank and prize as well */
    afterClose: 'score' | 'full';
  };
}

/** settings that may no longer change once the round has opened (fairness between early and late candidates) */
export const LOCKED_WHEN_OPEN = [
  'opensAt',
  'quotas',
  'timeLimitSec',
  'attemptsPerDay',
  'attemptsPerRound',
  'counted',
  'prediction',
] as const satisfies readonly (keyof RoundSettings)[];

/** GET /api/online/rounds, /api/online/rounds/:id */
export interface RoundPublic {
  roundId: string;
  title: string;
  description: string;
  opensAt: number;
  closesAt: number;
  /** "2023-11-01T08:00" in Việt Nam time, for display without a time-zone library */
  opensAtLocal: string;
  closesAtLocal: string;
  phase: RoundPhase;
  questionCount: number;
  timeLimitSec: number;
  attemptsPerDay: number | null;
  attemptsPerRound: number | null;
  counted: CountedAttempt;
  prediction: { prompt: string; target: PredictionTarget } | null;
  prizes: RoundSettings['prizes'];
  /** candidates with at least one attempt (live counter) */
  participants: number;
  resultsPublished: boolean;
  serverNow: number;
}

// ————— attempts —————

/** a question as a candidate sees it: options in this attempt's own order, no id, no key */
export interface AttemptQuestion {
  kind: QuestionKind;
  prompt: string;
  options?: string[];
  media?: { type: 'image' | 'audio' | 'video'; url: string };
}

export interface AttemptScore {
  correct: number;
  total: number;
  durationMs: number;
  submittedAt: number;
  /** submitted by the server at the deadline */
  auto: boolean;
}

/** POST /api/online/rounds/:id/attempts, GET /api/online/attempts/:id */
export interface AttemptView {
  attemptId: string;
  roundId: string;
  /** 1-based number of this attempt in the round for this candidate */
  number: number;
  status: 'open' | 'submitted';
  startedAt: number;
  /** epoch ms; the server accepts answers until deadline + grace */
  deadline: number;
  serverNow: number;
  questions: AttemptQuestion[];
  prediction: { prompt: string } | null;
  /** saved answers, index-aligned with questions (single/multi: indexes in this attempt's order) */
  answers: (AnswerValue | null)[];
  predictionValue: number | null;
  /** when submitted and the round shows scores after submitting */
  score: AttemptScore | null;
}

/** PUT /api/online/attempts/:id/answers body: one answer, or the prediction */
export type AutosaveInput = { index: number; value: AnswerValue | null } | { prediction: number | null };
export interface AutosaveAck {
  savedAt: number;
  deadline: number;
}

/** GET /api/online/me: the candidate and their attempts per round */
export interface CandidateRoundStatus {
  roundId: string;
  attemptsUsed: number;
  attemptsToday: number;
  openAttemptId: string | null;
  attempts: { attemptId: string; number: number; status: 'open' | 'submitted'; score: AttemptScore | null }[];
  /** after publication, with afterClose = 'full'; a voided result has no rank */
  standing: { rank: number | null; prize: IndividualPrize | null; voided: boolean } | null;
}
export interface CandidateHome {
  candidate: CandidateSelf;
  rounds: CandidateRoundStatus[];
  serverNow: number;
}

// ————— results —————

export interface RankedCandidate {
  /** 1-based position in the ordered list (unique) */
  position: number;
  /** 1-based rank; equal rank = a tie on every criterion */
  rank: number;
  tied: boolean;
  candidateId: string;
  attemptId: string;
  correct: number;
  prediction: number | null;
  /** |prediction − actual|; null without a prediction (ranks after every prediction) */
  distance: number | null;
  durationMs: number;
  submittedAt: number;
  prize: IndividualPrize | null;
}

export interface CollectiveRow {
  rank: number;
  tied: boolean;
  unitId: string;
  unitName: string;
  groupName: string;
  participants: number;
  headcount: number | null;
  /** participants / headcount; null without a headcount */
  rate: number | null;
  /** mean correct answers of the participants' counted attempts; null without participants */
  average: number | null;
  prize: CollectivePrize | null;
}

export interface RoundStats {
  registered: number;
  participants: number;
  attempts: number;
  /** candidates whose counted attempt has every answer right */
  perfect: number;
  averageCorrect: number | null;
}

/** what the public results page, the JSON feed and the widget show */
export interface PublicWinner {
  prize: IndividualPrize;
  rank: number;
  fullName: string;
  unitName: string | null;
  district: string | null;
  phoneMasked: string;
  correct: number;
  total: number;
  prediction: number | null;
  durationMs: number;
}

export interface PublicResults {
  roundId: string;
  title: string;
  publishedAt: number;
  questionCount: number;
  prediction: { prompt: string; target: PredictionTarget; actual: number } | null;
  stats: RoundStats;
  winners: PublicWinner[];
  collectiveBy: CollectiveBasis;
  collective: CollectiveRow[];
}

// ————— admin —————

export interface PrizeConfirmation {
  by: string;
  at: number;
  note: string;
}

export interface ResultsState {
  status: ResultsStatus;
  /** frozen at close (participants or perfect scores); null while open */
  actual: number | null;
  computedAt: number | null;
  /** the pure ranking of the round's attempts, and the whole computation (reading included) */
  rankingMs: number | null;
  computeMs: number | null;
  /** a tie straddles a prize boundary: the BTC must decide (shared prize or tie-break) */
  warnings: string[];
  confirmation: PrizeConfirmation | null;
  publication: { by: string; at: number } | null;
}

export interface RoundAdmin extends RoundPublic {
  settings: RoundSettings;
  version: number;
  createdAt: number;
  poolSize: Record<string, number>;
  results: ResultsState;
}

export interface DashboardQuestion {
  /** position in the round's pool */
  poolIndex: number;
  questionId: string;
  topicId: string;
  prompt: string;
  shown: number;
  correct: number;
}
export interface DashboardUnit {
  unitId: string;
  unitName: string;
  groupName: string;
  participants: number;
  headcount: number | null;
}
export interface RoundDashboard {
  roundId: string;
  phase: RoundPhase;
  serverNow: number;
  registered: number;
  participants: number;
  attempts: number;
  openAttempts: number;
  submitted: number;
  units: DashboardUnit[];
  questions: DashboardQuestion[];
}

export interface RankingPage {
  total: number;
  offset: number;
  rows: (RankedCandidate & {
    fullName: string;
    unitName: string | null;
    idNumber: string;
    phone: string;
  })[];
}

export interface VoidRecord {
  candidateId: string;
  reason: string;
  by: string;
  at: number;
}

export interface OnlineAuditEntry {
  seq: number;
  at: number;
  actor: string;
  action: string;
  roundId: string | null;
  detail: Record<string, unknown>;
  /** its link in the hash chain of its round's audit (docs/audit.md); absent for entries older than chaining */
  hash?: string | null;
}
