import type { Relationship } from '../content/schema.js';

/**
 * Who a member's relative is to the person applying, where only one person can be meant: "娃没手机，用他妈的号" while
 * binding one's child and their mother (the spouse) — the child's mother is the person's spouse (or the person
 * themself, who lends their own number otherwise). A brother's mother is one's mother, a father's wife one's mother, a
 * grandfather's wife one's grandmother, a spouse's child one's child. Null where the relative may be more than one
 * person or nobody the form binds (a spouse's mother, a grandchild's mother — a child or a child-in-law).
 */
const through: Partial<Record<Relationship, Partial<Record<Relationship, Relationship>>>> = {
  child: { father: 'spouse', mother: 'spouse', sibling: 'child' },
  sibling: { father: 'father', mother: 'mother' },
  father: { spouse: 'mother' },
  mother: { spouse: 'father' },
  grandparent: { spouse: 'grandparent' },
  spouse: { child: 'child' },
};

export function relativeThrough(member: Relationship, relative: Relationship): Relationship | null {
  return through[member]?.[relative] ?? null;
}
