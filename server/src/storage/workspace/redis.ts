/**
 * The workspace port on the show store's Redis client. Key layout under `<prefix>:`:
 *   ws:<collection>     hash: id → document JSON
 *   wsrev:<collection>  hash: id → revision
 *   wsaudit             list: audit records as JSON, in write order
 *   wsauditseq          hash: scope → last seq
 *   wsseq               hash: sequence name → last number handed out
 * A batch is one Lua script: every expectation is checked before anything is written, so a
 * refused batch leaves no trace (a script's earlier writes would not be rolled back).
 */
import type { Redis } from 'ioredis';
import { jsonOf } from '../json.ts';
import {
  WorkspaceStoreError,
  type AuditFilter,
  type AuditInput,
  type AuditRecord,
  type DocWrite,
  type StoredDoc,
  type WorkspaceStore,
} from './port.ts';

const WRITE = `
local n = tonumber(ARGV[1])
local pending = {}
for i = 1, n do
  local b = 1 + (i - 1) * 4
  local op, id, expect = ARGV[b + 1], ARGV[b + 2], ARGV[b + 3]
  local slot = KEYS[2 * i] .. '\\0' .. id
  local rev = pending[slot]
  if rev == nil then rev = redis.call('HGET', KEYS[2 * i], id) or false end
  if expect == 'absent' and rev then return redis.error_reply('CONFLICT ' .. id .. ' already exists') end
  if expect ~= '' and expect ~= 'absent' and rev ~= expect then
    return redis.error_reply('CONFLICT ' .. id .. ' changed meanwhile')
  end
  if op == 'put' then pending[slot] = tostring((tonumber(rev) or 0) + 1) else pending[slot] = false end
end
for i = 1, n do
  local b = 1 + (i - 1) * 4
  local op, id, body = ARGV[b + 1], ARGV[b + 2], ARGV[b + 4]
  if op == 'put' then
    local rev = redis.call('HINCRBY', KEYS[2 * i], id, 1)
    redis.call('HSET', KEYS[2 * i - 1], id, body)
  else
    redis.call('HDEL', KEYS[2 * i], id)
    redis.call('HDEL', KEYS[2 * i - 1], id)
  end
end
local a = 2 + n * 4
local m = tonumber(ARGV[a])
for j = 1, m do
  local scope, rest = ARGV[a + 2 * j - 1], ARGV[a + 2 * j]
  local seq = redis.call('HINCRBY', KEYS[2 * n + 2], scope, 1)
  redis.call('RPUSH', KEYS[2 * n + 1], '{"seq":' .. seq .. ',' .. string.sub(rest, 2))
end
return 'OK'`;

export class RedisWorkspaceStore implements WorkspaceStore {
  readonly kind = 'redis' as const;

  constructor(
    private readonly client: Redis,
    private readonly prefix: string,
  ) {}

  private docs = (collection: string) => `${this.prefix}:ws:${collection}`;
  private revs = (collection: string) => `${this.prefix}:wsrev:${collection}`;

  async get<T>(collection: string, id: string): Promise<StoredDoc<T> | null> {
    const [body, rev] = await Promise.all([
      this.client.hget(this.docs(collection), id),
      this.client.hget(this.revs(collection), id),
    ]);
    return body === null || rev === null ? null : { id, rev: Number(rev), doc: JSON.parse(body) as T };
  }

  async list<T>(collection: string): Promise<StoredDoc<T>[]> {
    const [bodies, revs] = await Promise.all([
      this.client.hgetall(this.docs(collection)),
      this.client.hgetall(this.revs(collection)),
    ]);
    return Object.keys(bodies)
      .filter((id) => Object.hasOwn(revs, id))
      .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
      .map((id) => ({ id, rev: Number(revs[id]), doc: JSON.parse(bodies[id]) as T }));
  }

  async write(writes: DocWrite[], audit: AuditInput[] = []): Promise<void> {
    const keys: string[] = [];
    const args: string[] = [String(writes.length)];
    for (const w of writes) {
      keys.push(this.docs(w.collection), this.revs(w.collection));
      const body = w.op === 'put' ? jsonOf(w.doc, `${w.collection}/${w.id}`) : '';
      args.push(w.op, w.id, w.expect === undefined ? '' : String(w.expect), body);
    }
    keys.push(`${this.prefix}:wsaudit`, `${this.prefix}:wsauditseq`);
    args.push(String(audit.length));
    for (const a of audit) args.push(a.scope, jsonOf(a, `audit ${a.action}`));
    try {
      await this.client.eval(WRITE, keys.length, ...keys, ...args);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (message.startsWith('CONFLICT')) throw new WorkspaceStoreError('CONFLICT', message.slice(9));
      throw error;
    }
  }

  async audit(filter: AuditFilter = {}): Promise<AuditRecord[]> {
    const rows = await this.client.lrange(`${this.prefix}:wsaudit`, 0, -1);
    return rows
      .map((r) => JSON.parse(r) as AuditRecord)
      .filter(
        (r) =>
          (filter.scope === undefined || r.scope === filter.scope) &&
          (filter.from === undefined || r.at >= filter.from) &&
          (filter.to === undefined || r.at <= filter.to),
      );
  }

  async allocate(sequence: string, count = 1): Promise<number> {
    const last = await this.client.hincrby(`${this.prefix}:wsseq`, sequence, count);
    return last - count + 1;
  }
}
