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
 * helmet runs once at start and its output is put on each document; JSON answers get the few that
 * matter for data (API_HEADERS). A header the route set itself wins.
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

/**
 * What a JSON answer needs (OWASP's REST advice): never sniffed into something a browser runs, never
 * framed, not readable by another site's no-cors request. The rest of helmet's set governs documents
 * (referrer, DNS prefetch, origin agent cluster, opener policy, legacy IE and Flash switches) and has
 * no effect on data; sending it with every autosave cost about a quarter of a small answer's time.
 */
export const API_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'cross-origin-resource-policy': 'same-origin',
};

declare module 'fastify' {
  interface FastifyContextConfig {
    /** meant to be framed by other sites (the portal widget): no x-frame-options; the route sets its
     *  own content-security-policy and resource policy */
    embeddable?: boolean;
  }
}

const isJson = (contentType: unknown) =>
  typeof contentType === 'string' && contentType.startsWith('application/json');

export default fp(
  async (app) => {
    const pageHeaders = Object.entries(securityHeaders());
    const apiHeaders = Object.entries(API_HEADERS);
    // at onSend the answer's type is known; a header the route set itself (the widget's framing
    // policy, say) is kept
    app.addHook('onSend', (request, reply, payload, done) => {
      const embeddable = request.routeOptions.config?.embeddable === true;
      for (const [name, value] of isJson(reply.getHeader('content-type')) ? apiHeaders : pageHeaders)
        if (!reply.hasHeader(name) && !(embeddable && name === 'x-frame-options')) reply.header(name, value);
      done(null, payload);
    });
  },
  { name: 'security-headers' },
);
