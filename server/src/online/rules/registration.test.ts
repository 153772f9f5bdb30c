import { DEFAULT_REGISTRATION_FORM, type RegistrationForm } from '@cv/shared/protocol/online.ts';
import { describe, expect, it } from 'vitest';
import { maskId, maskPhone, normalizeIdNumber, normalizeName, normalizePhone } from './normalize.ts';
import { cccdFacts, checkRegistration, parseBirth } from './registration.ts';

const NOW = Date.UTC(2023, 10, 5);
const UNITS = new Set(['so-tu-phap', 'cong-an-tinh']);

describe('phone numbers as people write them', () => {
  it.each([
    ['0912345678'],
    ['0912 345 678'],
    ['0912.345.678'],
    ['0912-345-678'],
    ['+84 912 345 678'],
    ['+84912345678'],
    ['84912345678'],
    ['(+84) 912.345.678'],
    ['0084 912 345 678'],
    ['912345678'],
    ['０９１２３４５６７８'],
  ])('%s → 0912345678', (raw) => {
    expect(normalizePhone(raw)).toBe('0912345678');
  });

  it.each([['091234567'], ['09123456789'], ['0012345678'], ['abc'], ['+1 212 555 0100'], ['']])(
    'refuses %s',
    (raw) => {
      expect(normalizePhone(raw)).toBeNull();
    },
  );
});

describe('CCCD / CMND numbers as text', () => {
  it('keeps leading zeros and drops spaces and dots', () => {
    expect(normalizeIdNumber('066 195 001 234')).toBe('066195001234');
    expect(normalizeIdNumber('066.195.001.234')).toBe('066195001234');
    expect(normalizeIdNumber('241234567')).toBe('241234567');
    expect(normalizeIdNumber('66195001234')).toBeNull(); // Excel ate the leading 0: 11 digits
    expect(normalizeIdNumber('0661950012345')).toBeNull();
  });

  it('reads sex and birth year from a CCCD', () => {
    // 4th digit: 0/1 = male/female born in the 1900s, 2/3 = in the 2000s; 5th–6th: the year
    expect(cccdFacts('066095001234')).toEqual({ year: 1995, gender: 'male' });
    expect(cccdFacts('066195001234')).toEqual({ year: 1995, gender: 'female' });
    expect(cccdFacts('066305001234')).toEqual({ year: 2005, gender: 'female' });
    expect(cccdFacts('066205001234')).toEqual({ year: 2005, gender: 'male' });
    expect(cccdFacts('241234567')).toBeNull();
  });
});

describe('names in any Unicode form', () => {
  it('NFD from Word and NFC compare equal after normalising', () => {
    const nfd = 'Nguyễn  Thị   Ánh'.normalize('NFD');
    expect(nfd).not.toBe('Nguyễn Thị Ánh');
    expect(normalizeName(nfd)).toBe('Nguyễn Thị Ánh');
    expect(normalizeName(' Ê Đê  Y ')).toBe('Ê Đê Y');
  });

  it('masks phones and ids for display', () => {
    expect(maskPhone('0912345678')).toBe('0912***678');
    expect(maskId('066195001234')).toBe('*********234');
  });
});

describe('birth dates', () => {
  it('reads dd/mm/yyyy, d/m/yyyy, yyyy-mm-dd and a year, refuses impossible or future dates', () => {
    expect(parseBirth('05/09/1995', 'date', NOW)).toBe('1995-09-05');
    expect(parseBirth('5-9-1995', 'date', NOW)).toBe('1995-09-05');
    expect(parseBirth('1995-09-05', 'date', NOW)).toBe('1995-09-05');
    expect(parseBirth('29/02/2023', 'date', NOW)).toBeNull();
    expect(parseBirth('01/01/2030', 'date', NOW)).toBeNull();
    expect(parseBirth('1995', 'year', NOW)).toBe('1995');
    expect(parseBirth('1899', 'year', NOW)).toBeNull();
    expect(parseBirth('95', 'year', NOW)).toBeNull();
  });
});

describe('checkRegistration', () => {
  const input = {
    fullName: 'nguyễn   văn an'.normalize('NFD'),
    idNumber: '066 095 001 234',
    phone: '+84 912.345.678',
    birth: '1995',
    gender: 'male' as const,
    unitId: 'so-tu-phap',
    district: ' TP. Buôn Ma Thuột ',
    occupation: 'Công chức',
  };

  it('normalises a valid registration', () => {
    const r = checkRegistration(input, DEFAULT_REGISTRATION_FORM, UNITS, NOW);
    expect(r).toEqual({
      ok: true,
      value: {
        fullName: 'nguyễn văn an',
        idNumber: '066095001234',
        phone: '0912345678',
        birth: '1995',
        gender: 'male',
        unitId: 'so-tu-phap',
        district: 'TP. Buôn Ma Thuột',
        commune: null,
        occupation: 'Công chức',
      },
    });
  });

  it('lists every problem with a Vietnamese message', () => {
    const r = checkRegistration(
      { fullName: 'An', idNumber: '12345', phone: '12', birth: '1990', unitId: 'nope', commune: 'Ea Tu' },
      DEFAULT_REGISTRATION_FORM,
      UNITS,
      NOW,
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems.map((p) => [p.field, p.code])).toEqual([
      ['fullName', 'NAME_INVALID'],
      ['idNumber', 'ID_INVALID'],
      ['phone', 'PHONE_INVALID'],
      ['unitId', 'UNIT_UNKNOWN'],
      ['commune', 'NOT_ASKED'],
    ]);
    expect(r.problems[2].message).toMatch(/10 chữ số/);
  });

  it('catches a birth year or sex that the CCCD contradicts', () => {
    const r = checkRegistration(
      { ...input, birth: '1996', gender: 'female' },
      DEFAULT_REGISTRATION_FORM,
      UNITS,
      NOW,
    );
    expect(!r.ok && r.problems.map((p) => p.code)).toEqual(['BIRTH_ID_MISMATCH', 'GENDER_ID_MISMATCH']);
  });

  it('follows the form: required, optional and switched-off fields', () => {
    const form: RegistrationForm = {
      birth: { mode: 'off', precision: 'date' },
      gender: 'off',
      unitId: 'optional',
      district: 'required',
      commune: 'required',
      occupation: 'off',
    };
    const r = checkRegistration(
      { fullName: 'Trần Thị Bình', idNumber: '241234567', phone: '0912345678', district: 'Krông Pắc' },
      form,
      UNITS,
      NOW,
    );
    expect(!r.ok && r.problems.map((p) => [p.field, p.code])).toEqual([['commune', 'REQUIRED']]);
    const ok = checkRegistration(
      {
        fullName: 'Trần Thị Bình',
        idNumber: '241234567',
        phone: '0912345678',
        district: 'Krông Pắc',
        commune: 'Ea Phê',
      },
      form,
      UNITS,
      NOW,
    );
    expect(ok.ok && ok.value.unitId).toBeNull();
  });
});
