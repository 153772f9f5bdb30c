/**
 * The bot check: an ALTCHA-compatible proof of work, made and checked here — no outside service.
 * The server signs a challenge (SHA-256 of salt + a secret random number ≤ maxnumber); the browser
 * finds the number by trying them all (on average maxnumber / 2 hashes), and sends it back. The salt
 * carries its expiry; a solution is accepted once (replays are refused through the store, so on
 * every node). Cheap for one person, costly for a bot registering or starting thousands of attempts.
 */
import { createHash, createHmac, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import type { PowChallenge, PowSolution } from '@cv/shared/protocol/online.ts';
import type { OnlineStore } from '../store/port.ts';

export interface PowOptions {
  /** the largest secret number: work on average maxNumber / 2 SHA-256 hashes [50,000] */
  maxNumber: number;
  /** how long a challenge may be solved and used [10 min] */
  ttlMs: number;
}

export const DEFAULT_POW: PowOptions = { maxNumber: 50_000, ttlMs: 10 * 60_000 };

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

export class ProofOfWork {
  constructor(
    private readonly key: string,
    private readonly store: OnlineStore,
    readonly options: PowOptions,
  ) {}

  challenge(now: number): PowChallenge {
    const salt = `${randomBytes(12).toString('hex')}?expires=${Math.floor((now + this.options.ttlMs) / 1000)}`;
    const challenge = sha256(salt + randomInt(0, this.options.maxNumber + 1));
    return {
      algorithm: 'SHA-256',
      challenge,
      maxnumber: this.options.maxNumber,
      salt,
      signature: this.sign(challenge),
    };
  }

  /** `payload` is base64 of the solution's JSON; true once per valid, unexpired solution */
  async verify(payload: string, now: number): Promise<boolean> {
    let s: Partial<PowSolution>;
    try {
      s = JSON.parse(Buffer.from(payload, 'base64').toString('utf8')) as Partial<PowSolution>;
    } catch {
      return false;
    }
    if (
      s.algorithm !== 'SHA-256' ||
      typeof s.challenge !== 'string' ||
      typeof s.salt !== 'string' ||
      typeof s.signature !== 'string' ||
      typeof s.number !== 'number' ||
      !Number.isInteger(s.number) ||
      s.number < 0 ||
      s.number > this.options.maxNumber
    )
      return false;
    const expires = Number(/[?&]expires=(\d+)/.exec(s.salt)?.[1]) * 1000;
    if (!Number.isFinite(expires) || expires <= now) return false;
    if (!sameHex(s.signature, this.sign(s.challenge))) return false;
    if (sha256(s.salt + s.number) !== s.challenge) return false;
    return this.store.useOnce(`pow:${s.challenge}`, expires, now);
  }

  private sign(challenge: string): string {
    return createHmac('sha256', this.key).update(challenge).digest('hex');
  }
}

function sameHex(a: string, b: string): boolean {
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  return x.length === y.length && timingSafeEqual(x, y);
}

/** what a browser does, for tests, the simulation and the bench: try numbers until the hash matches */
export function solvePow(c: PowChallenge): string {
  for (let n = 0; n <= c.maxnumber; n++) {
    if (sha256(c.salt + n) === c.challenge) {
      const solution: PowSolution = {
        algorithm: c.algorithm,
        challenge: c.challenge,
        number: n,
        salt: c.salt,
        signature: c.signature,
      };
      return Buffer.from(JSON.stringify(solution)).toString('base64');
    }
  }
  throw new Error('no solution within maxnumber');
}
