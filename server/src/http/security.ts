/**
 * Security headers for every response (helmet's set) and a Content-Security-Policy the three front
 * ends and the candidate site pass (checked in Chromium by tests/e2e/csp.e2e.test.ts).
 *
 * Why these exceptions to helmet's defaults:
 * - no `upgrade-insecure-requests` and no HSTS: in the hall the server is reached over plain HTTP by
 *   its LAN address; upgrading would break every tablet.
 * - `img-src data: blob:`: QR codes are drawn as data URLs; media previews are blob URLs.
 * - `connect-src 'self'`: the SDK's Socket.IO (ws: to the same host) and fetch; nothing else.
 * - the portal widget sets its own, looser policy (it is meant to be framed by the province portal).
 *
 * Why not @fastify/helmet: it builds helmet's middleware again for every request (parsing the CSP
 * directives each time), a sixth of an autosave's CPU on deadline day. The headers never change, so
 * helmet runs once at start and its output is put on each reply — as reply headers, so a route can
 * still replace or remove one (the widget removes x-frame-options).
 */
import helmet, { type HelmetOptions } from 'helmet';
import fp from 'fastify-plugin';

export const CONTENT_SECURITY_POLICY = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'style-src': ["'self'"],
  'img-src': ["'self'", 'data:', 'blob:'],
  'media-src': ["'self'", 'blob:'],
  'font-src': ["'self'", 'data:'],
  'connect-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'self'"],
  'form-action': ["'self'"],
  'frame-ancestors': ["'self'"],
} as const;

const HELMET_OPTIONS: HelmetOptions = {
  contentSecurityPolicy: {
    useDefaults: false,
    directives: Object.fromEntries(Object.entries(CONTENT_SECURITY_POLICY).map(([k, v]) => [k, [...v]])),
  },
  strictTransportSecurity: false,
};

/** the headers helmet sets with these options, read off one run of its middleware */
export function securityHeaders(options: HelmetOptions = HELMET_OPTIONS): Record<string, string> {
  const headers = new Map<string, string>();
  const response = {
    setHeader: (name: string, value: unknown) => void headers.set(name.toLowerCase(), String(value)),
    removeHeader: (name: string) => void headers.delete(name.toLowerCase()),
  };
  let failed: unknown;
  helmet(options)({} as never, response as never, (error?: unknown) => {
    failed = error;
  });
  if (failed) throw failed;
  return Object.fromEntries(headers);
}

export default fp(
  async (app) => {
    const headers = securityHeaders();
    app.addHook('onRequest', (_request, reply, done) => {
      reply.headers(headers);
      done();
    });
  },
  { name: 'security-headers' },
);
