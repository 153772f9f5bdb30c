/** Times as the candidate reads them: Việt Nam time, whatever the phone's zone. */
const VN = 'Asia/Ho_Chi_Minh';

/** "08:00, 01/11/2023" */
export function vnDateTime(epochMs: number, locale = 'vi-VN'): string {
  return new Intl.DateTimeFormat(locale, {
    timeZone: VN,
    hour: '2-digit',
    minute: '2-digit',
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hourCycle: 'h23',
  }).format(epochMs);
}

/** "mm:ss" (or "h:mm:ss"), never negative */
export function clock(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const mm = String(m).padStart(2, '0');
  const ss = String(s).padStart(2, '0');
  return h > 0 ? `${h}:${mm}:${ss}` : `${mm}:${ss}`;
}

/** days, hours, minutes, seconds until `ms` from now (for the round countdown) */
export function parts(ms: number) {
  const total = Math.max(0, Math.floor(ms / 1000));
  return {
    days: Math.floor(total / 86_400),
    hours: Math.floor((total % 86_400) / 3600),
    minutes: Math.floor((total % 3600) / 60),
    seconds: total % 60,
  };
}

export const number = (n: number, locale = 'vi-VN') => n.toLocaleString(locale);
