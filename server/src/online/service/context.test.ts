import { describe, expect, it } from 'vitest';
import { idParam } from '@cv/shared/protocol/online-schemas.ts';
import { timeOrderedId } from './context.ts';

describe('timeOrderedId', () => {
  it('sorts as text in the order of its times, across every change in the number of digits', () => {
    const times = [0, 1, 35, 36, 1295, 1296, 1_764_000_000_000, 1_764_000_000_001, 2.9e12, 4e13, 1e14];
    const ids = times.map((t) => timeOrderedId('a', t));
    expect([...ids].reverse().sort()).toEqual(ids);
  });

  it('gives different ids at the same millisecond, in the URL-safe alphabet the routes accept', () => {
    const ids = Array.from({ length: 1000 }, () => timeOrderedId('a', 1_764_000_000_000));
    expect(new Set(ids).size).toBe(1000);
    for (const id of ids.slice(0, 20)) {
      expect(id).toMatch(/^a[0-9a-z]{9}[A-Za-z0-9_-]{14}$/);
      expect(idParam.safeParse({ id }).success).toBe(true);
    }
  });

  it('keeps a fixed-width time for a clock before 1970 or between milliseconds', () => {
    expect(timeOrderedId('a', -5).slice(0, 10)).toBe('a000000000');
    expect(timeOrderedId('a', 36.9).slice(0, 10)).toBe('a000000010');
  });
});
