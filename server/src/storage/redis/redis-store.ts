import { GENESIS, headOf, recordHash } from '../../audit/chain.ts';
import { Redis } from 'ioredis';
import { GroupCommit, type GroupCommitStats } from '../group-commit.ts';
import { jsonOf } from '../json.ts';
import { migrateRedis } from './migrations.ts';
import {
  StoreError,
  type AudienceAnswerRecord,
  type CommandRecord,
  type ShowRecord,
  type Snapshot,
  type Store,
} from '../port.ts';

export interface RedisStoreOptions {
  url: string;
  /** key prefix; default 'cv' */
  prefix?: string;
  /** database index; overrides one given in the url */
  db?: number;
  /** records per MULTI/EXEC at most; default 5,000 */
  maxBatchRecords?: number;
  /** connection errors (the client reconnects by itself; pending writes wait or fail) */
  onError?: (error: Error) => void;
  /**
   * many nodes: a show's log, answers and snapshots are written only under its lease (see `fence`);
   * a show this store holds no lease for is not written at all
   */
  fenced?: boolean;
}

export const DEFAULT_REDIS_PREFIX = 'cv';

/**
 * Key layout under `<prefix>:` — every key of a show carries its id:
 *   shows            sorted set: showId scored by createdAt (listShows order)
 *   show:<id>        hash: showId, title, createdAt, setup (JSON), secrets (JSON)
 *   cmd:<id>         list: every command as JSON, arrival order (audit trail)
 *   cmdv:<id>        sorted set: accepted commands as JSON scored by version (replay)
 *   aud:<id>         list: audience answers as JSON
 *   snap:<id>        string: latest snapshot as JSON
 *   meta             hash
 *   lease:<id>       string: "<holder>#<token>", the node that runs the show (many nodes; expires unless renewed)
 *   fence:<id>       counter: the last fencing token handed out for the show
 *   schema           the data migrations run so far; migrating: the claim of the node running them (migrations.ts)
 */
class Keys {
  readonly shows: string;
  readonly meta: string;
  constructor(readonly prefix: string) {
    this.shows = `${prefix}:shows`;
    this.meta = `${prefix}:meta`;
  }
  show = (id: string) => `${this.prefix}:show:${id}`;
  commands = (id: string) => `${this.prefix}:cmd:${id}`;
  accepted = (id: string) => `${this.prefix}:cmdv:${id}`;
  answers = (id: string) => `${this.prefix}:aud:${id}`;
  snapshot = (id: string) => `${this.prefix}:snap:${id}`;
  lease = (id: string) => `${this.prefix}:lease:${id}`;
  fence = (id: string) => `${this.prefix}:fence:${id}`;
}

/** a stored command, without showId (the key carries it) */
interface StoredCommand {
  version: number | null;
  /** absent in records written before engines were recorded */
  engineVersion?: number | null;
  at: number;
  actorId: string;
  role: string;
  type: string;
  outcome: string;
  /** the record's link in the hash chain (absent before chaining) */
  hash?: string | null;
  payload: unknown;
}

type StoredAnswer = Omit<AudienceAnswerRecord, 'showId'>;

type WriteOp =
  | { kind: 'commands'; rows: { showId: string; version: number | null; json: string }[] }
  | { kind: 'answers'; rows: { showId: string; json: string }[] }
  | { kind: 'createShow'; showId: string; createdAt: number; fields: string[] }
  | { kind: 'updateShow'; showId: string; fields: string[] }
  | { kind: 'snapshot'; showId: string; json: string }
  | { kind: 'meta'; key: string; value: string };

/** create only when absent, and index it: atomic so two creators cannot both win */
const CREATE_SHOW = `
if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
redis.call('HSET', KEYS[1], unpack(ARGV, 2))
redis.call('ZADD', KEYS[2], ARGV[1], ARGV[3])
return 1`;

/** patch only an existing show (HSET alone would create a partial one) */
const UPDATE_SHOW = `
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
if #ARGV > 0 then redis.call('HSET', KEYS[1], unpack(ARGV)) end
return 1`;

