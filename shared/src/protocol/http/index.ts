/**
 * HTTP request/response types, one file per area; add an area by adding its file and its routes here.
 * Errors have the socket protocol's shape: `{ ok: false, error: { code, message } }`.
 */
import type { HealthRoutes } from './health.ts';
import type { ShowRoutes } from './shows.ts';

export * from './health.ts';
export * from './shows.ts';

/** 'METHOD /path/:param' → its path params, body and success response */
export interface HttpRoutes extends ShowRoutes, HealthRoutes {}
export type HttpRoute = keyof HttpRoutes;
export type HttpResponse<R extends HttpRoute> = HttpRoutes[R]['response'];
export type HttpBody<R extends HttpRoute> = HttpRoutes[R]['body'];
export type HttpParams<R extends HttpRoute> = HttpRoutes[R]['params'];
