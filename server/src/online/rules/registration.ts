/**
 * Registration: which fields the deployment asks for, what each must look like after normalising,
 * and the checks a CCCD allows (its 4th digit encodes sex and century, the 5th–6th the birth year).
 * Pure: the caller supplies the unit list and `now`.
 */
import {
  FIELD_PROBLEM_VI,
  type FieldMode,
  type FieldProblem,
  type FieldProblemCode,
  type Gender,
  type RegistrationField,
  type RegistrationForm,
  type RegistrationInput,
} from '@cv/shared/protocol/online.ts';
import {
  isPlausibleName,
  normalizeIdNumber,
  normalizeName,
  normalizePhone,
  normalizeText,
} from './normalize.ts';
import { vnDayKey } from './time.ts';

/** a registration after normalising: what is stored and compared */
export interface NormalizedRegistration {
  fullName: string;
  idNumber: string;
  phone: string;
  birth: string | null;
  gender: Gender | null;
  unitId: string | null;
  district: string | null;
  commune: string | null;
  occupation: string | null;
}

export type RegistrationCheck =
  { ok: true; value: NormalizedRegistration } | { ok: false; problems: FieldProblem[] };

const problem = (field: RegistrationField, code: FieldProblemCode): FieldProblem => ({
  field,
  code,
  message: FIELD_PROBLEM_VI[code],
});

/** dd/mm/yyyy (also with - or .), yyyy-mm-dd from a date input, or a year, as the form's precision asks */
export function parseBirth(raw: string, precision: 'date' | 'year', now: number): string | null {
  const s = raw.normalize('NFKC').trim();
  const thisYear = Number(vnDayKey(now).slice(0, 4));
  const yearOk = (y: number) => y >= 1900 && y <= thisYear;
  if (precision === 'year') {
    if (!/^\d{4}$/.test(s)) return null;
    return yearOk(Number(s)) ? s : null;
  }
  let d: number, m: number, y: number;
  let match = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(s);
  if (match) [d, m, y] = match.slice(1).map(Number);
  else if ((match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s))) [y, m, d] = match.slice(1).map(Number);
  else return null;
  if (!yearOk(y) || m < 1 || m > 12 || d < 1) return null;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCDate() !== d) return null;
  const iso = `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  return iso <= vnDayKey(now) ? iso : null;
}

/** birth year and sex a 12-digit CCCD encodes; null for a 9-digit CMND */
export function cccdFacts(idNumber: string): { year: number; gender: Gender } | null {
  if (idNumber.length !== 12) return null;
  const code = Number(idNumber[3]);
  const century = 1900 + Math.floor(code / 2) * 100;
  return { year: century + Number(idNumber.slice(4, 6)), gender: code % 2 === 0 ? 'male' : 'female' };
}

/** check and normalise one registration against the form; `unitIds` are the units a candidate may choose */
export function checkRegistration(
  input: RegistrationInput,
  form: RegistrationForm,
  unitIds: ReadonlySet<string>,
  now: number,
): RegistrationCheck {
  const problems: FieldProblem[] = [];
  const present = (v: string | undefined): v is string => v !== undefined && v.trim() !== '';

  const fullName = normalizeName(input.fullName);
  if (!fullName) problems.push(problem('fullName', 'REQUIRED'));
  else if (!isPlausibleName(fullName)) problems.push(problem('fullName', 'NAME_INVALID'));

  const idNumber = present(input.idNumber) ? normalizeIdNumber(input.idNumber) : null;
  if (!present(input.idNumber)) problems.push(problem('idNumber', 'REQUIRED'));
  else if (!idNumber) problems.push(problem('idNumber', 'ID_INVALID'));

  const phone = present(input.phone) ? normalizePhone(input.phone) : null;
  if (!present(input.phone)) problems.push(problem('phone', 'REQUIRED'));
  else if (!phone) problems.push(problem('phone', 'PHONE_INVALID'));

  /** the field's value if the form asks for it; records REQUIRED / NOT_ASKED */
  const asked = (field: RegistrationField, mode: FieldMode, raw: string | undefined): string | null => {
    if (mode === 'off') {
      if (present(raw)) problems.push(problem(field, 'NOT_ASKED'));
      return null;
    }
    if (!present(raw)) {
      if (mode === 'required') problems.push(problem(field, 'REQUIRED'));
      return null;
    }
    return raw;
  };

  const birthRaw = asked('birth', form.birth.mode, input.birth);
  const birth = birthRaw === null ? null : parseBirth(birthRaw, form.birth.precision, now);
  if (birthRaw !== null && birth === null) problems.push(problem('birth', 'BIRTH_INVALID'));

  const gender = asked('gender', form.gender, input.gender) as Gender | null;

  const unitId = asked('unitId', form.unitId, input.unitId);
  if (unitId !== null && !unitIds.has(unitId)) problems.push(problem('unitId', 'UNIT_UNKNOWN'));

  const freeText = (field: 'district' | 'commune' | 'occupation') => {
    const raw = asked(field, form[field], input[field]);
    if (raw === null) return null;
    const value = normalizeText(raw);
    if (value.length > 120) {
      problems.push(problem(field, 'TOO_LONG'));
      return null;
    }
    return value;
  };
  const district = freeText('district');
  const commune = freeText('commune');
  const occupation = freeText('occupation');

  // a CCCD says when and as whom its holder was born: a mismatch is a typo (or someone else's card)
  const facts = idNumber ? cccdFacts(idNumber) : null;
  if (facts && birth && Number(birth.slice(0, 4)) !== facts.year)
    problems.push(problem('birth', 'BIRTH_ID_MISMATCH'));
  if (facts && gender && gender !== facts.gender) problems.push(problem('gender', 'GENDER_ID_MISMATCH'));

  if (problems.length > 0 || !idNumber || !phone) return { ok: false, problems };
  return {
    ok: true,
    value: { fullName, idNumber, phone, birth, gender, unitId, district, commune, occupation },
  };
}
