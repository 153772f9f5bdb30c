import { afterEach, describe, expect, it } from 'vitest';
import { parseInstant, vnDayKey, vnLocalString } from './time.ts';
import { lockedChanges, roundPhase } from './window.ts';

const ORIGINAL_TZ = process.env.TZ;
afterEach(() => {
  if (ORIGINAL_TZ === undefined) delete process.env.TZ;
  else process.env.TZ = ORIGINAL_TZ;
});
/** zones far from Việt Nam on both sides; Node applies a changed TZ to new Date computations at once */
const ZONES = ['UTC', 'America/Los_Angeles', 'Pacific/Kiritimati', 'Asia/Ho_Chi_Minh', 'Europe/London'];

describe('Việt Nam local time, whatever the server’s zone', () => {
  it('reads a local date-time as Asia/Ho_Chi_Minh (UTC+7)', () => {
    for (const zone of ZONES) {
      process.env.TZ = zone;
      expect(parseInstant('2023-11-01T08:00')).toBe(Date.UTC(2023, 10, 1, 1, 0));
      expect(parseInstant('2023-11-01 00:00:00')).toBe(Date.UTC(2023, 9, 31, 17, 0));
      expect(vnDayKey(Date.UTC(2023, 9, 31, 17, 0))).toBe('2023-11-01');
      expect(vnDayKey(Date.UTC(2023, 9, 31, 16, 59, 59, 999))).toBe('2023-10-31');
      expect(vnLocalString(Date.UTC(2023, 11, 31, 17, 30))).toBe('2024-01-01T00:30');
    }
  });

  it('agrees with the platform’s own Asia/Ho_Chi_Minh rules over years of instants', () => {
    const fmt = new Intl.DateTimeFormat('en-CA', {
      timeZone: 'Asia/Ho_Chi_Minh',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    for (let t = Date.UTC(2020, 0, 1); t < Date.UTC(2030, 0, 1); t += 7_777_777) {
      const p = Object.fromEntries(fmt.formatToParts(t).map((x) => [x.type, x.value]));
      expect(vnLocalString(t)).toBe(`${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}`);
    }
  });

  it('takes explicit offsets and epoch ms as written, refuses impossible dates and other text', () => {
    expect(parseInstant('2023-11-01T08:00:00+07:00')).toBe(Date.UTC(2023, 10, 1, 1, 0));
    expect(parseInstant('2023-11-01T01:00:00Z')).toBe(Date.UTC(2023, 10, 1, 1, 0));
    expect(parseInstant(1_700_000_000_000)).toBe(1_700_000_000_000);
    expect(parseInstant('2023-02-29T08:00')).toBeNull();
    expect(parseInstant('2023-11-31T08:00')).toBeNull();
    expect(parseInstant('2023-11-01T24:00')).toBeNull();
    expect(parseInstant('01/11/2023 08:00')).toBeNull();
    expect(parseInstant(-1)).toBeNull();
  });
});

describe('round window at its local-time edges', () => {
  const settings = {
    opensAt: parseInstant('2023-11-01T00:00')!,
    closesAt: parseInstant('2023-11-10T23:59:59')!,
  };

  it('opens exactly at local midnight and not a millisecond before, in any server zone', () => {
    for (const zone of ZONES) {
      process.env.TZ = zone;
      expect(roundPhase(settings, Date.UTC(2023, 9, 31, 16, 59, 59, 999))).toBe('upcoming');
      expect(roundPhase(settings, Date.UTC(2023, 9, 31, 17, 0, 0, 0))).toBe('open');
    }
  });

  it('closes at 23:59:59 local on the tenth day (close is exclusive)', () => {
    const close = Date.UTC(2023, 10, 10, 16, 59, 59);
    expect(roundPhase(settings, close - 1)).toBe('open');
    expect(roundPhase(settings, close)).toBe('closed');
  });

  it('locks fairness settings once open; the close may move only forward while open', () => {
    const base = {
      title: 'Kỳ 1',
      description: '',
      ...settings,
      quotas: [{ topicId: 't', count: 10 }],
      timeLimitSec: 600,
      attemptsPerDay: 1,
      attemptsPerRound: 3,
      counted: 'best' as const,
      prediction: null,
      prizes: {
        individual: { first: 1, second: 1, third: 1, consolation: 2 },
        collective: { first: 1, second: 1, third: 1 },
        collectiveBy: 'rate' as const,
      },
      visibility: { afterSubmit: 'score' as const, afterClose: 'full' as const },
    };
    const before = settings.opensAt - 1;
    const during = settings.opensAt + 1000;
    expect(lockedChanges(base, { ...base, timeLimitSec: 900 }, before)).toEqual([]);
    expect(lockedChanges(base, { ...base, timeLimitSec: 900, attemptsPerDay: 2 }, during)).toEqual([
      'timeLimitSec',
      'attemptsPerDay',
    ]);
    expect(
      lockedChanges(base, { ...base, title: 'Kỳ 1 — sửa', closesAt: base.closesAt + 86_400_000 }, during),
    ).toEqual([]);
    expect(lockedChanges(base, { ...base, closesAt: during - 1 }, during)).toEqual(['closesAt']);
    expect(lockedChanges(base, { ...base, closesAt: base.closesAt + 1 }, base.closesAt)).toEqual([
      'closesAt',
    ]);
  });
});
