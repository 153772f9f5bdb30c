/**
 * Where QR codes and printed join links point. A tablet cannot reach the MC laptop's 127.0.0.1, so the
 * address the MC's browser used is the last resort: PUBLIC_URL first, then the server's LAN address.
 */
import type { JoinLinks } from '@cv/shared/protocol';

export interface JoinAddressSources {
  /** PUBLIC_URL, when configured */
  publicUrl?: string;
  /** Host header of the page that asked (e.g. 127.0.0.1:3000) */
  pageHost?: string;
  /** this machine's address on the hall network, when the server listens on it */
  lanAddress?: string;
}

const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|\[?::1\]?|0\.0\.0\.0)$/i;

export function isLoopbackHost(hostname: string): boolean {
  return LOOPBACK.test(hostname);
}

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

export function joinLinksFor(showId: string, from: JoinAddressSources): JoinLinks {
  const page = from.pageHost ? parse(`http://${from.pageHost}`) : null;
  const publicUrl = from.publicUrl ? from.publicUrl.replace(/\/+$/, '') : null;
  let base: string;
  let source: JoinLinks['source'];
  if (publicUrl) {
    base = publicUrl;
    source = 'public-url';
  } else if (page && isLoopbackHost(page.hostname) && from.lanAddress) {
    base = `http://${from.lanAddress}${page.port ? `:${page.port}` : ''}`;
    source = 'lan';
  } else {
    base = page ? page.origin : 'http://localhost';
    source = 'page';
  }
  const baseUrl = parse(base);
  const warning =
    !baseUrl || isLoopbackHost(baseUrl.hostname)
      ? 'loopback'
      : publicUrl && page && baseUrl.host !== page.host
        ? 'not-public-url'
        : null;
  const id = encodeURIComponent(showId);
  const bare = base.replace(/^https?:\/\//, '');
  return {
    base,
    source,
    publicUrl,
    audience: `${base}/board/?show=${id}&mode=audience`,
    shortBoard: `${bare}/s/${id}`,
    shortAudience: `${bare}/a/${id}`,
    warning,
  };
}
