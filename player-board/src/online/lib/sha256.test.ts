import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { sha256Hex } from './sha256.ts';

describe('sha256Hex', () => {
  it('matches node:crypto on empty, short, one-block-edge and multi-block inputs', () => {
    const inputs = [
      '',
      'abc',
      'a'.repeat(55),
      'a'.repeat(56),
      'a'.repeat(64),
      'a'.repeat(119),
      'x'.repeat(300),
    ];
    for (let n = 0; n < 200; n++) inputs.push(`${n.toString(16)}f3a9?expires=1700000000${n}`);
    for (const s of inputs) expect(sha256Hex(s)).toBe(createHash('sha256').update(s).digest('hex'));
  });
});
