/**
 * The hash chain that makes a show's audit trail tamper-evident. Each entry's hash is
 * SHA-256(previous hash + "\n" + the entry as exported, in canonical JSON); the first entry follows
 * GENESIS. The store computes it when the entry is written, so an entry changed in the database
 * afterwards no longer matches its hash; the final hash (the digest) can be published with the
 * results, so removing entries from the end is caught too. Pure: no I/O.
 */
import { createHash } from 'node:crypto';
import type { AdminAuditEntry } from '@cv/shared/protocol';
import type { CommandRecord } from '../storage/port.ts';
import { auditLineOf, type AuditLine } from './export.ts';

export const GENESIS = sha256('chuong-vang audit trail v1');

/** an exported entry with its place in the chain */
export interface ChainedLine extends AuditLine {
  prev: string;
  hash: string;
}

export function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/**
 * JSON with object keys sorted at every level: the same value always gives the same text. Written out
 * directly (not stringify → parse → sort): it runs for every record a show writes.
 */
export function canonicalJson(value: unknown): string {
  return canon(value) ?? 'null';
}

/** JSON.stringify's rules (undefined/functions dropped from objects, null in arrays), keys sorted */
function canon(value: unknown): string | undefined {
  if (value === null || typeof value !== 'object') {
    return typeof value === 'function' || value === undefined ? undefined : JSON.stringify(value);
  }
  const json = (value as { toJSON?: () => unknown }).toJSON;
  if (typeof json === 'function') return canon(json.call(value));
  if (Array.isArray(value)) return `[${value.map((v) => canon(v) ?? 'null').join(',')}]`;
  const parts: string[] = [];
  // own keys only: `__proto__` from a payload is an ordinary key here
  for (const key of Object.keys(value).sort()) {
    const text = canon((value as Record<string, unknown>)[key]);
    if (text !== undefined) parts.push(`${JSON.stringify(key)}:${text}`);
  }
  return `{${parts.join(',')}}`;
}

/** the link of one entry: what it says (as exported, without its chain fields) after the previous link */
export function entryHash(prev: string, content: object): string {
  return sha256(`${prev}\n${canonicalJson(content)}`);
}

export function recordHash(prev: string, record: CommandRecord): string {
  return entryHash(prev, auditLineOf(record));
}

/**
 * The trail as chained lines: stored hashes are kept as they are (a changed entry then fails
 * verification); entries written before chaining existed get theirs computed here.
 */
export function chainOf(records: readonly CommandRecord[]): ChainedLine[] {
  return chainLines(records, auditLineOf, (r) => r.hash);
}

/**
 * Any trail as chained lines: `contentOf` is what is hashed and exported; stored hashes are kept as
 * they are (a changed entry then fails verification); entries written before chaining existed get
 * theirs computed here.
 */
export function chainLines<T, C extends object>(
  items: readonly T[],
  contentOf: (item: T) => C,
  storedHash: (item: T) => string | null | undefined,
): (C & { prev: string; hash: string })[] {
  let prev = GENESIS;
  return items.map((item) => {
    const content = contentOf(item);
    const hash = storedHash(item) ?? entryHash(prev, content);
    const chained = { ...content, prev, hash };
    prev = hash;
    return chained;
  });
}

/** the hash of the last entry (GENESIS for an empty trail): what the committee publishes */
export function headOf(records: readonly CommandRecord[]): string {
  const lines = chainOf(records);
  return lines.length ? lines[lines.length - 1].hash : GENESIS;
}

export type Verdict =
  | { ok: true; entries: number; digest: string }
  | { ok: false; entries: number; line: number; problem: string };

/**
 * Checks a chained trail line by line (line numbers from 1) and names the first entry that was
 * altered, or that does not follow the entry before it (one removed, inserted or moved); with the
 * published digest, also a trail cut short or extended at its end.
 */
export function verifyChain(lines: readonly unknown[], publishedDigest?: string): Verdict {
  const hashes = new Map<string, number>([[GENESIS, 0]]);
  let prev = GENESIS;
  for (const [i, raw] of lines.entries()) {
    const n = i + 1;
    const entry = raw as Partial<ChainedLine>;
    if (
      !entry ||
      typeof entry !== 'object' ||
      typeof entry.hash !== 'string' ||
      typeof entry.prev !== 'string'
    )
      return { ok: false, entries: lines.length, line: n, problem: `entry ${n} has no hash chain fields` };
    const { prev: claimed, hash, ...content } = entry as ChainedLine;
    if (entryHash(claimed, content) !== hash)
      return {
        ok: false,
        entries: lines.length,
        line: n,
        problem: `entry ${n} was altered (its content no longer matches its hash)`,
      };
    if (claimed !== prev) {
      const follows = hashes.get(claimed);
      const where =
        follows === undefined
          ? 'an entry before it is missing'
          : follows < n - 1
            ? `it follows entry ${follows}: the entries between were removed or moved`
            : `it follows entry ${follows}, which comes later: entries were reordered`;
      return { ok: false, entries: lines.length, line: n, problem: `entry ${n} is out of place (${where})` };
    }
    hashes.set(hash, n);
    prev = hash;
  }
  if (publishedDigest !== undefined && publishedDigest !== prev) {
    const at = hashes.get(publishedDigest);
    const problem =
      at === undefined
        ? 'the trail does not end at the published digest (entries were removed from or added to its end, or it is another trail)'
        : `the published digest is entry ${at}'s: the entries after it were added later`;
    return {
      ok: false,
      entries: lines.length,
      line: Math.min(lines.length, (at ?? lines.length - 1) + 1),
      problem,
    };
  }
  return { ok: true, entries: lines.length, digest: prev };
}

/** JSON Lines with the chain fields: the verifiable export */
export function chainedJsonl(records: readonly CommandRecord[]): string {
  return chainOf(records)
    .map((l) => JSON.stringify(l) + '\n')
    .join('');
}

/** what the online rounds' audit chain hashes of an entry (its global sequence number is not part of it) */
export interface OnlineAuditContent {
  at: number;
  actor: string;
  action: string;
  roundId: string | null;
  detail: Record<string, unknown>;
}

export const onlineAuditContent = (e: OnlineAuditContent): OnlineAuditContent => ({
  at: e.at,
  actor: e.actor,
  action: e.action,
  roundId: e.roundId,
  detail: e.detail,
});

/** a round's audit (or the entries of no round) as verifiable JSON Lines */
export function chainedOnlineJsonl(
  entries: readonly (OnlineAuditContent & { hash?: string | null })[],
): string {
  return chainLines(entries, onlineAuditContent, (e) => e.hash)
    .map((l) => JSON.stringify(l) + '\n')
    .join('');
}

/** what the organizers' admin audit chain hashes of an entry: the whole entry, `seq` included */
export const adminAuditContent = (e: AdminAuditEntry): AdminAuditEntry => ({
  scope: e.scope,
  seq: e.seq,
  at: e.at,
  actorId: e.actorId,
  actorName: e.actorName,
  via: e.via,
  action: e.action,
  target: e.target,
  before: e.before,
  after: e.after,
});

/** the admin audit (one chain across all scopes, in write order) as chained lines */
export function chainAdminAudit(
  entries: readonly (AdminAuditEntry & { hash?: string | null })[],
): (AdminAuditEntry & { prev: string; hash: string })[] {
  return chainLines(entries, adminAuditContent, (e) => e.hash);
}
