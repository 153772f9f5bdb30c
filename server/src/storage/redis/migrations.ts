/**
 * Data migrations of a Redis store (every key under one prefix: shows, workspace, online rounds),
 * run once when a store opens. `<prefix>:schema` holds how many steps have run. Many nodes may open
 * at once: one takes `<prefix>:migrating` (SET NX, with an expiry in case it dies), the others wait
 * until the version is written. A step must be idempotent (a node that died half way leaves work for
 * the next), and writes each value only if it is still what the step read (compare-and-set), so a
 * value written meanwhile is never overwritten with an older one.
 */
import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { renamedInJson } from '../migrations/answer-key.ts';

interface RedisMigration {
  name: string;
  run(client: Redis, prefix: string): Promise<void>;
}

/** string values: set only if unchanged since read */
const SET_IF = `if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('SET', KEYS[1], ARGV[2]) return 1 end return 0`;
/** hash fields: likewise */
const HSET_IF = `if redis.call('HGET', KEYS[1], ARGV[1]) == ARGV[2] then redis.call('HSET', KEYS[1], ARGV[1], ARGV[3]) return 1 end return 0`;

/** glob characters in a prefix match themselves */
const literal = (s: string) => s.replace(/[*?[\]\\]/g, '\\$&');

async function* scanKeys(client: Redis, pattern: string): AsyncGenerator<string> {
  let cursor = '0';
  do {
    const [next, keys] = await client.scan(cursor, 'MATCH', pattern, 'COUNT', 500);
    yield* keys;
    cursor = next;
  } while (cursor !== '0');
}

async function rewriteStrings(client: Redis, pattern: string, rename: (t: string) => string | null) {
  for await (const key of scanKeys(client, pattern)) {
    const text = await client.get(key);
    const renamed = text === null ? null : rename(text);
    if (renamed !== null) await client.eval(SET_IF, 1, key, text!, renamed);
  }
}

async function rewriteHashFields(
  client: Redis,
  pattern: string,
  fields: readonly string[] | 'all',
  rename: (t: string) => string | null,
) {
  for await (const key of scanKeys(client, pattern)) {
    if ((await client.type(key)) !== 'hash') continue;
    const all = await client.hgetall(key);
    for (const [field, text] of Object.entries(all)) {
      if (fields !== 'all' && !fields.includes(field)) continue;
      const renamed = rename(text);
      if (renamed !== null) await client.eval(HSET_IF, 1, key, field, text, renamed);
    }
  }
}

/** append only; the index of a step is its version - 1 */
export const REDIS_MIGRATIONS: readonly RedisMigration[] = [
  {
    // the answer key's `correct` is `answer` (migrations/answer-key.ts): show setups (show:<id> setup),
    // snapshots (snap:<id>), workspace documents (ws:<collection>), online pools (on:pool:<id>:<v>).
    // Command logs and audit lists hold no key and keep their hash chains.
    name: 'answer key field',
    run: async (client, prefix) => {
      const p = literal(prefix);
      await rewriteHashFields(client, `${p}:show:*`, ['setup'], renamedInJson);
      await rewriteStrings(client, `${p}:snap:*`, renamedInJson);
      await rewriteHashFields(client, `${p}:ws:*`, 'all', renamedInJson);
      await rewriteStrings(client, `${p}:on:pool:*`, renamedInJson);
    },
  },
];

export const REDIS_DATA_VERSION = REDIS_MIGRATIONS.length;

export interface MigrateOptions {
  /** how long the migrating node's claim lasts if it dies [60 s] */
  claimMs?: number;
  /** how often a waiting node looks again [50 ms] */
  pollMs?: number;
  /** the steps (tests) */
  steps?: readonly RedisMigration[];
}

/** brings the data under `prefix` up to date; resolves once it is (whoever did the work) */
export async function migrateRedis(
  client: Redis,
  prefix: string,
  options: MigrateOptions = {},
): Promise<void> {
  const steps = options.steps ?? REDIS_MIGRATIONS;
  const versionKey = `${prefix}:schema`;
  const claimKey = `${prefix}:migrating`;
  const claimMs = options.claimMs ?? 60_000;
  const current = async () => Number((await client.get(versionKey)) ?? '0');
  for (;;) {
    const version = await current();
    if (version > steps.length)
      throw new Error(
        `Redis data version ${version} is newer than this server understands (${steps.length})`,
      );
    if (version === steps.length) return;
    const me = randomUUID();
    if ((await client.set(claimKey, me, 'PX', claimMs, 'NX')) === 'OK') {
      try {
        // read again: another node may have finished between the look and the claim
        for (let v = await current(); v < steps.length; v++) {
          await steps[v].run(client, prefix);
          await client.set(versionKey, String(v + 1));
        }
      } finally {
        await client.eval(
          `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`,
          1,
          claimKey,
          me,
        );
      }
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, options.pollMs ?? 50));
  }
}
