/**
 * docs/admin-api.md is exactly true to the code: it lists every /api/admin route the server registers,
 * no other, each with the roles ADMIN_ROUTES (the guard's only source) allows.
 */
import { ADMIN_ROUTES, type RouteAccess } from '@cv/shared/protocol';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp } from './support.ts';

const doc = readFileSync(new URL('../../../docs/admin-api.md', import.meta.url), 'utf8');
const rows = [
  ...doc.matchAll(/^\| `(GET|POST|PUT|PATCH|DELETE) (\/api\/admin\/[^`]*)` +\| ([^|]+?) +\|/gm),
].map((m) => ({
  key: `${m[1]} ${m[2]}`,
  roles: m[3].trim(),
}));
const rolesText = (access: RouteAccess) =>
  access === 'public' ? 'anyone' : access === 'signed-in' ? 'any signed-in staff' : access.join(', ');

let app: Awaited<ReturnType<typeof openApp>>['app'];
beforeAll(async () => {
  ({ app } = await openApp());
});
afterAll(() => app.close());

describe('docs/admin-api.md', () => {
  it('lists each route once', () => {
    expect(rows.length).toBeGreaterThan(40);
    expect(new Set(rows.map((r) => r.key)).size).toBe(rows.length);
  });

  it('lists exactly the routes the server registers under /api/admin', () => {
    expect(rows.map((r) => r.key).sort()).toEqual([...new Set(app.workspace.registeredRoutes)].sort());
  });

  it('gives each route the roles the route table allows', () => {
    const table = new Map(ADMIN_ROUTES.map((r) => [`${r.method} ${r.path}`, rolesText(r.access)]));
    expect(Object.fromEntries(rows.map((r) => [r.key, r.roles]))).toEqual(Object.fromEntries(table));
  });
});
