/**
 * Redis adapter of the online port: every rule that needs atomicity is one Lua script (Redis runs a
 * script alone), so concurrent requests on any number of server nodes cannot pass a limit or register
 * a CCCD twice. Commands are auto-pipelined. Key layout under `<prefix>:on:` —
 *   kv                 hash: settings, secret:<name>
 *   once:<k>, lease:<k> strings with an expiry
 *   cand:<id>          string: candidate JSON;  cand:idn, cand:phone  hashes: CCCD / phone → id
 *   cnt                hash: registered
 *   round:<id>         string: round JSON;  roundv:<id> its version;  rounds  zset by opensAt
 *   pool:<id>:<v>      string: pool JSON
 *   att:<id>           hash: the attempt (draw as JSON);  ans:<id>  hash: index → answer JSON (-1 = prediction)
 *   ca:<round>:<cand>  hash: used, day:<YYYY-MM-DD>, open, openDeadline;  cal:<round>:<cand>  list of attempt ids
 *   due                zset: open attempts by deadline
 *   atts:<round>       list: attempt ids;  fin:<round>  list: submitted attempts' summaries (JSON)
 *   part:<round>       set: participants;  rc:<round>  hash: the round's counters
 *   rankrow:<round>:<c> hash: position → row JSON;  rankpos:<round>:<c>  hash: candidate → position;  ranks:<round>  set of c
 *   void:<round>       hash: candidate → void JSON
 *   auditseq, audit, audit:<round>   the append-only audit (JSON entries with their seq)
 */
import { chainLines, entryHash, GENESIS, onlineAuditContent } from '../../audit/chain.ts';
import { Redis } from 'ioredis';
import type { AnswerValue } from '@cv/shared/protocol';
import type { OnlineAuditEntry, RankedCandidate, VoidRecord } from '@cv/shared/protocol/online.ts';
import type { AttemptLimits } from '../rules/attempts.ts';
import type { PoolQuestion } from '../rules/draw.ts';
import type { FinishedAttempt } from '../rules/ranking.ts';
import {
  OnlineStoreError,
  type AttemptRecord,
  type CandidateRecord,
  type FinishInput,
  type FinishOutcome,
  type NewAttempt,
  type OnlineSettingsRecord,
  type OnlineStore,
  type RoundCounters,
  type RoundRecord,
  type SaveAnswersInput,
  type SaveOutcome,
  type SaveTarget,
  type StartOutcome,
} from './port.ts';
import { answerSlot, counterKeys, PREDICTION_INDEX } from './shared.ts';

export interface RedisOnlineStoreOptions {
  url: string;
  prefix?: string;
  db?: number;
  onError?: (error: Error) => void;
}

/** the registration number is the count after this registration: dense, from 1 */
const REGISTER = `
if redis.call('HEXISTS', KEYS[1], ARGV[1]) == 1 then return 'idNumber' end
if redis.call('HEXISTS', KEYS[2], ARGV[2]) == 1 then return 'phone' end
local no = redis.call('HINCRBY', KEYS[4], 'registered', 1)
redis.call('HSET', KEYS[1], ARGV[1], ARGV[3])
redis.call('HSET', KEYS[2], ARGV[2], ARGV[3])
redis.call('SET', KEYS[3], '{"candidateNo":' .. no .. ',' .. string.sub(ARGV[4], 2))
return tostring(no)`;

const CREATE_ROUND = `
if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
redis.call('SET', KEYS[1], ARGV[1])
redis.call('SET', KEYS[2], ARGV[2])
redis.call('ZADD', KEYS[3], ARGV[3], ARGV[4])
return 1`;

const UPDATE_ROUND = `
if redis.call('GET', KEYS[2]) ~= ARGV[2] then return 0 end
redis.call('SET', KEYS[1], ARGV[1])
redis.call('SET', KEYS[2], ARGV[3])
redis.call('ZADD', KEYS[3], ARGV[4], ARGV[5])
return 1`;

