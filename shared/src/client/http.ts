/** Typed HTTP calls against the routes declared in protocol/http: one function for every route. */
import type { Ack, ErrorCode } from '../protocol/errors.ts';
import type { HttpBody, HttpParams, HttpResponse, HttpRoute } from '../protocol/http/index.ts';

type Fetch = (input: string, init?: RequestInit) => Promise<Response>;

export type HttpCall<R extends HttpRoute> = {
  /** server origin; '' for the page's own origin */
  base?: string;
  /** admin token (Authorization: Bearer …) */
  token?: string;
  fetch?: Fetch;
} & ([HttpParams<R>] extends [never] ? { params?: undefined } : { params: HttpParams<R> }) &
  ([HttpBody<R>] extends [never] ? { body?: undefined } : { body: HttpBody<R> });

/** fills `:name` segments from params, URL-encoded */
export function routePath(
  route: HttpRoute,
  params: Record<string, string> = {},
): { method: string; path: string } {
  const [method, template] = route.split(' ') as [string, string];
  const path = template.replace(/:([A-Za-z]+)/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`${route}: missing path parameter ${name}`);
    return encodeURIComponent(value);
  });
  return { method, path };
}

/** calls a route; transport failures and error answers come back as `{ ok: false }` values */
export async function httpRequest<R extends HttpRoute>(
  route: R,
  call: HttpCall<R>,
): Promise<Ack<HttpResponse<R>>> {
  const { method, path } = routePath(route, call.params as Record<string, string> | undefined);
  const headers: Record<string, string> = {};
  if (call.token) headers.authorization = `Bearer ${call.token}`;
  if (call.body !== undefined) headers['content-type'] = 'application/json';
  let res: Response;
  try {
    res = await (call.fetch ?? fetch)(`${call.base ?? ''}${path}`, {
      method,
      headers,
      body: call.body === undefined ? undefined : JSON.stringify(call.body),
    });
  } catch (err) {
    return { ok: false, error: { code: 'DISCONNECTED', message: String(err) } };
  }
  const text = await res.text();
  let json: unknown = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    // not JSON: reported below with the status
  }
  if (res.ok) return { ok: true, data: json as HttpResponse<R> };
  const error = (json as { error?: { code?: ErrorCode; message?: string } } | null)?.error;
  return {
    ok: false,
    error: {
      code: error?.code ?? 'INTERNAL',
      message: error?.message ?? `HTTP ${res.status}: ${text.slice(0, 200)}`,
    },
  };
}

/** as httpRequest, but an error answer throws (scripts and tests that cannot go on without the data) */
export async function httpRequestOrThrow<R extends HttpRoute>(
  route: R,
  call: HttpCall<R>,
): Promise<HttpResponse<R>> {
  const res = await httpRequest(route, call);
  if (!res.ok) throw new Error(`${route}: ${res.error.code} ${res.error.message}`);
  return res.data;
}
