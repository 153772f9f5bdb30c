/**
 * Tokens in links (a seat card's QR, the big screen's link) ride in the fragment (`#t=…`): a browser
 * never sends it to the server, so it stays out of access logs, proxies and Referer headers.
 * A token in the query of an older link is still read once; either way it is taken out of the
 * address bar, so a screenshot or a shared tab does not hand it on.
 */
export function secretFromUrl(url: { search: string; hash: string }, name: string): string | null {
  const fromHash = new URLSearchParams(url.hash.replace(/^#/, '')).get(name)?.trim();
  if (fromHash) return fromHash;
  return new URLSearchParams(url.search).get(name)?.trim() || null;
}

/** the same address without the named parameter, in query and fragment */
export function urlWithout(url: { pathname: string; search: string; hash: string }, name: string): string {
  const query = new URLSearchParams(url.search);
  query.delete(name);
  const fragment = new URLSearchParams(url.hash.replace(/^#/, ''));
  fragment.delete(name);
  const q = query.toString();
  const f = fragment.toString();
  return `${url.pathname}${q ? `?${q}` : ''}${f ? `#${f}` : ''}`;
}

/** reads the token from the page's address and takes it out of the address bar */
export function takeSecretFromLocation(name: string): string | null {
  const location = globalThis.location;
  if (!location) return null;
  const secret = secretFromUrl(location, name);
  if (secret) globalThis.history?.replaceState(globalThis.history.state, '', urlWithout(location, name));
  return secret;
}