/** the same decision as rules/attempts.ts startDecision: open attempt first, then the round limit, then the day */
const START = `
local ca = KEYS[1]
local now, grace = tonumber(ARGV[2]), tonumber(ARGV[3])
local open = redis.call('HGET', ca, 'open')
if open then
  local deadline = tonumber(redis.call('HGET', ca, 'openDeadline'))
  if now <= deadline + grace then return {'resume', open} end
  return {'expired', open}
end
local used = tonumber(redis.call('HGET', ca, 'used') or '0')
local today = tonumber(redis.call('HGET', ca, 'day:' .. ARGV[1]) or '0')
local perDay, perRound = tonumber(ARGV[4]), tonumber(ARGV[5])
if perRound >= 0 and used >= perRound then return {'refused', 'ATTEMPT_LIMIT_ROUND'} end
if perDay >= 0 and today >= perDay then return {'refused', 'ATTEMPT_LIMIT_DAY'} end
local number = used + 1
local id, deadline = ARGV[6], ARGV[7]
redis.call('HSET', ca, 'used', number, 'day:' .. ARGV[1], today + 1, 'open', id, 'openDeadline', deadline)
redis.call('HSET', KEYS[2], 'number', number, 'status', 'open', 'revision', 0, unpack(ARGV, 8))
redis.call('ZADD', KEYS[3], deadline, id)
redis.call('RPUSH', KEYS[4], id)
redis.call('RPUSH', KEYS[5], id)
redis.call('HINCRBY', KEYS[6], 'started', 1)
return {'started', tostring(number)}`;

const SAVE = `
local h = redis.call('HMGET', KEYS[1], 'candidateId', 'status', 'deadline')
if not h[1] or h[1] ~= ARGV[1] then return {'missing'} end
if h[2] ~= 'open' then return {'closed'} end
if tonumber(ARGV[2]) > tonumber(h[3]) + tonumber(ARGV[3]) then return {'late'} end
-- ARGV[4..]: index, value pairs (one for an autosave, a submit's unsaved answers at once)
redis.call('HINCRBY', KEYS[1], 'revision', (#ARGV - 3) / 2)
redis.call('HSET', KEYS[2], unpack(ARGV, 4))
return {'saved'}`;

const FINISH = `
local h = redis.call('HMGET', KEYS[1], 'status', 'revision', 'candidateId', 'unitId')
if not h[1] then return 'missing' end
if h[1] ~= 'open' then return 'closed' end
if tonumber(h[2]) ~= tonumber(ARGV[1]) then return 'stale' end
redis.call('HSET', KEYS[1], 'status', 'submitted', 'correct', ARGV[2], 'durationMs', ARGV[3],
  'submittedAt', ARGV[4], 'auto', ARGV[5], 'prediction', ARGV[6])
redis.call('ZREM', KEYS[2], ARGV[8])
redis.call('HDEL', KEYS[3], 'open', 'openDeadline')
redis.call('RPUSH', KEYS[4], ARGV[7])
redis.call('HINCRBY', KEYS[6], 'submitted', 1)
if redis.call('SADD', KEYS[5], h[3]) == 1 then
  redis.call('HINCRBY', KEYS[6], 'participants', 1)
  if h[4] ~= '' then redis.call('HINCRBY', KEYS[6], 'u:' .. h[4], 1) end
end
for i = 9, #ARGV, 2 do
  redis.call('HINCRBY', KEYS[6], 'qs:' .. ARGV[i], 1)
  if ARGV[i + 1] == '1' then redis.call('HINCRBY', KEYS[6], 'qc:' .. ARGV[i], 1) end
end
return 'finished'`;

const LEASE = `
local owner = redis.call('GET', KEYS[1])
if owner == false or owner == ARGV[1] then
  redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
  return 1
end
return 0`;

/**
 * Appends an audit entry already linked (its hash) to the round's last one, ARGV[3]: refused (-1)
 * when another node appended meanwhile, and the caller links it again. Entries of no round are kept
 * in their own list too (KEYS[3] = audit:), for their chain.
 */
