/**
 * The candidate site's HTTP client: typed calls to /api/online, the session token kept in
 * localStorage (so a reload or a second tab is still signed in), errors as values.
 */
import type {
  AttemptView,
  AutosaveAck,
  AutosaveInput,
  CandidateHome,
  OnlineError,
  PowChallenge,
  PublicResults,
  RegistrationFormView,
  RegistrationInput,
  RoundPublic,
  SessionGrant,
} from '@cv/shared/protocol/online.ts';

/** server codes plus the one the client adds when the network fails */
export type ClientError = Omit<OnlineError, 'code'> & { code: OnlineError['code'] | 'OFFLINE' };
export type Result<T> = { ok: true; data: T } | { ok: false; error: ClientError };

const TOKEN_KEY = 'cv.thi.session';

export interface StoredSession {
  token: string;
  expiresAt: number;
  candidate: SessionGrant['candidate'];
}

export function loadSession(): StoredSession | null {
  try {
    const s = JSON.parse(localStorage.getItem(TOKEN_KEY) ?? 'null') as StoredSession | null;
    return s && s.expiresAt > Date.now() ? s : null;
  } catch {
    return null;
  }
}
export function saveSession(s: StoredSession | null): void {
  try {
    if (s) localStorage.setItem(TOKEN_KEY, JSON.stringify(s));
    else localStorage.removeItem(TOKEN_KEY);
  } catch {
    /* private mode: the session lasts as long as the page */
  }
}

export class OnlineApi {
  constructor(
    private readonly base = '',
    public token: string | null = null,
  ) {}

  private async call<T>(method: string, path: string, body?: unknown): Promise<Result<T>> {
    let res: Response;
    try {
      res = await fetch(this.base + path, {
        method,
        headers: {
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        cache: 'no-store',
      });
    } catch {
      return { ok: false, error: { code: 'OFFLINE', message: 'Không kết nối được máy chủ.' } };
    }
    let json: unknown = null;
    try {
      json = await res.json();
    } catch {
      /* an empty or non-JSON body */
    }
    if (res.ok) return { ok: true, data: json as T };
    const error = (json as { error?: OnlineError } | null)?.error;
    return {
      ok: false,
      error: error ?? {
        code: res.status === 429 ? 'RATE_LIMITED' : 'INTERNAL',
        message: `HTTP ${res.status}`,
      },
    };
  }

  form = () => this.call<RegistrationFormView>('GET', '/api/online/form');
  challenge = () => this.call<PowChallenge>('GET', '/api/online/challenge');
  register = (input: RegistrationInput, pow: string) =>
    this.call<SessionGrant>('POST', '/api/online/register', { ...input, pow });
  login = (idNumber: string, phone: string) =>
    this.call<SessionGrant>('POST', '/api/online/login', { idNumber, phone });
  me = () => this.call<CandidateHome>('GET', '/api/online/me');
  rounds = () => this.call<RoundPublic[]>('GET', '/api/online/rounds');
  round = (id: string) => this.call<RoundPublic>('GET', `/api/online/rounds/${encodeURIComponent(id)}`);
  results = (id: string) =>
    this.call<PublicResults>('GET', `/api/online/rounds/${encodeURIComponent(id)}/results`);
  start = (roundId: string, pow: string) =>
    this.call<AttemptView>('POST', `/api/online/rounds/${encodeURIComponent(roundId)}/attempts`, { pow });
  attempt = (id: string) => this.call<AttemptView>('GET', `/api/online/attempts/${encodeURIComponent(id)}`);
  save = (id: string, input: AutosaveInput) =>
    this.call<AutosaveAck>('PUT', `/api/online/attempts/${encodeURIComponent(id)}/answers`, input);
  submit = (
    id: string,
    last: { answers?: { index: number; value: unknown }[]; prediction?: number | null } = {},
  ) => this.call<AttemptView>('POST', `/api/online/attempts/${encodeURIComponent(id)}/submit`, last);
}
