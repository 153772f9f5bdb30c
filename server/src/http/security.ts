/**
 * Security headers for every response (@fastify/helmet) and a Content-Security-Policy the three front
 * ends and the candidate site pass (checked in Chromium by tests/e2e/csp.e2e.test.ts).
 *
 * Why these exceptions to helmet's defaults:
 * - no `upgrade-insecure-requests` and no HSTS: in the hall the server is reached over plain HTTP by
 *   its LAN address; upgrading would break every tablet.
 * - `img-src data: blob:`: QR codes are drawn as data URLs; media previews are blob URLs.
 * - `connect-src 'self'`: the SDK's Socket.IO (ws: to the same host) and fetch; nothing else.
 * - the portal widget sets its own, looser policy (it is meant to be framed by the province portal).
 */
import helmet from '@fastify/helmet';
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

export default fp(
  async (app) => {
    await app.register(helmet, {
      contentSecurityPolicy: {
        useDefaults: false,
        directives: Object.fromEntries(Object.entries(CONTENT_SECURITY_POLICY).map(([k, v]) => [k, [...v]])),
      },
      strictTransportSecurity: false,
    });
  },
  { name: 'security-headers' },
);