const AUDIT = `
local last = redis.call('LINDEX', KEYS[3], -1)
if last then
  local head = cjson.decode(last).hash
  if head and head ~= ARGV[3] then return -1 end
elseif ARGV[3] ~= ARGV[4] then return -1 end
local seq = redis.call('INCR', KEYS[1])
local entry = '{"seq":' .. seq .. ',' .. string.sub(ARGV[1], 2)
redis.call('RPUSH', KEYS[2], entry)
redis.call('RPUSH', KEYS[3], entry)
return seq`;

type Hash = Record<string, string>;

export class RedisOnlineStore implements OnlineStore {
  readonly kind = 'redis' as const;
  private closed = false;
  private readonly p: string;

  /** a connection of its own (tests, tools) */
  static async open(options: RedisOnlineStoreOptions): Promise<RedisOnlineStore> {
    const client = new Redis(options.url, {
      ...(options.db === undefined ? {} : { db: options.db }),
      lazyConnect: true,
      enableAutoPipelining: true,
    });
    client.on('error', options.onError ?? (() => undefined));
    try {
      await client.connect();
    } catch (error) {
      client.disconnect();
      throw error;
    }
    return new RedisOnlineStore(client, options.prefix ?? 'cv', true);
  }

  /** on the show store's client and key prefix (the app): no second connection */
  static on(client: Redis, prefix: string): RedisOnlineStore {
    return new RedisOnlineStore(client, prefix, false);
  }

  private constructor(
    /** exposed for @fastify/rate-limit's shared counters across nodes */
    readonly client: Redis,
    prefix: string,
    /** quit the client on close (only when open() made it) */
    private readonly ownsClient: boolean,
  ) {
    this.p = `${prefix}:on:`;
  }

  private k = (name: string) => this.p + name;

  private live(): Redis {
    if (this.closed) throw new OnlineStoreError('STORE_CLOSED', 'the online store is closed');
    return this.client;
  }

  // — settings, secrets, once, leases —

  async getSettings(): Promise<OnlineSettingsRecord | null> {
    const json = await this.live().hget(this.k('kv'), 'settings');
    return json ? (JSON.parse(json) as OnlineSettingsRecord) : null;
  }

  async saveSettings(settings: OnlineSettingsRecord): Promise<void> {
    await this.live().hset(this.k('kv'), 'settings', JSON.stringify(settings));
  }

  async secret(name: string, fresh: string): Promise<string> {
    const r = this.live();
    await r.hsetnx(this.k('kv'), `secret:${name}`, fresh);
    return (await r.hget(this.k('kv'), `secret:${name}`))!;
  }

  async useOnce(key: string, expiresAt: number, now: number): Promise<boolean> {
    const ms = Math.max(1, expiresAt - now);
    return (await this.live().set(this.k(`once:${key}`), '1', 'PX', ms, 'NX')) === 'OK';
  }

  async lease(key: string, owner: string, _now: number, ms: number): Promise<boolean> {
    // Redis's own clock runs the expiry: nodes with skewed clocks still agree on who holds it
    return (await this.live().eval(LEASE, 1, this.k(`lease:${key}`), owner, String(Math.max(1, ms)))) === 1;
  }

  // — candidates —

  async register(
    c: Omit<CandidateRecord, 'candidateNo'>,
  ): Promise<{ ok: true; candidateNo: number } | { ok: false; taken: 'idNumber' | 'phone' }> {
    const r = (await this.live().eval(
      REGISTER,
      4,
      this.k('cand:idn'),
      this.k('cand:phone'),
      this.k(`cand:${c.candidateId}`),
      this.k('cnt'),
      c.idNumber,
      c.phone,
      c.candidateId,
      JSON.stringify(c),
    )) as string;
    return r === 'idNumber' || r === 'phone' ? { ok: false, taken: r } : { ok: true, candidateNo: Number(r) };
  }

  async getCandidate(candidateId: string): Promise<CandidateRecord | null> {
    const json = await this.live().get(this.k(`cand:${candidateId}`));
    return json ? (JSON.parse(json) as CandidateRecord) : null;
  }

