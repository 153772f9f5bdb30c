/** Việt Nam local time for the set-up form: what a datetime-local input shows and sends. */
const VN_OFFSET_MS = 7 * 3_600_000;

/** epoch ms → "YYYY-MM-DDTHH:mm" in Việt Nam (the server reads that back as Việt Nam time) */
export function toVnInput(epochMs: number): string {
  return new Date(epochMs + VN_OFFSET_MS).toISOString().slice(0, 16);
}

export function vnText(epochMs: number): string {
  const [date, time] = toVnInput(epochMs).split('T');
  const [y, m, d] = date.split('-');
  return `${time} ${d}/${m}/${y}`;
}
