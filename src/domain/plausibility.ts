import type { Relationship } from '../content/schema.js';
import { ageOn, type ParsedIdNumber } from './idNumber.js';

/** Whether the stated relationship fits the birth dates on both ID cards. */

export const plausibilityProblems = ['self', 'parentTooYoung', 'childTooOld', 'grandparentTooYoung', 'grandchildTooOld', 'spouseTooYoung'] as const;
export type PlausibilityProblem = (typeof plausibilityProblems)[number];

/** Clearly-impossible gaps only: the check catches a swapped or mistyped number, it does not judge families. */
const minimumParentGap = 14;
const minimumGrandparentGap = 28;
/** Legal marriage age is 20/22; 18 is a floor that only catches obvious mistakes. */
const minimumSpouseAge = 18;

export function checkPlausibility(input: {
  relationship: Relationship;
  applicant: ParsedIdNumber;
  member: ParsedIdNumber;
  today: Date;
}): { ok: true } | { ok: false; problem: PlausibilityProblem } {
  const { relationship, applicant, member, today } = input;
  if (applicant.value === member.value) return { ok: false, problem: 'self' };
  const memberOlderBy = yearsBetween(member.birthDate, applicant.birthDate);
  const applicantOlderBy = yearsBetween(applicant.birthDate, member.birthDate);
  switch (relationship) {
    case 'father':
    case 'mother':
      return memberOlderBy >= minimumParentGap ? { ok: true } : { ok: false, problem: 'parentTooYoung' };
    case 'child':
      return applicantOlderBy >= minimumParentGap ? { ok: true } : { ok: false, problem: 'childTooOld' };
    case 'grandparent':
      return memberOlderBy >= minimumGrandparentGap ? { ok: true } : { ok: false, problem: 'grandparentTooYoung' };
    case 'grandchild':
      return applicantOlderBy >= minimumGrandparentGap ? { ok: true } : { ok: false, problem: 'grandchildTooOld' };
    case 'spouse':
      return ageOn(member.birthDate, today) >= minimumSpouseAge ? { ok: true } : { ok: false, problem: 'spouseTooYoung' };
    case 'sibling':
      return { ok: true };
  }
}

/** Whole years from the earlier birth date to the later one (negative when `later` is in fact earlier). */
function yearsBetween(earlier: string, later: string): number {
  return ageOn(earlier, new Date(`${later}T00:00:00Z`));
}
