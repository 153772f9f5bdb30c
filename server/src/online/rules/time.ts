/**
 * The contest's clock: Asia/Ho_Chi_Minh. Việt Nam has kept UTC+7 without daylight saving since 1975,
 * so local time is the epoch shifted by seven hours — computed here, never through the server's own
 * time zone (a server in UTC or abroad must open a round at 08:00 in Đắk Lắk, not at 08:00 where it runs).
 */
export const VN_OFFSET_MS = 7 * 3_600_000;
export const VN_TIME_ZONE = 'Asia/Ho_Chi_Minh';

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** the fields of `epochMs` as a clock in Việt Nam shows them */
function vnParts(epochMs: number) {
  const d = new Date(epochMs + VN_OFFSET_MS);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
  };
}

/** the local day in Việt Nam, "YYYY-MM-DD": what "attempts per day" counts by */
export function vnDayKey(epochMs: number): string {
  const p = vnParts(epochMs);
  return `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}`;
}

/** "YYYY-MM-DDTHH:mm" in Việt Nam time */
export function vnLocalString(epochMs: number): string {
  const p = vnParts(epochMs);
  return `${vnDayKey(epochMs)}T${pad(p.hour)}:${pad(p.minute)}`;
}

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?$/;
const WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?(?:Z|[+-]\d{2}:\d{2})$/;

/**
 * An instant from what an admin sends: epoch ms as is; "YYYY-MM-DDTHH:mm[:ss]" read as Việt Nam
 * time; an ISO string with Z or an offset as written. null when it is none of these or not a real
 * date (31/02 is refused, not rolled over).
 */
export function parseInstant(input: number | string): number | null {
  if (typeof input === 'number') return Number.isInteger(input) && input >= 0 ? input : null;
  const s = input.trim();
  const m = LOCAL.exec(s);
  if (m) {
    const [year, month, day, hour, minute, second] = m.slice(1).map((v) => Number(v ?? 0));
    if (month < 1 || month > 12 || hour > 23 || minute > 59 || second > 59) return null;
    const utc = Date.UTC(year, month - 1, day, hour, minute, second);
    if (new Date(utc).getUTCDate() !== day) return null;
    return utc - VN_OFFSET_MS;
  }
  if (WITH_OFFSET.test(s)) {
    const t = Date.parse(s);
    return Number.isFinite(t) ? t : null;
  }
  return null;
}
