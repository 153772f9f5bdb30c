/**
 * One lease per show in Redis: the node holding `<prefix>:lease:<showId>` applies the show's commands.
 * The value is "<holder>#<token>"; the token comes from a per-show counter that only grows, so every
 * holder the show ever had is told apart, and the store checks the value atomically on every write
 * (storage/redis/redis-store.ts): a paused or partitioned former owner can never append after losing it.
 */
import type { Redis } from 'ioredis';

/** KEYS: lease, fence counter; ARGV: holder, ttl ms → the lease now in force (ours if we just took it) */
export const ACQUIRE = `
local current = redis.call('GET', KEYS[1])
if current then return current end
local token = redis.call('INCR', KEYS[2])
local lease = ARGV[1] .. '#' .. token
redis.call('SET', KEYS[1], lease, 'PX', ARGV[2])
return lease`;

/** KEYS: lease; ARGV: lease, ttl ms → 1 while still ours */
export const RENEW = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return 0`;

/** KEYS: lease; ARGV: lease */
const RELEASE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`;

export interface LeaseKeys {
  lease(showId: string): string;
  fence(showId: string): string;
}

export const holderOf = (lease: string): string => lease.slice(0, lease.lastIndexOf('#'));

export class ShowLeases {
  constructor(
    private readonly client: Redis,
    private readonly keys: LeaseKeys,
    private readonly holder: string,
    private readonly ttlMs: number,
  ) {}

  /**
   * per show: the lease in force after trying to take each free one (null where the call failed), and
   * how many ms it has left (-1 when unknown), so a node can try again the moment another's expires
   */
  async acquire(showIds: readonly string[]): Promise<{ lease: string | null; leftMs: number }[]> {
    const pipeline = this.client.pipeline();
    for (const id of showIds) {
      pipeline.eval(ACQUIRE, 2, this.keys.lease(id), this.keys.fence(id), this.holder, this.ttlMs);
      pipeline.pttl(this.keys.lease(id));
    }
    const results = (await pipeline.exec()) ?? [];
    return showIds.map((_, i) => {
      const [error, lease] = results[2 * i] ?? [new Error('no reply')];
      const [ttlError, left] = results[2 * i + 1] ?? [new Error('no reply')];
      return { lease: error ? null : String(lease), leftMs: ttlError ? -1 : Number(left) };
    });
  }

  /** per lease: still ours (its expiry pushed back), lost, or unknown (the call failed) */
  async renew(held: readonly { showId: string; lease: string }[]): Promise<(boolean | null)[]> {
    const pipeline = this.client.pipeline();
    for (const { showId, lease } of held) pipeline.eval(RENEW, 1, this.keys.lease(showId), lease, this.ttlMs);
    const results = (await pipeline.exec()) ?? [];
    return results.map(([error, reply]) => (error ? null : Number(reply) === 1));
  }

  async release(showId: string, lease: string): Promise<void> {
    await this.client.eval(RELEASE, 1, this.keys.lease(showId), lease);
  }

  isMine(lease: string | null): boolean {
    return lease !== null && holderOf(lease) === this.holder;
  }
}
