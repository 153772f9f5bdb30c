/**
 * The workspace port on the show store's Redis client. Key layout under `<prefix>:`:
 *   ws:<collection>     hash: id → document JSON
 *   wsrev:<collection>  hash: id → revision
 *   wsaudit             list: audit records as JSON (with their chain link `hash`), in write order
 *   wsauditseq          hash: scope → last seq
 *   wsaudithead         string: the last link of the audit's hash chain
 *   wsseq               hash: sequence name → last number handed out
 * A batch is one Lua script: every expectation is checked before anything is written, so a
 * refused batch leaves no trace (a script's earlier writes would not be rolled back). Audit entries
 * are numbered and linked (audit/chain.ts) by the node, which Lua cannot hash with SHA-256: the script
 * refuses them (RETRY) when another node appended meanwhile, and the node links them again.
 */
import type { Redis } from 'ioredis';
import { adminAuditContent, chainAdminAudit, entryHash, GENESIS } from '../../audit/chain.ts';
import { jsonOf } from '../json.ts';
import {
  WorkspaceStoreError,
  type AuditFilter,
  type AuditInput,
  type AuditRecord,
  type ChainedAuditRecord,
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
-- the audit entries must follow the chain head and the scope numbers the node read
local a = 2 + n * 4
local m = tonumber(ARGV[a])
if m > 0 and (redis.call('GET', KEYS[2 * n + 3]) or '') ~= ARGV[a + 3 * m + 2] then return 'RETRY' end
local seqs = {}
for j = 1, m do
  local scope, seq = ARGV[a + 3 * j], tonumber(ARGV[a + 3 * j - 1])
  local last = seqs[scope] or tonumber(redis.call('HGET', KEYS[2 * n + 2], scope) or '0')
  if seq ~= last + 1 then return 'RETRY' end
  seqs[scope] = seq
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
for j = 1, m do
  redis.call('HSET', KEYS[2 * n + 2], ARGV[a + 3 * j], ARGV[a + 3 * j - 1])
  redis.call('RPUSH', KEYS[2 * n + 1], ARGV[a + 3 * j - 2])
end
if m > 0 then redis.call('SET', KEYS[2 * n + 3], ARGV[a + 3 * m + 1]) end
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
    keys.push(this.key('wsaudit'), this.key('wsauditseq'), this.key('wsaudithead'));
    // serialise first: a value that cannot be stored fails before anything is written
    const bodies = audit.map((a) => JSON.parse(jsonOf(a, `audit ${a.action}`)) as AuditInput);
    for (let attempt = 0; ; attempt++) {
      const linked = bodies.length ? await this.link(bodies) : { args: ['0'] };
      try {
        const reply = await this.client.eval(WRITE, keys.length, ...keys, ...args, ...linked.args);
        if (reply !== 'RETRY') return;
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        if (message.startsWith('CONFLICT')) throw new WorkspaceStoreError('CONFLICT', message.slice(9));
        throw error;
      }
      if (attempt >= 20) throw new Error('admin audit append kept racing with other nodes');
    }
  }

  /** the script's audit arguments: each entry numbered in its scope and linked after the current head */
  private async link(bodies: AuditInput[]): Promise<{ args: string[] }> {
    const scopes = [...new Set(bodies.map((a) => a.scope))];
    const [stored, last] = await Promise.all([
      this.client.get(this.key('wsaudithead')),
      scopes.length ? this.client.hmget(this.key('wsauditseq'), ...scopes) : Promise.resolve([]),
    ]);
    const seqs = new Map(scopes.map((scope, i) => [scope, Number(last[i] ?? 0)]));
    let prev = stored ?? (await this.legacyHead());
    const args = [String(bodies.length)];
    for (const a of bodies) {
      const seq = seqs.get(a.scope)! + 1;
      seqs.set(a.scope, seq);
      const content = adminAuditContent({ ...a, seq });
      const hash = entryHash(prev, content);
      args.push(JSON.stringify({ ...content, hash }), String(seq), a.scope);
      prev = hash;
    }
    args.push(prev, stored ?? '');
    return { args };
  }

  /** the head of an audit written before chaining (no head key yet) */
  private async legacyHead(): Promise<string> {
    const chain = await this.chainedAudit();
    return chain.length ? chain[chain.length - 1].hash : GENESIS;
  }

  private key = (name: string) => `${this.prefix}:${name}`;

  async chainedAudit(): Promise<ChainedAuditRecord[]> {
    const rows = await this.client.lrange(this.key('wsaudit'), 0, -1);
    return chainAdminAudit(rows.map((r) => JSON.parse(r) as AuditRecord & { hash?: string | null }));
  }

  async audit(filter: AuditFilter = {}): Promise<AuditRecord[]> {
    const rows = await this.client.lrange(`${this.prefix}:wsaudit`, 0, -1);
    return rows
      .map((r) => {
        const { hash: _link, ...record } = JSON.parse(r) as AuditRecord & { hash?: string };
        return record;
      })
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