/** a write under a show's lease: refused (nothing written) unless the lease is still the writer's */
const LEASE_CHECK = `if redis.call('GET', KEYS[1]) ~= ARGV[1] then return redis.error_reply('FENCED lease lost') end\n`;
/** RPUSH/ZADD in slices: Lua's unpack() takes at most ~8,000 values at once */
const SLICED = `
local function push(key, from, to)
  for i = from, to, 1000 do redis.call('RPUSH', key, unpack(ARGV, i, math.min(i + 999, to))) end
end
local function zadd(key, from, to)
  for i = from, to, 1000 do redis.call('ZADD', key, unpack(ARGV, i, math.min(i + 999, to))) end
end`;
/** KEYS: lease, audit list, accepted zset; ARGV: lease, n, n audit rows, then score/json pairs */
const FENCED_COMMANDS = `${LEASE_CHECK}${SLICED}
local n = tonumber(ARGV[2])
push(KEYS[2], 3, 2 + n)
if #ARGV > 2 + n then zadd(KEYS[3], 3 + n, #ARGV) end
return 1`;
/** KEYS: lease, answers list; ARGV: lease, rows (every answer of the show in the batch: one script) */
const FENCED_ANSWERS = `${LEASE_CHECK}${SLICED}
push(KEYS[2], 2, #ARGV)
return 1`;
/** KEYS: lease, snapshot; ARGV: lease, json */
const FENCED_SNAPSHOT = `${LEASE_CHECK}
redis.call('SET', KEYS[2], ARGV[2])
return 1`;

const fencedError = (showId: string) =>
  new StoreError('FENCED', `show ${showId}: this node does not hold the show's lease; nothing was written`);

const closedError = () => new StoreError('STORE_CLOSED', 'the store is closed');

/**
 * Redis adapter: every write goes through one GroupCommit, so a burst becomes one MULTI/EXEC.
 * "Committed" here means applied by Redis; how long that survives is Redis's persistence setting.
 */
export class RedisStore implements Store {
  readonly kind = 'redis' as const;
  readonly keys: Keys;
  private readonly committer: GroupCommit<WriteOp>;
  private injectedFailure: Error | null = null;
  /** the last committed link of each show's chain written through this store */
  private readonly heads = new Map<string, string>();
  /** show → the lease this node writes under (many nodes) */
  private readonly leases = new Map<string, string>();
  private readonly requireLease: boolean;

  static async open(options: RedisStoreOptions): Promise<RedisStore> {
    const client = new Redis(options.url, {
      ...(options.db === undefined ? {} : { db: options.db }),
      lazyConnect: true,
    });
    client.on('error', options.onError ?? (() => undefined));
    try {
      await client.connect();
      // the data of older servers is brought up to date before anything reads it (once, whichever node is first)
      await migrateRedis(client, options.prefix ?? DEFAULT_REDIS_PREFIX);
    } catch (error) {
      client.disconnect();
      throw error;
    }
    return new RedisStore(client, options);
  }

  private constructor(
    private readonly client: Redis,
    options: RedisStoreOptions,
  ) {
    this.keys = new Keys(options.prefix ?? DEFAULT_REDIS_PREFIX);
    this.requireLease = options.fenced ?? false;
    this.committer = new GroupCommit<WriteOp>((ops) => this.writeBatch(ops), {
      maxRecords: options.maxBatchRecords,
      closedError,
    });
  }

  /** the client, shared by the workspace port (storage/workspace/redis.ts) */
  get connection(): Redis {
    return this.client;
  }

  /** group-commit counters (MULTI/EXECs and records); for tests and metrics, not part of Store */
  stats(): GroupCommitStats {
    return this.committer.stats();
  }

  fence(showId: string, lease: string): void {
    this.leases.set(showId, lease);
    // another node may have extended the show's chain since this one last wrote: read its head again
    this.heads.delete(showId);
  }

  /** test seam: the next batch fails before anything is sent (the MULTI is only buffered until exec) */
  failNextBatch(error: Error): void {
    this.injectedFailure = error;
  }

