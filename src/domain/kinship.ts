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

type Grandparent = { sex: 'male' | 'female'; side: 'father' | 'mother' | null };
const grandparentWords = new Map<string, Grandparent>();
const grandparents = (list: string, grandparent: Grandparent) => {
  for (const word of list.split(' ')) grandparentWords.set(word, grandparent);
};
// 阿公 and 阿嬷 are a grandfather and grandmother on either side in 闽南 and 潮汕 speech; 娭毑 and 嗲嗲 (湘) the
// father's side; 阿婆 the mother's mother in 粤, either grandmother elsewhere.
grandparents('爷爷 祖父 阿爷 嗲嗲 爷', { sex: 'male', side: 'father' });
grandparents('奶奶 祖母 阿嫲 嫲嫲 娭毑 阿奶', { sex: 'female', side: 'father' });
grandparents('外公 姥爷 外祖父 老爷', { sex: 'male', side: 'mother' });
grandparents('外婆 姥姥 外祖母', { sex: 'female', side: 'mother' });
grandparents('阿公', { sex: 'male', side: null });
grandparents('阿嬷 阿婆', { sex: 'female', side: null });

/**
 * Whether two words for grandparents name a couple ("我替我爷爷办，给我奶奶绑": my grandmother is my grandfather's
 * spouse): a grandfather and a grandmother of the same side, or of a side the words leave open. Relationships alone
 * cannot say so, both being grandparents.
 */
export function namesGrandparentCouple(word: string, other: string): boolean {
  const one = grandparentWords.get(word);
  const two = grandparentWords.get(other);
  if (one === undefined || two === undefined || one.sex === two.sex) return false;
  return one.side === null || two.side === null || one.side === two.side;
}
