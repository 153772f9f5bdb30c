/** PINs and tokens for a show. Random from the OS; compared in constant time. */
import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import type { ShowSecrets } from '../storage/port.ts';

export const newPin = (digits = 6): string =>
  Array.from({ length: digits }, () => String(randomInt(10))).join('');
export const newToken = (bytes = 18): string => randomBytes(bytes).toString('base64url');

/**
 * MC and judge PINs: 10 digits, so even the throttle's yearly allowance (docs/protocol.md, "Guessing a
 * PIN") covers a vanishing share of them. A seat's PIN stays 4 digits for a contestant to type: its
 * throttle, the MC's approval of a takeover and the seat card's QR token protect it.
 */
export const STAFF_PIN_DIGITS = 10;
export const SEAT_PIN_DIGITS = 4;

export function newShowSecrets(seats: number[]): ShowSecrets {
  return {
    hostPin: newPin(STAFF_PIN_DIGITS),
    judgePin: newPin(STAFF_PIN_DIGITS),
    displayToken: newToken(),
    seats: Object.fromEntries(
      seats.map((seat) => [seat, { pin: newPin(SEAT_PIN_DIGITS), joinToken: newToken() }]),
    ),
  };
}

export function sameSecret(given: string | undefined, expected: string): boolean {
  if (given === undefined) return false;
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

export const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');
