/** Solving the server's bot check (ALTCHA-style proof of work) in slices, so the page stays responsive. */
import type { PowChallenge, PowSolution } from '@cv/shared/protocol/online.ts';
import { sha256Hex } from './sha256.ts';

const SLICE = 2_000;

/** base64 of the solution's JSON; `onProgress` gets 0..1 (of the worst case) */
export async function solvePow(c: PowChallenge, onProgress?: (fraction: number) => void): Promise<string> {
  for (let start = 0; start <= c.maxnumber; start += SLICE) {
    const end = Math.min(c.maxnumber, start + SLICE - 1);
    for (let n = start; n <= end; n++) {
      if (sha256Hex(c.salt + n) === c.challenge) {
        const solution: PowSolution = {
          algorithm: c.algorithm,
          challenge: c.challenge,
          number: n,
          salt: c.salt,
          signature: c.signature,
        };
        return btoa(JSON.stringify(solution));
      }
    }
    onProgress?.(end / c.maxnumber);
    await new Promise((r) => setTimeout(r, 0));
  }
  throw new Error('no solution');
}