  async getCandidates(ids: readonly string[]): Promise<Map<string, CandidateRecord>> {
    const out = new Map<string, CandidateRecord>();
    if (ids.length === 0) return out;
    const values = await this.live().mget(ids.map((id) => this.k(`cand:${id}`)));
    values.forEach((json, i) => {
      if (json) out.set(ids[i], JSON.parse(json) as CandidateRecord);
    });
    return out;
  }

  async findCandidate(by: { idNumber: string } | { phone: string }): Promise<CandidateRecord | null> {
    const id =
      'idNumber' in by
        ? await this.live().hget(this.k('cand:idn'), by.idNumber)
        : await this.live().hget(this.k('cand:phone'), by.phone);
    return id ? this.getCandidate(id) : null;
  }

  async countCandidates(): Promise<number> {
    return Number((await this.live().hget(this.k('cnt'), 'registered')) ?? 0);
  }

  // — rounds —

  async createRound(round: RoundRecord): Promise<void> {
    const ok = await this.live().eval(
      CREATE_ROUND,
      3,
      this.k(`round:${round.roundId}`),
      this.k(`roundv:${round.roundId}`),
      this.k('rounds'),
      JSON.stringify(round),
      String(round.version),
      String(round.settings.opensAt),
      round.roundId,
    );
    if (ok !== 1) throw new OnlineStoreError('ROUND_EXISTS', `round ${round.roundId} exists`);
  }

  async getRound(roundId: string): Promise<RoundRecord | null> {
    const json = await this.live().get(this.k(`round:${roundId}`));
    return json ? (JSON.parse(json) as RoundRecord) : null;
  }

  async roundVersion(roundId: string): Promise<number | null> {
    const v = await this.live().get(this.k(`roundv:${roundId}`));
    return v === null ? null : Number(v);
  }

  async listRounds(): Promise<RoundRecord[]> {
    const ids = await this.live().zrange(this.k('rounds'), 0, -1);
    if (ids.length === 0) return [];
    const docs = await this.live().mget(ids.map((id) => this.k(`round:${id}`)));
    return docs.flatMap((json) => (json ? [JSON.parse(json) as RoundRecord] : []));
  }

  async updateRound(round: RoundRecord, expectedVersion: number): Promise<boolean> {
    const next = { ...round, version: expectedVersion + 1 };
    const ok = await this.live().eval(
      UPDATE_ROUND,
      3,
      this.k(`round:${round.roundId}`),
      this.k(`roundv:${round.roundId}`),
      this.k('rounds'),
      JSON.stringify(next),
      String(expectedVersion),
      String(next.version),
      String(round.settings.opensAt),
      round.roundId,
    );
    return ok === 1;
  }

  async savePool(roundId: string, poolVersion: number, pool: PoolQuestion[]): Promise<void> {
    await this.live().set(this.k(`pool:${roundId}:${poolVersion}`), JSON.stringify(pool));
  }

  async loadPool(roundId: string, poolVersion: number): Promise<PoolQuestion[] | null> {
    const json = await this.live().get(this.k(`pool:${roundId}:${poolVersion}`));
    return json ? (JSON.parse(json) as PoolQuestion[]) : null;
  }

  // — attempts —

  async startAttempt(
    a: NewAttempt,
    limits: AttemptLimits,
    now: number,
    graceMs: number,
  ): Promise<StartOutcome> {
    const fields = [
      'attemptId',
      a.attemptId,
      'roundId',
      a.roundId,
      'candidateId',
      a.candidateId,
      'candidateNo',
      String(a.candidateNo),
      'unitId',
      a.unitId ?? '',
      'dayKey',
      a.dayKey,
      'startedAt',
      String(a.startedAt),
      'deadline',
      String(a.deadline),
      'poolVersion',
      String(a.poolVersion),
      'draw',
      JSON.stringify(a.draw),
      'total',
      String(a.draw.length),
    ];
    const [kind, value] = (await this.live().eval(
      START,
      6,
      this.k(`ca:${a.roundId}:${a.candidateId}`),
      this.k(`att:${a.attemptId}`),
      this.k('due'),
      this.k(`cal:${a.roundId}:${a.candidateId}`),
      this.k(`atts:${a.roundId}`),
      this.k(`rc:${a.roundId}`),
      a.dayKey,
      String(now),
      String(graceMs),
      String(limits.perDay ?? -1),
      String(limits.perRound ?? -1),
      a.attemptId,
      String(a.deadline),
      ...fields,
    )) as [string, string];
    switch (kind) {
      case 'started':
        return {
          kind: 'started',
          attempt: {
            ...a,
            number: Number(value),
            status: 'open',
            revision: 0,
            answers: a.draw.map(() => null),
            prediction: null,
            score: null,
          },
        };
      case 'resume':
      case 'expired':
        return { kind, attemptId: value };
      case 'refused':
        return { kind, code: value as 'ATTEMPT_LIMIT_DAY' | 'ATTEMPT_LIMIT_ROUND' };
      default:
        throw new Error(`unexpected start outcome ${kind}`);
    }
  }

