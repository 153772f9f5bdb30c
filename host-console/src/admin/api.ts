/** The organizers' HTTP API from the browser: JSON in and out, the session cookie, the CSRF header on changes. */
import { CSRF_HEADER, type ErrorCode, type ImportReport } from '@cv/shared/protocol';

export type ApiResult<T> =
  | { ok: true; data: T }
  | { ok: false; status: number; error: { code: ErrorCode; message: string }; details?: ImportReport };

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export class AdminApi {
  csrfToken = '';

  constructor(
    private readonly base = '',
    private readonly fetchImpl: typeof fetch = (...args) => fetch(...args),
  ) {}

  async request<T>(method: Method, url: string, body?: unknown): Promise<ApiResult<T>> {
    const headers: Record<string, string> = {};
    if (method !== 'GET') headers[CSRF_HEADER] = this.csrfToken;
    let payload: BodyInit | undefined;
    if (body instanceof FormData) payload = body;
    else if (body !== undefined) {
      headers['content-type'] = 'application/json';
      payload = JSON.stringify(body);
    }
    let res: Response;
    try {
      res = await this.fetchImpl(`${this.base}${url}`, {
        method,
        headers,
        body: payload,
        credentials: 'same-origin',
      });
    } catch {
      return { ok: false, status: 0, error: { code: 'DISCONNECTED', message: '' } };
    }
    const text = await res.text();
    const json = text ? (JSON.parse(text) as unknown) : null;
    if (res.ok) return { ok: true, data: json as T };
    const failure = (json ?? {}) as { error?: { code: ErrorCode; message: string }; details?: ImportReport };
    return {
      ok: false,
      status: res.status,
      error: failure.error ?? { code: 'INTERNAL', message: text },
      ...(failure.details ? { details: failure.details } : {}),
    };
  }

  get = <T>(url: string) => this.request<T>('GET', url);
  post = <T>(url: string, body: unknown = {}) => this.request<T>('POST', url, body);
  put = <T>(url: string, body: unknown) => this.request<T>('PUT', url, body);
  patch = <T>(url: string, body: unknown) => this.request<T>('PATCH', url, body);
  delete = <T>(url: string) => this.request<T>('DELETE', url);

  upload<T>(url: string, file: Blob, name: string): Promise<ApiResult<T>> {
    const form = new FormData();
    form.append('file', file, name);
    return this.request<T>('POST', url, form);
  }
}
