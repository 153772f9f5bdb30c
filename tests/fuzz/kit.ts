/**
 * The app under fuzzing: the demo contest (a live show, units, an open online round) on a real SQLite
 * file, one signed-in account per staff role, a registered candidate, the admin token — so each route
 * can be fuzzed with the credentials it wants as well as with none or with garbage. Limits that would
 * answer RATE_LIMITED to everything are raised: the limits have tests of their own.
 */
import { ADMIN_ROUTES, ERROR_CODES, mayAccess, type StaffRoleName } from '@cv/shared/protocol';
import { ONLINE_ERRORS, type RegistrationFormView, type SessionGrant } from '@cv/shared/protocol/online.ts';
import { solvePow } from '@cv/server/online/service/pow.ts';
import type { FastifyInstance } from 'fastify';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openWorkspace, type Staff, type Workspace } from '../integration/admin/support.ts';
import { person } from '../support/online.ts';

export const HIGH_LIMITS = {
  ipRead: 1e9,
  ipChallenge: 1e9,
  ipRegister: 1e9,
  ipLogin: 1e9,
  ipStart: 1e9,
  ipAnswer: 1e9,
  candidateRead: 1e9,
  candidateStart: 1e9,
  candidateAnswer: 1e9,
  candidateSubmit: 1e9,
};

export interface RouteEntry {
  method: string;
  url: string;
}

export interface FuzzApp {
  w: Workspace;
  app: FastifyInstance;
  routes: RouteEntry[];
  logLines: string[];
  candidateToken: string;
  roundId: string;
  showId: string;
  staffTokens: Record<StaffRoleName, string>;
  close(): Promise<void>;
}

/** every error code either edge may answer with */
export const KNOWN_CODES = new Set<string>([...ERROR_CODES, ...Object.keys(ONLINE_ERRORS)]);

export async function openFuzzApp(): Promise<FuzzApp> {
  const routes: RouteEntry[] = [];
  const logLines: string[] = [];
  // durability is the chaos suite's business: here fsyncs would only slow the fuzzing down
  const dataDir = mkdtempSync(join(existsSync('/dev/shm') ? '/dev/shm' : tmpdir(), 'cv-fuzz-'));
  const w = await openWorkspace(
    {
      seedDemo: true,
      onRoute: (r) => {
        for (const method of [r.method].flat()) if (method !== 'HEAD') routes.push({ method, url: r.url });
      },
      logger: { level: 'warn', stream: { write: (line: string) => void logLines.push(line) } },
      httpRateLimit: { max: 1e9 },
      online: { rateLimits: HIGH_LIMITS, pow: { maxNumber: 2 } },
    },
    dataDir,
  );
  const { app } = w;
  const pow = async () => {
    const c = await app.inject({ method: 'GET', url: '/api/online/challenge' });
    return solvePow(c.json());
  };
  const form = (await app.inject({ method: 'GET', url: '/api/online/form' })).json() as RegistrationFormView;
  const unitId = form.units[0]?.units[0]?.unitId;
  const reg = await app.inject({
    method: 'POST',
    url: '/api/online/register',
    payload: { ...person(4242, unitId ? { unitId } : {}), pow: await pow() },
  });
  if (reg.statusCode >= 300) throw new Error(`register: ${reg.statusCode} ${reg.body}`);
  const candidateToken = (reg.json() as SessionGrant).token;
  const rounds = (await app.inject({ method: 'GET', url: '/api/online/rounds' })).json() as {
    roundId: string;
  }[];
  const showId = app.shows.list()[0]?.showId ?? 'demo';
  // personal API tokens: a fuzzed logout or password change cannot end them (a cookie session it could)
  const staffTokens = {} as Record<StaffRoleName, string>;
  for (const [role, staff] of Object.entries(w.staff) as [StaffRoleName, Staff][]) {
    const res = await staff.post('/api/admin/tokens', { name: 'fuzz' });
    if (res.statusCode !== 201) throw new Error(`token for ${role}: ${res.statusCode} ${res.body}`);
    staffTokens[role] = (res.json() as { token: string }).token;
  }
  return {
    w,
    app,
    routes,
    logLines,
    candidateToken,
    roundId: rounds[0]?.roundId ?? 'none',
    showId,
    staffTokens,
    close: async () => {
      await w.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export type Caller =
  | { kind: 'anonymous' }
  | { kind: 'adminToken' }
  | { kind: 'staff'; role: StaffRoleName }
  | { kind: 'candidate' };

/** the caller each route is meant for (its most ordinary user) */
export function intendedCaller(route: RouteEntry): Caller {
  const { method, url } = route;
  if (url.startsWith('/api/admin/')) {
    const entry = ADMIN_ROUTES.find((r) => r.method === method && r.path === url);
    if (!entry || entry.access === 'public') return { kind: 'anonymous' };
    const role = (['admin', 'reviewer', 'secretary', 'mc', 'judge'] as const).find((r) =>
      mayAccess(entry.access, [r]),
    );
    return role ? { kind: 'staff', role } : { kind: 'anonymous' };
  }
  if (url.startsWith('/api/online/admin/')) return { kind: 'staff', role: 'admin' };
  if (url === '/api/online/me' || url.startsWith('/api/online/attempts') || url.endsWith('/attempts'))
    return { kind: 'candidate' };
  if (url.startsWith('/api/shows') && url !== '/api/shows/:id/public') return { kind: 'adminToken' };
  return { kind: 'anonymous' };
}

export function headersOf(f: FuzzApp, caller: Caller, adminToken: string): Record<string, string> {
  switch (caller.kind) {
    case 'anonymous':
      return {};
    case 'adminToken':
      return { authorization: `Bearer ${adminToken}` };
    case 'candidate':
      return { authorization: `Bearer ${f.candidateToken}` };
    case 'staff':
      return { authorization: `Bearer ${f.staffTokens[caller.role]}` };
  }
}

/** the shape every error answer has, on every edge */
export function errorShapeProblem(status: number, body: string): string | null {
  if (status < 400) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return `status ${status} with a body that is not JSON: ${body.slice(0, 120)}`;
  }
  const p = parsed as { ok?: unknown; error?: { code?: unknown; message?: unknown } };
  if (p.ok !== false || typeof p.error?.message !== 'string' || typeof p.error.code !== 'string')
    return `status ${status} without the error shape: ${body.slice(0, 120)}`;
  if (!KNOWN_CODES.has(p.error.code)) return `unknown error code ${p.error.code}`;
  return null;
}