  async getAttempt(attemptId: string): Promise<AttemptRecord | null> {
    // one MULTI: the answers belong to the revision read with them
    const results = await this.live()
      .multi()
      .hgetall(this.k(`att:${attemptId}`))
      .hgetall(this.k(`ans:${attemptId}`))
      .exec();
    if (!results) throw new Error('redis transaction aborted');
    for (const [error] of results) if (error) throw error;
    const [h, answers] = results.map(([, value]) => value as Hash);
    return h.attemptId ? attemptOf(h, answers) : null;
  }

  async attemptsOf(roundId: string, candidateId: string): Promise<AttemptRecord[]> {
    const ids = await this.live().lrange(this.k(`cal:${roundId}:${candidateId}`), 0, -1);
    const all = await Promise.all(ids.map((id) => this.getAttempt(id)));
    return all.filter((a): a is AttemptRecord => a !== null).sort((x, y) => x.number - y.number);
  }

  saveAnswer(
    attemptId: string,
    candidateId: string,
    target: SaveTarget,
    now: number,
    graceMs: number,
  ): Promise<SaveOutcome> {
    return this.saveAnswers({ attemptId, candidateId, targets: [target], now, graceMs });
  }

  async saveAnswers({
    attemptId,
    candidateId,
    targets,
    now,
    graceMs,
  }: SaveAnswersInput): Promise<SaveOutcome> {
    const pairs = targets.flatMap((t) => {
      const [index, json] = answerSlot(t);
      return [String(index), json];
    });
    if (pairs.length === 0) return { kind: 'saved' };
    const [kind] = (await this.live().eval(
      SAVE,
      2,
      this.k(`att:${attemptId}`),
      this.k(`ans:${attemptId}`),
      candidateId,
      String(now),
      String(graceMs),
      ...pairs,
    )) as [SaveOutcome['kind']];
    return { kind };
  }

  async finishAttempt(input: FinishInput): Promise<FinishOutcome> {
    const h = await this.live().hmget(
      this.k(`att:${input.attemptId}`),
      'roundId',
      'candidateId',
      'unitId',
      'number',
      'candidateNo',
    );
    const [roundId, candidateId, unitId, number, candidateNo] = h;
    if (!roundId || !candidateId) return { kind: 'missing' };
    const s = input.score;
    const summary: FinishedAttempt & { unitId: string | null } = {
      attemptId: input.attemptId,
      candidateId,
      candidateNo: Number(candidateNo),
      unitId: unitId || null,
      number: Number(number),
      correct: s.correct,
      total: s.total,
      prediction: input.prediction,
      durationMs: s.durationMs,
      submittedAt: s.submittedAt,
    };
    const kind = (await this.live().eval(
      FINISH,
      6,
      this.k(`att:${input.attemptId}`),
      this.k('due'),
      this.k(`ca:${roundId}:${candidateId}`),
      this.k(`fin:${roundId}`),
      this.k(`part:${roundId}`),
      this.k(`rc:${roundId}`),
      String(input.revision),
      String(s.correct),
      String(s.durationMs),
      String(s.submittedAt),
      s.auto ? '1' : '0',
      input.prediction === null ? '' : String(input.prediction),
      JSON.stringify(summary),
      input.attemptId,
      ...input.perQuestion.flatMap((q) => [String(q.poolIndex), q.correct ? '1' : '0']),
    )) as FinishOutcome['kind'];
    return { kind };
  }

