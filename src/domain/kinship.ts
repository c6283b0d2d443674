import type { Relationship } from '../content/schema.js';

/**
 * Who someone is to the applicant when the person typing files for a relative: "我替我爸办，给我妈绑" — my mother is
 * my father's spouse. Only what follows from the two relationships alone; null where it depends on more (my
 * grandmother is my father's mother or his mother-in-law) or where the relative cannot be bound to the applicant.
 */
const through: Partial<Record<Relationship, Partial<Record<Relationship, Relationship>>>> = {
  father: { mother: 'spouse', sibling: 'child', child: 'grandchild' },
  mother: { father: 'spouse', sibling: 'child', child: 'grandchild' },
  spouse: { child: 'child' },
  child: { grandchild: 'child', child: 'sibling' },
  sibling: { father: 'father', mother: 'mother', sibling: 'sibling' },
};

/** The relationship to the applicant of the typist's `relative`, the applicant being the typist's `applicant`. */
export function relationshipThrough(applicant: Relationship, relative: Relationship): Relationship | null {
  return through[applicant]?.[relative] ?? null;
}
