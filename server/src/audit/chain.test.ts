import { describe, expect, it } from 'vitest';
import type { CommandRecord } from '../storage/port.ts';
import { canonicalJson, chainOf, GENESIS, headOf, recordHash, verifyChain } from './chain.ts';

const record = (version: number | null, extra: Partial<CommandRecord> = {}): CommandRecord => ({
  showId: 's',
  version,
  engineVersion: 1,
  at: 1_700_000_000_000 + (version ?? 0),
  actorId: 'host',
  role: 'host',
  type: 'question:open',
  payload: { type: 'question:open', version },
  outcome: version === null ? 'STALE_VERSION' : 'ok',
  ...extra,
});

/** a trail as a store writes it: each record carries its link */
function written(records: CommandRecord[]): CommandRecord[] {
  let prev = GENESIS;
  return records.map((r) => {
    const hash = recordHash(prev, r);
    prev = hash;
    return { ...r, hash };
  });
}

const trail = written([
  record(1),
  record(null),
  record(2, { payload: { reason: 'Đúng "VNeID"' } }),
  record(3),
  record(4),
]);
const lines = () => chainOf(trail).map((l) => JSON.parse(JSON.stringify(l)) as Record<string, unknown>);

describe('audit hash chain', () => {
  it('verifies an intact trail and gives its digest: the last link', () => {
    expect(verifyChain(lines())).toEqual({ ok: true, entries: 5, digest: trail[4].hash });
    expect(headOf(trail)).toBe(trail[4].hash);
    expect(verifyChain([])).toEqual({ ok: true, entries: 0, digest: GENESIS });
    expect(verifyChain(lines(), trail[4].hash!)).toMatchObject({ ok: true });
  });

  it('names an altered entry, whatever field changed', () => {
    for (const change of [
      { outcome: 'FORBIDDEN' },
      { actor: 'judge' },
      { at: '2023-11-14T22:13:20.003Z' },
      { payload: { type: 'x' } },
    ]) {
      const l = lines();
      Object.assign(l[2], change);
      expect(verifyChain(l)).toMatchObject({
        ok: false,
        line: 3,
        problem: expect.stringContaining('entry 3 was altered'),
      });
    }
    // changing the hash along with the content does not help: the next entry no longer follows it
    const l = lines();
    l[2].outcome = 'FORBIDDEN';
    l[2].hash = recordHash(l[2].prev as string, { ...trail[2], outcome: 'FORBIDDEN' });
    expect(verifyChain(l)).toMatchObject({
      ok: false,
      line: 4,
      problem: expect.stringContaining('out of place'),
    });
  });

  it('names the entry after a removed one, and entries moved out of order', () => {
    const removed = lines().filter((_, i) => i !== 1);
    expect(verifyChain(removed)).toMatchObject({
      ok: false,
      line: 2,
      problem: expect.stringContaining('entry 2 is out of place'),
    });
    const l = lines();
    const swapped = [l[0], l[2], l[1], l[3], l[4]];
    expect(verifyChain(swapped)).toMatchObject({ ok: false, line: 2 });
    const first = lines().slice(1);
    expect(verifyChain(first)).toMatchObject({
      ok: false,
      line: 1,
      problem: expect.stringContaining('missing'),
    });
  });

  it('with the published digest, catches a trail cut short or extended at its end', () => {
    expect(verifyChain(lines().slice(0, 3), trail[4].hash!)).toMatchObject({
      ok: false,
      problem: expect.stringContaining('published digest'),
    });
    expect(verifyChain(lines(), trail[2].hash!)).toMatchObject({
      ok: false,
      line: 4,
      problem: expect.stringContaining('added later'),
    });
  });

  it('hashes a canonical form: key order does not matter, `__proto__` is an ordinary key', () => {
    expect(canonicalJson({ b: 1, a: { d: 2, c: [3, { f: 4, e: 5 }] } })).toBe(
      '{"a":{"c":[3,{"e":5,"f":4}],"d":2},"b":1}',
    );
    expect(canonicalJson(JSON.parse('{"__proto__":{"x":1},"a":1}'))).toBe('{"__proto__":{"x":1},"a":1}');
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });
});