  async append(records: CommandRecord[]): Promise<void> {
    const rows = records.map((r) => {
      const stored: StoredCommand = {
        version: r.version,
        engineVersion: r.engineVersion ?? null,
        at: r.at,
        actorId: r.actorId,
        role: r.role,
        type: r.type,
        outcome: r.outcome,
        payload: r.payload ?? null,
      };
      return { showId: r.showId, version: r.version, json: jsonOf(stored, `command ${r.type}`) };
    });
    return this.committer.enqueue({ kind: 'commands', rows }, rows.length);
  }

  async appendAudienceAnswers(records: AudienceAnswerRecord[]): Promise<void> {
    const rows = records.map(({ showId, audienceId, name, round, value, at }) => {
      const stored: StoredAnswer = { audienceId, name, round, value: value ?? null, at };
      return { showId, json: jsonOf(stored, 'audience answer') };
    });
    return this.committer.enqueue({ kind: 'answers', rows }, rows.length);
  }

  async createShow(record: ShowRecord): Promise<void> {
    const fields = [
      'showId',
      record.showId,
      'title',
      record.title,
      'createdAt',
      String(record.createdAt),
      'setup',
      jsonOf(record.setup, 'show setup'),
      'secrets',
      jsonOf(record.secrets, 'show secrets'),
    ];
    return this.committer.enqueue({
      kind: 'createShow',
      showId: record.showId,
      createdAt: record.createdAt,
      fields,
    });
  }

  async updateShow(
    showId: string,
    patch: Partial<Pick<ShowRecord, 'title' | 'setup' | 'secrets'>>,
  ): Promise<void> {
    const fields: string[] = [];
    if (patch.title !== undefined) fields.push('title', patch.title);
    if (patch.setup !== undefined) fields.push('setup', jsonOf(patch.setup, 'show setup'));
    if (patch.secrets !== undefined) fields.push('secrets', jsonOf(patch.secrets, 'show secrets'));
    return this.committer.enqueue({ kind: 'updateShow', showId, fields });
  }

  async saveSnapshot(showId: string, snapshot: Snapshot): Promise<void> {
    const json = jsonOf(
      {
        version: snapshot.version,
        state: snapshot.state ?? null,
        engineVersion: snapshot.engineVersion ?? null,
      },
      'snapshot',
    );
    return this.committer.enqueue({ kind: 'snapshot', showId, json });
  }

  async setMeta(key: string, value: string): Promise<void> {
    return this.committer.enqueue({ kind: 'meta', key, value });
  }

  async getShow(showId: string): Promise<ShowRecord | null> {
    await this.readable();
    return showOf(await this.client.hgetall(this.keys.show(showId)));
  }

  async listShows(): Promise<ShowRecord[]> {
    await this.readable();
    const ids = await this.client.zrange(this.keys.shows, 0, -1);
    if (ids.length === 0) return [];
    const pipeline = this.client.pipeline();
    for (const id of ids) pipeline.hgetall(this.keys.show(id));
    const results = (await pipeline.exec()) ?? [];
    const shows: ShowRecord[] = [];
    for (const [error, hash] of results) {
      if (error) throw error;
      const show = showOf(hash as Record<string, string>);
      if (show) shows.push(show);
    }
    return shows;
  }

  async loadCommands(showId: string, afterVersion: number): Promise<CommandRecord[]> {
    await this.readable();
    const rows = await this.client.zrangebyscore(this.keys.accepted(showId), `(${afterVersion}`, '+inf');
    return rows.map((json) => commandOf(showId, json));
  }

  async auditTrail(showId: string): Promise<CommandRecord[]> {
    await this.readable();
    const rows = await this.client.lrange(this.keys.commands(showId), 0, -1);
    return rows.map((json) => commandOf(showId, json));
  }

