/** Every error code the server can answer with, listed once. Messages are for logs; UIs translate codes. */
export const ERROR_CODES = [
  'BAD_REQUEST', // payload failed schema validation
  'UNKNOWN_EVENT',
  'UNAUTHORIZED', // missing/wrong credentials
  'FORBIDDEN', // role may not do this
  'NOT_FOUND',
  'SHOW_NOT_FOUND',
  'SHOW_UNAVAILABLE', // the show's history could not be recovered at start (see GET /api/health)
  'STALE_VERSION', // command built on an old state version
  'WRONG_STAGE', // e.g. show not started / already finished
  'WRONG_PHASE', // e.g. lock while not answering
  'PAUSED',
  'NO_ROUND',
  'QUESTION_NOT_FOUND',
  'QUESTION_USED',
  'NOT_BACKUP',
  'SEAT_NOT_FOUND',
  'SEAT_NOT_ELIGIBLE', // eliminated / not in tie-break / not eliminated for a rescue question
  'ANSWER_LATE',
  'ANSWER_LOCKED', // already answered and changes are not allowed
  'ANSWER_INVALID', // value does not fit the question type
  'ROUND_MISMATCH', // answer aimed at another round than the current one
  'REASON_REQUIRED',
  'INVALID_SEATS',
  'TAKEN_OVER', // another device logged in on this seat
  'RATE_LIMITED', // too many requests, or too many failed sign-ins from this address: wait
  'LOCKED', // this PIN's sign-in is paused after too many wrong PINs (QR card / new PIN still work)
  'TAKEOVER_PENDING', // the seat's tablet is connected: the MC must approve this device first
  'TAKEOVER_DENIED', // the MC refused (or let expire) this device's takeover of the seat
  'STORAGE_FAILED',
  'OWNER_UNAVAILABLE', // many nodes: the node running the show could not be reached in time (or just lost it); retry
  'INTERNAL',
  // the organizers' workspace (/api/admin)
  'CSRF_REJECTED', // cookie-authenticated change without the session's CSRF token
  'ACCOUNT_LOCKED', // too many wrong passwords: locked for a while
  'CONFLICT', // changed by someone else meanwhile, or a name already taken
  'IMPORT_INVALID', // an import with bad rows: nothing was written
  'NOT_APPROVED', // only approved questions go into a show or round
  'WRONG_STATUS', // review step not allowed from the question's status
  'SELF_REVIEW', // a reviewer may not approve their own question
  'SETUP_DONE', // the first-run screen exists only while there is no account
  'TOO_LARGE',
  'UNSUPPORTED_MEDIA',
  // client-side only: no ack arrived in time / the socket is down
  'TIMEOUT',
  'DISCONNECTED',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface AppError {
  code: ErrorCode;
  message: string;
}

export type Ack<T> = { ok: true; data: T } | { ok: false; error: AppError };
export type AckCallback<T> = (result: Ack<T>) => void;

export const fail = (code: ErrorCode, message: string): { ok: false; error: AppError } => ({
  ok: false,
  error: { code, message },
});
export const ok = <T>(data: T): { ok: true; data: T } => ({ ok: true, data });
