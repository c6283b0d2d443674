import { describe, expect, it } from 'vitest';
import type { Relationship } from '../../../src/content/schema.js';
import { parseIdNumber, type ParsedIdNumber } from '../../../src/domain/idNumber.js';
import { checkPlausibility } from '../../../src/domain/plausibility.js';
import { makeIdNumber } from '../../helpers/idNumbers.js';

const today = new Date('2026-03-15T08:00:00Z');

function person(birthDate: string, sequence = 123): ParsedIdNumber {
  const parsed = parseIdNumber(makeIdNumber({ birthDate, sequence }), today);
  if (!parsed.ok) throw new Error(`fixture ${birthDate} is not a valid ID number`);
  return parsed.value;
}

const applicant = person('1980-06-15', 101);
const check = (relationship: Relationship, member: ParsedIdNumber) => checkPlausibility({ relationship, applicant, member, today });

describe('checkPlausibility', () => {
  it('refuses the applicant’s own number for any relationship', () => {
    expect(check('sibling', applicant)).toEqual({ ok: false, problem: 'self' });
    expect(check('father', applicant)).toEqual({ ok: false, problem: 'self' });
  });

  it('wants a parent at least 14 years older, counted to the day', () => {
    expect(check('father', person('1966-06-15'))).toEqual({ ok: true });
    expect(check('mother', person('1966-06-16'))).toEqual({ ok: false, problem: 'parentTooYoung' });
    expect(check('mother', person('1990-01-01'))).toEqual({ ok: false, problem: 'parentTooYoung' });
  });

  it('wants a child at least 14 years younger', () => {
    expect(check('child', person('1994-06-15'))).toEqual({ ok: true });
    expect(check('child', person('1994-06-14'))).toEqual({ ok: false, problem: 'childTooOld' });
    expect(check('child', person('1960-01-01'))).toEqual({ ok: false, problem: 'childTooOld' });
  });

  it('wants a grandparent at least 28 years older', () => {
    expect(check('grandparent', person('1952-06-15'))).toEqual({ ok: true });
    expect(check('grandparent', person('1955-01-01'))).toEqual({ ok: false, problem: 'grandparentTooYoung' });
  });

  it('wants a grandchild at least 28 years younger', () => {
    expect(check('grandchild', person('2008-06-15'))).toEqual({ ok: true });
    expect(check('grandchild', person('2005-01-01'))).toEqual({ ok: false, problem: 'grandchildTooOld' });
  });

  it('wants a spouse who is 18 on today’s date', () => {
    expect(check('spouse', person('2008-03-15'))).toEqual({ ok: true });
    expect(check('spouse', person('2008-03-16'))).toEqual({ ok: false, problem: 'spouseTooYoung' });
  });

  it('has no age rule for siblings', () => {
    expect(check('sibling', person('1950-01-01'))).toEqual({ ok: true });
    expect(check('sibling', person('2020-01-01'))).toEqual({ ok: true });
  });
});
