/**
 * What the request log may say about a URL: the path, and the query with its credentials blanked.
 * PINs, join and display tokens travel in query strings of links people open (seat cards' QR codes,
 * the big screen's address, the audit export); a log line must never carry them.
 */
import type { FastifyServerOptions } from 'fastify';

/** query parameters that carry a credential somewhere in this product */
const SECRET_PARAMS = new Set(['pin', 'token', 't', 'password', 'setupcode', 'code', 'session']);

export function redactUrl(url: string): string {
  const q = url.indexOf('?');
  if (q < 0) return url;
  const params = url
    .slice(q + 1)
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      const name = eq < 0 ? pair : pair.slice(0, eq);
      let decoded = name;
      try {
        decoded = decodeURIComponent(name);
      } catch {
        // a malformed name is logged as it came
      }
      return SECRET_PARAMS.has(decoded.toLowerCase()) && eq >= 0 ? `${name}=[redacted]` : pair;
    });
  return `${url.slice(0, q)}?${params.join('&')}`;
}

interface LoggedRequest {
  method: string;
  url: string;
  hostname?: string;
  ip?: string;
  socket?: { remotePort?: number };
}

/** the logger options with a request serializer that redacts URLs (pino's default one, otherwise) */
export function withRedaction(logger: FastifyServerOptions['logger']): FastifyServerOptions['logger'] {
  if (!logger || logger === true || typeof logger !== 'object') return logger;
  return {
    ...logger,
    serializers: {
      req: (req: LoggedRequest) => ({
        method: req.method,
        url: redactUrl(req.url),
        host: req.hostname,
        remoteAddress: req.ip,
        remotePort: req.socket?.remotePort,
      }),
      ...(logger as { serializers?: Record<string, unknown> }).serializers,
    },
  } as FastifyServerOptions['logger'];
}
