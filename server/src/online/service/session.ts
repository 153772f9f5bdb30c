/**
 * Candidate sessions: a signed token (HMAC-SHA256 with a secret kept in the store, the same on every
 * node), so checking one costs a hash, not a database read — autosaves on a deadline day stay cheap.
 * `v1.<candidateId>.<expiresAt>.<signature>`
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export class SessionTokens {
  /** tokens already checked: a token never changes, so a hit is as good as the HMAC (bounded) */
  private readonly checked = new Map<string, { candidateId: string; expiresAt: number }>();

  constructor(
    private readonly key: string,
    readonly ttlMs: number,
  ) {}

  issue(candidateId: string, now: number): { token: string; expiresAt: number } {
    const expiresAt = now + this.ttlMs;
    const body = `v1.${candidateId}.${expiresAt}`;
    return { token: `${body}.${this.sign(body)}`, expiresAt };
  }

  /** the candidate id, or null when the token is malformed, forged or expired */
  verify(token: string | undefined, now: number): string | null {
    if (!token || token.length > 300) return null;
    const hit = this.checked.get(token);
    if (hit) return hit.expiresAt > now ? hit.candidateId : null;
    const parts = token.split('.');
    if (parts.length !== 4 || parts[0] !== 'v1') return null;
    const body = parts.slice(0, 3).join('.');
    const given = Buffer.from(parts[3]);
    const expected = Buffer.from(this.sign(body));
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
    const expiresAt = Number(parts[2]);
    if (!Number.isFinite(expiresAt)) return null;
    if (this.checked.size >= 100_000) this.checked.delete(this.checked.keys().next().value!);
    this.checked.set(token, { candidateId: parts[1], expiresAt });
    return expiresAt > now ? parts[1] : null;
  }

  private sign(body: string): string {
    return createHmac('sha256', this.key).update(body).digest('base64url');
  }
}