  async loadAudienceAnswers(showId: string): Promise<AudienceAnswerRecord[]> {
    await this.readable();
    const rows = await this.client.lrange(this.keys.answers(showId), 0, -1);
    return rows.map((json) => {
      const a = JSON.parse(json) as StoredAnswer;
      return { showId, audienceId: a.audienceId, name: a.name, round: a.round, value: a.value, at: a.at };
    });
  }

  async loadSnapshot(showId: string): Promise<Snapshot | null> {
    await this.readable();
    const json = await this.client.get(this.keys.snapshot(showId));
    if (json === null) return null;
    const stored = JSON.parse(json) as Partial<Snapshot>;
    return {
      version: stored.version ?? 0,
      state: stored.state ?? null,
      engineVersion: stored.engineVersion ?? null,
    };
  }

  async getMeta(key: string): Promise<string | null> {
    await this.readable();
    return this.client.hget(this.keys.meta, key);
  }

  async close(): Promise<void> {
    if (this.committer.isClosed) return this.committer.settled();
    await this.committer.close();
    await this.client.quit().catch(() => this.client.disconnect());
  }

  private async readable(): Promise<void> {
    if (this.committer.isClosed) throw closedError();
    await this.committer.settled();
  }

  /** the last link of a show's chain: cached, else read from its trail (computed for records older than chaining) */
  private async headOf(showId: string): Promise<string> {
    const cached = this.heads.get(showId);
    if (cached) return cached;
    const last = await this.client.lindex(this.keys.commands(showId), -1);
    const stored = last ? (JSON.parse(last) as StoredCommand) : null;
    const head = !stored
      ? GENESIS
      : (stored.hash ??
        headOf(
          (await this.client.lrange(this.keys.commands(showId), 0, -1)).map((j) => commandOf(showId, j)),
        ));
    this.heads.set(showId, head);
    return head;
  }

