import type { IncomingHttpHeaders } from 'node:http';
import type { Origin } from './sign-in-guard.ts';

/**
 * The address a sign-in came from. X-Forwarded-For is believed only when the deployment says a
 * reverse proxy sets it (TRUST_PROXY=1): otherwise any client could name a fresh address per guess.
 */
export function clientAddress(
  remote: string | undefined,
  forwardedFor: unknown,
  trustProxy: boolean,
): string {
  if (trustProxy) {
    const header = Array.isArray(forwardedFor) ? forwardedFor.join(',') : forwardedFor;
    // the left-most entry is the client as the first proxy saw it (like Fastify's trustProxy: true)
    const first = typeof header === 'string' ? header.split(',')[0]?.trim() : '';
    if (first) return first.slice(0, 64);
  }
  return normalise(remote ?? 'unknown');
}

/** ::ffff:192.168.1.5 and 192.168.1.5 are one client */
const normalise = (address: string) => address.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/, '');

/** where a handshake or HTTP request came from, for the throttle and the audit trail */
export function originOf(
  request: { socket?: { remoteAddress?: string }; headers: IncomingHttpHeaders },
  trustProxy: boolean,
): Origin {
  return {
    address: clientAddress(request.socket?.remoteAddress, request.headers['x-forwarded-for'], trustProxy),
    userAgent: String(request.headers['user-agent'] ?? '').slice(0, 160),
  };
}
