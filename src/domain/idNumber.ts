import { regionTable } from './regions.js';

/** 居民身份证号码 (GB 11643-1999): 6-digit address code, 8-digit birth date, 3-digit order code, check character. */

export const idNumberProblems = ['empty', 'length', 'characters', 'legacy15', 'region', 'date', 'future', 'checksum'] as const;
export type IdNumberProblem = (typeof idNumberProblems)[number];

export type ParsedIdNumber = {
  /** Normalised: 18 characters, upper-case X. */
  value: string;
  /** First 2 digits. */
  provinceCode: string;
  /** YYYY-MM-DD */
  birthDate: string;
  sex: 'male' | 'female';
};

/** Provinces in the table, plus 83 (港澳台居民居住证), which numbers holders but is no place of insurance. */
const knownProvincePrefixes = new Set([...regionTable.filter((region) => region.level === 'province').map((region) => region.code.slice(0, 2)), '83']);

const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const checkCharacters = '10X98765432';
/** Nobody born before this holds a card that could be bound today; earlier years are typing mistakes. */
const earliestBirthYear = 1900;

/** Full-width forms → half-width, then spaces and dashes removed: people paste numbers in every shape. */
export function normaliseDigits(raw: string): string {
  return raw
    .replace(/[\uFF01-\uFF5E]/g, (character) => String.fromCharCode(character.charCodeAt(0) - 0xfee0))
    .replace(/[\s\u3000\-\u2010-\u2015\u2212]/g, '');
}

export function parseIdNumber(raw: string, today: Date): { ok: true; value: ParsedIdNumber } | { ok: false; problem: IdNumberProblem } {
  const value = normaliseDigits(raw).toUpperCase();
  if (value === '') return { ok: false, problem: 'empty' };
  if (!/^\d*X?$/.test(value)) return { ok: false, problem: 'characters' };
  if (/^\d{15}$/.test(value)) return { ok: false, problem: 'legacy15' };
  if (value.length !== 18) return { ok: false, problem: 'length' };

  const provinceCode = value.slice(0, 2);
  if (!knownProvincePrefixes.has(provinceCode)) return { ok: false, problem: 'region' };

  const birthDate = `${value.slice(6, 10)}-${value.slice(10, 12)}-${value.slice(12, 14)}`;
  if (!isCalendarDate(birthDate) || Number(value.slice(6, 10)) < earliestBirthYear) return { ok: false, problem: 'date' };
  if (birthDate > utcCalendarDate(today)) return { ok: false, problem: 'future' };

  if (checkCharacterOf(value.slice(0, 17)) !== value[17]) return { ok: false, problem: 'checksum' };

  return { ok: true, value: { value, provinceCode, birthDate, sex: sexOfIdNumber(value) } };
}

/** Whole years completed on `on` (its UTC calendar date); someone born on 29 February turns a year older on 1 March in other years. */
export function ageOn(birthDate: string, on: Date): number {
  const [birthYear, birthMonth, birthDay] = birthDate.split('-').map(Number) as [number, number, number];
  const year = on.getUTCFullYear();
  const month = on.getUTCMonth() + 1;
  const day = on.getUTCDate();
  const hadBirthday = month > birthMonth || (month === birthMonth && day >= birthDay);
  return year - birthYear - (hadBirthday ? 0 : 1);
}

function checkCharacterOf(body17: string): string {
  let sum = 0;
  for (let index = 0; index < 17; index += 1) sum += Number(body17[index]) * (weights[index] ?? 0);
  return checkCharacters[sum % 11] ?? '';
}

function isCalendarDate(isoDate: string): boolean {
  const date = new Date(`${isoDate}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === isoDate;
}

function utcCalendarDate(moment: Date): string {
  return moment.toISOString().slice(0, 10);
}

/** The sex an 18-digit ID number records: its 17th digit is odd for men. */
export function sexOfIdNumber(value: string): 'male' | 'female' {
  return Number(value[16]) % 2 === 1 ? 'male' : 'female';
}
