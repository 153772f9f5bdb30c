/**
 * Password hashing with scrypt (memory-hard, in node:crypto): N=2^15, r=8, p=1 costs 32 MiB and
 * tens of milliseconds per guess. Stored as `scrypt$N$r$p$salt$hash` (base64url) so the cost can
 * rise later without breaking old hashes.
 */
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

const COST = { N: 2 ** 15, r: 8, p: 1 };
const KEY_LENGTH = 32;

function derive(password: string, salt: Buffer, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(
      password.normalize('NFC'),
      salt,
      KEY_LENGTH,
      { ...options, maxmem: 128 * options.N! * options.r! * 2 },
      (err, key) => (err ? reject(err) : resolve(key)),
    ),
  );
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, COST);
  return ['scrypt', COST.N, COST.r, COST.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64url');
  const key = await derive(password, Buffer.from(salt, 'base64url'), {
    N: Number(n),
    r: Number(r),
    p: Number(p),
  });
  return key.length === expected.length && timingSafeEqual(key, expected);
}

/** a hash nobody's password matches: unknown usernames cost the same time as known ones */
export const DUMMY_HASH = `scrypt$${COST.N}$${COST.r}$${COST.p}$${Buffer.alloc(16).toString('base64url')}$${Buffer.alloc(KEY_LENGTH).toString('base64url')}`;

const TOO_COMMON = new Set([
  '1234567890',
  '0123456789',
  'matkhau123',
  'password123',
  'admin12345',
  'qwertyuiop',
  'abc1234567',
]);

/** why a password is too weak (Vietnamese), or null; the length rule is in the schema */
export function weakPasswordReason(password: string, username: string): string | null {
  const lower = password.toLowerCase();
  if (TOO_COMMON.has(lower)) return 'mật khẩu quá phổ biến';
  if (new Set(password).size < 4) return 'mật khẩu cần ít nhất 4 ký tự khác nhau';
  if (username && lower.includes(username.toLowerCase())) return 'mật khẩu không được chứa tên đăng nhập';
  return null;
}
