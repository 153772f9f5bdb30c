/** PINs and tokens for a show. Random from the OS; compared in constant time. */
import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import type { ShowSecrets } from '../storage/port.ts';

export const newPin = (digits = 6): string =>
  Array.from({ length: digits }, () => String(randomInt(10))).join('');
export const newToken = (bytes = 18): string => randomBytes(bytes).toString('base64url');

export function newShowSecrets(seats: number[]): ShowSecrets {
  return {
    hostPin: newPin(6),
    judgePin: newPin(6),
    displayToken: newToken(),
    seats: Object.fromEntries(seats.map((seat) => [seat, { pin: newPin(4), joinToken: newToken() }])),
  };
}

export function sameSecret(given: string | undefined, expected: string): boolean {
  if (given === undefined) return false;
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

export const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');
