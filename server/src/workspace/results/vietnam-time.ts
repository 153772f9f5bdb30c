/** Times as the organizers read them: Vietnam (UTC+7, no daylight saving). */
const OFFSET_MS = 7 * 60 * 60_000;
const pad = (n: number) => String(n).padStart(2, '0');

export function vietnamDateTime(ms: number): string {
  const d = new Date(ms + OFFSET_MS);
  return `${pad(d.getUTCDate())}/${pad(d.getUTCMonth() + 1)}/${d.getUTCFullYear()} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

export function vietnamDateParts(ms: number): { day: number; month: number; year: number } {
  const d = new Date(ms + OFFSET_MS);
  return { day: d.getUTCDate(), month: d.getUTCMonth() + 1, year: d.getUTCFullYear() };
}