  async dueAttempts(before: number, limit: number): Promise<string[]> {
    return this.live().zrangebyscore(this.k('due'), '-inf', `(${before}`, 'LIMIT', 0, limit);
  }

  async *finishedAttempts(
    roundId: string,
    chunk = 10_000,
  ): AsyncIterable<(FinishedAttempt & { unitId: string | null })[]> {
    const key = this.k(`fin:${roundId}`);
    for (let start = 0; ; start += chunk) {
      const rows = await this.live().lrange(key, start, start + chunk - 1);
      if (rows.length === 0) return;
      yield rows.map((json) => JSON.parse(json) as FinishedAttempt & { unitId: string | null });
      if (rows.length < chunk) return;
    }
  }

  async *roundAttempts(roundId: string, chunk = 1_000): AsyncIterable<AttemptRecord[]> {
    const key = this.k(`atts:${roundId}`);
    for (let start = 0; ; start += chunk) {
      const ids = await this.live().lrange(key, start, start + chunk - 1);
      if (ids.length === 0) return;
      const attempts = await Promise.all(ids.map((id) => this.getAttempt(id)));
      yield attempts.filter((a): a is AttemptRecord => a !== null);
      if (ids.length < chunk) return;
    }
  }

  async counters(roundId: string): Promise<RoundCounters> {
    const h = await this.live().hgetall(this.k(`rc:${roundId}`));
    const out: RoundCounters = {
      started: 0,
      submitted: 0,
      participants: 0,
      units: new Map(),
      questions: new Map(),
    };
    for (const [key, value] of Object.entries(h)) counterKeys.apply(out, key, Number(value));
    return out;
  }

  async participants(roundId: string): Promise<number> {
    return Number((await this.live().hget(this.k(`rc:${roundId}`), 'participants')) ?? 0);
  }

  // — results —

  async saveRanking(roundId: string, computationId: string, rows: RankedCandidate[]): Promise<void> {
    const r = this.live();
    const rowKey = this.k(`rankrow:${roundId}:${computationId}`);
    const posKey = this.k(`rankpos:${roundId}:${computationId}`);
    await r.sadd(this.k(`ranks:${roundId}`), computationId);
    const CHUNK = 2_000;
    for (let i = 0; i < rows.length; i += CHUNK) {
      const slice = rows.slice(i, i + CHUNK);
      const pipeline = r.pipeline();
      pipeline.hset(rowKey, ...slice.flatMap((row) => [String(row.position), JSON.stringify(row)]));
      pipeline.hset(posKey, ...slice.flatMap((row) => [row.candidateId, String(row.position)]));
      for (const [error] of (await pipeline.exec()) ?? []) if (error) throw error;
    }
  }

  async pruneRankings(roundId: string, keep: string): Promise<void> {
    const r = this.live();
    const all = await r.smembers(this.k(`ranks:${roundId}`));
    for (const c of all) {
      if (c === keep) continue;
      await r.unlink(this.k(`rankrow:${roundId}:${c}`), this.k(`rankpos:${roundId}:${c}`));
      await r.srem(this.k(`ranks:${roundId}`), c);
    }
  }

  async rankingPage(
    roundId: string,
    computationId: string,
    offset: number,
    limit: number,
  ): Promise<RankedCandidate[]> {
    const positions = Array.from({ length: limit }, (_, i) => String(offset + i + 1));
    const rows = await this.live().hmget(this.k(`rankrow:${roundId}:${computationId}`), ...positions);
    return rows.flatMap((json) => (json ? [JSON.parse(json) as RankedCandidate] : []));
  }

  async rankingOf(
    roundId: string,
    computationId: string,
    candidateId: string,
  ): Promise<RankedCandidate | null> {
    const position = await this.live().hget(this.k(`rankpos:${roundId}:${computationId}`), candidateId);
    if (!position) return null;
    const json = await this.live().hget(this.k(`rankrow:${roundId}:${computationId}`), position);
    return json ? (JSON.parse(json) as RankedCandidate) : null;
  }

