/**
 * The online admin's HTTP client: the staff session of /host/admin (cookie, with the CSRF header on
 * changes), or a personal API token / the automation token typed in (kept for this tab only).
 */
import { CSRF_HEADER, type SessionReply } from '@cv/shared/protocol';
import type {
  OnlineAuditEntry,
  OnlineError,
  RankingPage,
  RegistrationForm,
  ResultsState,
  RoundAdmin,
  RoundDashboard,
  VoidRecord,
} from '@cv/shared/protocol/online.ts';

export type Result<T> =
  { ok: true; data: T } | { ok: false; error: OnlineError | { code: 'OFFLINE'; message: string } };

const TOKEN_KEY = 'cv.online.admin';

export interface ContestInfo {
  topics: { topicId: string; name: string; approved: number }[];
  units: { unitId: string; name: string; groupName: string; headcount: number | null }[];
}

export class AdminApi {
  token: string | null = sessionStorage.getItem(TOKEN_KEY);
  /** the signed-in session's CSRF token (cookie sessions only) */
  csrf: string | null = null;

  /** the /host/admin sign-in of this browser, if any: who, and the CSRF token for changes */
  async session(): Promise<SessionReply | null> {
    const res = await fetch('/api/admin/session', { credentials: 'same-origin', cache: 'no-store' }).catch(
      () => null,
    );
    if (!res?.ok) return null;
    const reply = (await res.json()) as SessionReply;
    this.csrf = reply.csrfToken;
    return reply;
  }

  setToken(token: string | null) {
    this.token = token;
    if (token) sessionStorage.setItem(TOKEN_KEY, token);
    else sessionStorage.removeItem(TOKEN_KEY);
  }

  private headers(json: boolean, method = 'GET'): Record<string, string> {
    return {
      ...(json ? { 'content-type': 'application/json' } : {}),
      ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
      ...(!this.token && this.csrf && method !== 'GET' ? { [CSRF_HEADER]: this.csrf } : {}),
    };
  }

  async call<T>(method: string, path: string, body?: unknown): Promise<Result<T>> {
    let res: Response;
    try {
      res = await fetch(`/api/online/admin${path}`, {
        method,
        headers: this.headers(body !== undefined, method),
        body: body === undefined ? undefined : JSON.stringify(body),
        cache: 'no-store',
        credentials: 'same-origin',
      });
    } catch {
      return { ok: false, error: { code: 'OFFLINE', message: 'Không kết nối được máy chủ.' } };
    }
    const json = (await res.json().catch(() => null)) as unknown;
    if (res.ok) return { ok: true, data: json as T };
    const error = (json as { error?: OnlineError } | null)?.error;
    return { ok: false, error: error ?? { code: 'INTERNAL', message: `HTTP ${res.status}` } };
  }

  /** a file download that needs the credentials: fetched, then handed to the browser */
  async download(path: string, fallbackName: string): Promise<Result<null>> {
    const res = await fetch(`/api/online/admin${path}`, {
      headers: this.headers(false),
      credentials: 'same-origin',
    }).catch(() => null);
    if (!res) return { ok: false, error: { code: 'OFFLINE', message: 'Không kết nối được máy chủ.' } };
    if (!res.ok) {
      const json = (await res.json().catch(() => null)) as { error?: OnlineError } | null;
      return { ok: false, error: json?.error ?? { code: 'INTERNAL', message: `HTTP ${res.status}` } };
    }
    const name = /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? fallbackName;
    const url = URL.createObjectURL(await res.blob());
    const a = document.createElement('a');
    a.href = url;
    a.download = name;
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
    return { ok: true, data: null };
  }

  rounds = () => this.call<RoundAdmin[]>('GET', '/rounds');
  round = (id: string) => this.call<RoundAdmin>('GET', `/rounds/${id}`);
  contest = () => this.call<ContestInfo>('GET', '/contest');
  create = (body: unknown) => this.call<RoundAdmin>('POST', '/rounds', body);
  update = (id: string, body: unknown) => this.call<RoundAdmin>('PUT', `/rounds/${id}`, body);
  dashboard = (id: string) => this.call<RoundDashboard>('GET', `/rounds/${id}/dashboard`);
  ranking = (id: string, offset: number, limit = 50) =>
    this.call<RankingPage>('GET', `/rounds/${id}/ranking?offset=${offset}&limit=${limit}`);
  compute = (id: string) => this.call<ResultsState>('POST', `/rounds/${id}/results/compute`);
  confirm = (id: string, note: string) =>
    this.call<ResultsState>('POST', `/rounds/${id}/results/confirm`, { note });
  publish = (id: string) => this.call<ResultsState>('POST', `/rounds/${id}/results/publish`);
  unpublish = (id: string, reason: string) =>
    this.call<ResultsState>('POST', `/rounds/${id}/results/unpublish`, { reason });
  voids = (id: string) => this.call<VoidRecord[]>('GET', `/rounds/${id}/voids`);
  setVoid = (id: string, candidateId: string, voided: boolean, reason: string) =>
    this.call<{ voids: VoidRecord[]; results: ResultsState }>(
      'POST',
      `/rounds/${id}/candidates/${encodeURIComponent(candidateId)}/${voided ? 'void' : 'restore'}`,
      { reason },
    );
  audit = (id?: string) => this.call<OnlineAuditEntry[]>('GET', `/audit${id ? `?round=${id}` : ''}`);
  settings = () => this.call<{ title: string; form: RegistrationForm }>('GET', '/settings');
  saveSettings = (body: { title: string; form: RegistrationForm }) => this.call('PUT', '/settings', body);
}
