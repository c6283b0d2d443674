import { normaliseDigits } from './idNumber.js';

/** Mainland mobile numbers: 11 digits starting 1[3-9]. */

export const phoneProblems = ['empty', 'characters', 'length', 'prefix'] as const;
export type PhoneProblem = (typeof phoneProblems)[number];

/** +86 / 0086 always; a bare 86 only when an 11-digit number follows, since 86… is no mobile prefix itself. */
const countryPrefix = /^(?:\+86|0086|86(?=\d{11}$))/;

export function parsePhone(raw: string): { ok: true; value: string } | { ok: false; problem: PhoneProblem } {
  const normalised = normaliseDigits(raw).replace(/[()]/g, '');
  if (normalised === '') return { ok: false, problem: 'empty' };
  const value = normalised.replace(countryPrefix, '');
  if (!/^\d+$/.test(value)) return { ok: false, problem: 'characters' };
  if (value.length !== 11) return { ok: false, problem: 'length' };
  if (!/^1[3-9]/.test(value)) return { ok: false, problem: 'prefix' };
  return { ok: true, value };
}