  async rankingSize(roundId: string, computationId: string): Promise<number> {
    return this.live().hlen(this.k(`rankrow:${roundId}:${computationId}`));
  }

  async setVoid(roundId: string, record: VoidRecord): Promise<void> {
    await this.live().hset(this.k(`void:${roundId}`), record.candidateId, JSON.stringify(record));
  }

  async clearVoid(roundId: string, candidateId: string): Promise<boolean> {
    return (await this.live().hdel(this.k(`void:${roundId}`), candidateId)) === 1;
  }

  async voids(roundId: string): Promise<VoidRecord[]> {
    const h = await this.live().hgetall(this.k(`void:${roundId}`));
    return Object.keys(h)
      .sort()
      .map((id) => JSON.parse(h[id]) as VoidRecord);
  }

  // — audit —

  async appendAudit(entry: Omit<OnlineAuditEntry, 'seq'>): Promise<number> {
    const content = onlineAuditContent(entry);
    const scope = this.k(`audit:${entry.roundId ?? ''}`);
    // linked to the round's last entry; another node appending meanwhile makes the script refuse, and it is linked again
    for (let attempt = 0; ; attempt++) {
      const prev = await this.auditHead(scope);
      const json = JSON.stringify({ ...content, hash: entryHash(prev, content) });
      const seq = (await this.live().eval(
        AUDIT,
        3,
        this.k('auditseq'),
        this.k('audit'),
        scope,
        json,
        entry.roundId ?? '',
        prev,
        GENESIS,
      )) as number;
      if (seq >= 0) return seq;
      if (attempt >= 20) throw new Error('audit append kept racing with other nodes');
    }
  }

  /** the last link of a round's audit chain (computed for entries written before chaining) */
  private async auditHead(scope: string): Promise<string> {
    const last = await this.live().lindex(scope, -1);
    if (!last) return GENESIS;
    const stored = JSON.parse(last) as OnlineAuditEntry;
    if (stored.hash) return stored.hash;
    const all = (await this.live().lrange(scope, 0, -1)).map((j) => JSON.parse(j) as OnlineAuditEntry);
    const chain = chainLines(all, onlineAuditContent, (e) => e.hash);
    return chain[chain.length - 1].hash;
  }

  async auditTrail(roundId?: string): Promise<OnlineAuditEntry[]> {
    const key = roundId === undefined ? this.k('audit') : this.k(`audit:${roundId}`);
    const rows = await this.live().lrange(key, 0, -1);
    return rows.map((json) => JSON.parse(json) as OnlineAuditEntry);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.ownsClient) await this.client.quit().catch(() => this.client.disconnect());
  }
}

function attemptOf(h: Hash, answers: Hash): AttemptRecord {
  const draw = JSON.parse(h.draw) as AttemptRecord['draw'];
  const values: (AnswerValue | null)[] = draw.map(() => null);
  let prediction: number | null = null;
  for (const [idx, json] of Object.entries(answers)) {
    const i = Number(idx);
    if (i === PREDICTION_INDEX) prediction = JSON.parse(json) as number | null;
    else if (i >= 0 && i < values.length) values[i] = JSON.parse(json) as AnswerValue | null;
  }
  const submitted = h.status === 'submitted';
  return {
    attemptId: h.attemptId,
    roundId: h.roundId,
    candidateId: h.candidateId,
    candidateNo: Number(h.candidateNo),
    unitId: h.unitId || null,
    number: Number(h.number),
    dayKey: h.dayKey,
    startedAt: Number(h.startedAt),
    deadline: Number(h.deadline),
    poolVersion: Number(h.poolVersion),
    draw,
    status: submitted ? 'submitted' : 'open',
    revision: Number(h.revision),
    answers: values,
    prediction,
    score: submitted
      ? {
          correct: Number(h.correct),
          total: Number(h.total),
          durationMs: Number(h.durationMs),
          submittedAt: Number(h.submittedAt),
          auto: h.auto === '1',
        }
      : null,
  };
}
