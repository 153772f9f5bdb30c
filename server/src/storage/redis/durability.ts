/**
 * What an ack promises on Redis depends on Redis's own persistence: with `appendonly yes` and
 * `appendfsync always` a write is on disk before Redis answers, so an acked command survives Redis
 * crashing; with `everysec` up to about a second of acked writes can be lost; without AOF, everything
 * since the last RDB save (or all of it) can be. The server reads the setting at start and warns.
 */
import type { Redis } from 'ioredis';

export interface RedisPersistence {
  appendonly: string;
  appendfsync: string;
}

/** null when Redis will not say (CONFIG disabled, as on some managed services) */
export async function redisPersistence(client: Redis): Promise<RedisPersistence | null> {
  try {
    const [, appendonly] = (await client.config('GET', 'appendonly')) as string[];
    const [, appendfsync] = (await client.config('GET', 'appendfsync')) as string[];
    return { appendonly: appendonly ?? '', appendfsync: appendfsync ?? '' };
  } catch {
    return null;
  }
}

/** the warning to print at start, or null when every acked write is on disk before the ack */
export function durabilityWarning(p: RedisPersistence | null): string | null {
  if (p === null)
    return 'Redis does not report its persistence settings (CONFIG GET refused): make sure it runs with appendonly yes and appendfsync always, or acked commands can be lost if Redis crashes';
  if (p.appendonly !== 'yes')
    return 'Redis persistence is off (appendonly no): if Redis restarts, acked show commands, answers and registrations since its last snapshot are lost. Run it with --appendonly yes --appendfsync always';
  if (p.appendfsync !== 'always')
    return `Redis fsyncs its AOF "${p.appendfsync}", not "always": a Redis crash can lose about the last second of acked writes`;
  return null;
}