  /** one MULTI/EXEC for the batch; a show that exists / is missing fails only its own entry */
  private async writeBatch(ops: WriteOp[]): Promise<(Error | undefined)[]> {
    const k = this.keys;
    // link every command to the one before it (of its show); the links become heads only after EXEC
    const heads = new Map<string, string>();
    for (const op of ops) {
      if (op.kind !== 'commands') continue;
      for (const row of op.rows) {
        const prev = heads.get(row.showId) ?? (await this.headOf(row.showId));
        const hash = recordHash(prev, commandOf(row.showId, row.json));
        // the stored JSON is an object: the link is its last field
        row.json = `${row.json.slice(0, -1)},"hash":"${hash}"}`;
        heads.set(row.showId, hash);
      }
    }
    const multi = this.client.multi();
    /** for each queued command, the ops it belongs to */
    const owner: number[][] = [];
    /** ops refused before sending: no lease held for their show */
    const refused: (Error | undefined)[] = new Array(ops.length);
    /** per show, the audience answers of every op in the batch: one fenced script, not one per answer */
    const fencedAnswers = new Map<string, { lease: string; ops: number[]; rows: string[] }>();
    ops.forEach((op, i) => {
      const queued = (n = 1) => {
        for (let j = 0; j < n; j++) owner.push([i]);
      };
      const lease = (showId: string) => {
        const held = this.leases.get(showId);
        if (held === undefined && this.requireLease) refused[i] ??= fencedError(showId);
        return held;
      };
      switch (op.kind) {
        case 'commands':
          for (const [showId, rows] of groupByShow(op.rows)) {
            const held = lease(showId);
            if (refused[i]) continue;
            if (held !== undefined) {
              const accepted = rows.flatMap((r) => (r.version === null ? [] : [r.version, r.json]));
              multi.eval(
                FENCED_COMMANDS,
                3,
                k.lease(showId),
                k.commands(showId),
                k.accepted(showId),
                held,
                rows.length,
                ...rows.map((r) => r.json),
                ...accepted,
              );
              queued();
              continue;
            }
            multi.rpush(k.commands(showId), ...rows.map((r) => r.json));
            queued();
            const accepted = rows.flatMap((r) => (r.version === null ? [] : [r.version, r.json]));
            if (accepted.length > 0) {
              multi.zadd(k.accepted(showId), ...accepted);
              queued();
            }
          }
          break;
        case 'answers':
          for (const [showId, rows] of groupByShow(op.rows)) {
            const held = lease(showId);
            if (refused[i]) continue;
            if (held !== undefined) {
              let group = fencedAnswers.get(showId);
              if (!group) fencedAnswers.set(showId, (group = { lease: held, ops: [], rows: [] }));
              group.ops.push(i);
              for (const r of rows) group.rows.push(r.json);
              continue;
            }
            multi.rpush(k.answers(showId), ...rows.map((r) => r.json));
            queued();
          }
          break;
        case 'createShow':
          multi.eval(CREATE_SHOW, 2, k.show(op.showId), k.shows, String(op.createdAt), ...op.fields);
          queued();
          break;
        case 'updateShow':
          multi.eval(UPDATE_SHOW, 1, k.show(op.showId), ...op.fields);
          queued();
          break;
        case 'snapshot': {
          const held = lease(op.showId);
          if (refused[i]) break;
          if (held !== undefined)
            multi.eval(FENCED_SNAPSHOT, 2, k.lease(op.showId), k.snapshot(op.showId), held, op.json);
          else multi.set(k.snapshot(op.showId), op.json);
          queued();
          break;
        }
        case 'meta':
          multi.hset(k.meta, op.key, op.value);
          queued();
          break;
      }
    });

    for (const [showId, group] of fencedAnswers) {
      multi.eval(FENCED_ANSWERS, 2, k.lease(showId), k.answers(showId), group.lease, ...group.rows);
      owner.push(group.ops);
    }

    const failure = this.injectedFailure;
    if (failure) {
      this.injectedFailure = null;
      throw failure;
    }

    const errors: (Error | undefined)[] = refused;
    if (owner.length === 0) return errors;
    const results = await multi.exec();
    if (!results) throw new Error('redis transaction aborted');
    if (results.every(([error]) => !error)) for (const [showId, hash] of heads) this.heads.set(showId, hash);
    else for (const showId of heads.keys()) this.heads.delete(showId);
    results.forEach(([error, reply], n) => {
      for (const i of owner[n]) {
        const op = ops[i];
        if (error && error.message.startsWith('FENCED')) errors[i] ??= fencedError(writtenShow(op));
        else if (error) errors[i] ??= error;
        else if (op.kind === 'createShow' && reply === 0) {
          errors[i] = new StoreError('SHOW_EXISTS', `show ${op.showId} already exists`);
        } else if (op.kind === 'updateShow' && reply === 0) {
          errors[i] = new StoreError('SHOW_NOT_FOUND', `show ${op.showId} does not exist`);
        }
      }
    });
    return errors;
  }
}

function writtenShow(op: WriteOp): string {
  if (op.kind === 'commands' || op.kind === 'answers') return op.rows[0]?.showId ?? '?';
  return 'showId' in op ? op.showId : '?';
}

/** rows per show, each show's rows in their original order */
function groupByShow<R extends { showId: string }>(rows: R[]): Map<string, R[]> {
  const groups = new Map<string, R[]>();
  for (const row of rows) {
    const group = groups.get(row.showId);
    if (group) group.push(row);
    else groups.set(row.showId, [row]);
  }
  return groups;
}

function showOf(hash: Record<string, string>): ShowRecord | null {
  if (!hash.showId) return null;
  return {
    showId: hash.showId,
    title: hash.title,
    createdAt: Number(hash.createdAt),
    setup: JSON.parse(hash.setup) as ShowRecord['setup'],
    secrets: JSON.parse(hash.secrets) as ShowRecord['secrets'],
  };
}

function commandOf(showId: string, json: string): CommandRecord {
  const c = JSON.parse(json) as StoredCommand;
  return {
    showId,
    version: c.version,
    engineVersion: c.engineVersion ?? null,
    at: c.at,
    actorId: c.actorId,
    role: c.role,
    type: c.type,
    payload: c.payload,
    outcome: c.outcome,
    hash: c.hash ?? null,
  };
}
