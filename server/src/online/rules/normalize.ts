/**
 * What people type, made comparable. Pure.
 *
 * Phones arrive as "0912 345 678", "0912.345.678", "+84 912 345 678", "84912345678", "(+84) 912-345-678",
 * in full-width digits from some keyboards, or without the leading 0; CCCD numbers with spaces or
 * dots; names from Word or a Mac keyboard in decomposed Unicode (NFD) with doubled spaces. One person
 * must compare equal to themselves however they typed it.
 */

/** NFKC turns full-width digits (０１２) into ASCII ones; the rest of the text is NFC */
const digitsOnly = (s: string) => s.normalize('NFKC').replace(/[\s.\-()/_,]/g, '');

/** a Vietnamese mobile or landline number as 10 digits starting with 0; null when it cannot be one */
export function normalizePhone(raw: string): string | null {
  let s = digitsOnly(raw);
  if (s.startsWith('+84')) s = s.slice(3);
  else if (s.startsWith('0084')) s = s.slice(4);
  else if (s.startsWith('84') && s.length === 11) s = s.slice(2);
  if (!/^\d+$/.test(s)) return null;
  if (s.length === 9 && s[0] !== '0') s = `0${s}`;
  return /^0[1-9]\d{8}$/.test(s) ? s : null;
}

/** CCCD (12 digits) or old CMND (9 digits), kept as text: leading zeros are part of it */
export function normalizeIdNumber(raw: string): string | null {
  const s = digitsOnly(raw);
  return /^(\d{12}|\d{9})$/.test(s) ? s : null;
}

/** NFC, trimmed, single spaces; the letters themselves are kept as typed */
export function normalizeName(raw: string): string {
  return raw.normalize('NFC').replace(/\s+/g, ' ').trim();
}

/** free text (district, occupation…): NFC, single spaces */
export const normalizeText = normalizeName;

/** two or more words of letters (any script's marks included), apostrophes, dots or hyphens */
export const isPlausibleName = (name: string): boolean =>
  name.length >= 3 && name.length <= 100 && /^[\p{L}\p{M}'’.-]+(?: [\p{L}\p{M}'’.-]+)+$/u.test(name);

/** "0912345678" → "0912***678" */
export const maskPhone = (phone: string): string =>
  phone.length >= 7 ? `${phone.slice(0, 4)}***${phone.slice(-3)}` : '***';

/** "066195001234" → "*********234" */
export const maskId = (id: string): string => `${'*'.repeat(Math.max(0, id.length - 3))}${id.slice(-3)}`;
