import type { SubjectsFile } from '../content/nluSchema.js';
import type { Entity } from './reading.js';
import { relativeMark, selfMark } from './textFeatures.js';

/** Whose something is: the person asking, one of their family, or someone outside the family. */
export type Subject = 'self' | 'relative' | 'stranger';

/** The editors' subject words (flows/nlu/subjects.yaml), ready to scan a masked text with. */
export type Subjects = {
  /** Longest first, so that "他们" is taken before "他". */
  words: readonly { word: string; subject: Subject }[];
  /** Longest first: "家里的" before "家". */
  linkers: readonly string[];
  phrases: readonly string[];
};

export function subjectsOf(file: SubjectsFile): Subjects {
  const longestFirst = (a: string, b: string) => b.length - a.length;
  const words = (['self', 'relative', 'stranger'] as const).flatMap((subject) => file[subject].map((word) => ({ word, subject })));
  return { words: words.sort((a, b) => longestFirst(a.word, b.word)), linkers: [...file.linkers].sort(longestFirst), phrases: [...file.phrases].sort(longestFirst) };
}

/** `from`: where the words naming a relative begin when the person's word says whose relative it is ("我的Ⓕ" from 我). */
export type SubjectMention = { start: number; end: number; subject: Subject; from?: number };

/**
 * The people a masked text names, in order: the entity marks of a relative (Ⓕ) and of the person themself (Ⓢ), and
 * the editors' subject words. "我Ⓕ", "我的Ⓕ", "俺家Ⓕ" name the relative only: the person's word there says whose
 * relative it is, so "我妈的手机号" names no one but the mother.
 */
export function subjectMentions(masked: string, subjects: Subjects): SubjectMention[] {
  const subjectAt = (at: number): { word: string; subject: Subject } | null => {
    if (subjects.phrases.some((phrase) => masked.startsWith(phrase, at))) return null;
    if (masked[at] === relativeMark) return { word: relativeMark, subject: 'relative' };
    if (masked[at] === selfMark) return { word: selfMark, subject: 'self' };
    return subjects.words.find((candidate) => masked.startsWith(candidate.word, at)) ?? null;
  };
  const mentions: SubjectMention[] = [];
  // The start of the person's word owning the relative about to be met: "给我的Ⓕ" gives to the relative.
  let owner = null as { from: number; at: number } | null;
  for (let at = 0; at < masked.length; ) {
    const phrase = subjects.phrases.find((candidate) => masked.startsWith(candidate, at));
    const found = phrase === undefined ? subjectAt(at) : null;
    if (found === null) {
      at += phrase?.length ?? 1;
      continue;
    }
    const end = at + found.word.length;
    const linker = subjects.linkers.find((candidate) => masked.startsWith(candidate, end)) ?? '';
    if (found.subject === 'self' && subjectAt(end + linker.length)?.subject === 'relative') owner = { from: owner?.at === at ? owner.from : at, at: end + linker.length };
    else mentions.push({ start: at, end, subject: found.subject, ...(owner?.at === at ? { from: owner.from } : {}) });
    at = end;
  }
  return mentions;
}

/**
 * Whether a text names someone outside the family: a relationship word of no relative ("我同事老周", "邻居家的") or
 * an editors' stranger word ("别人", "我们单位的李科长").
 */
export function namesOutsider(masked: string, entities: readonly Entity[], subjects: Subjects): boolean {
  const outsider = entities.some((entity) => entity.kind === 'relationship' && entity.match.kind === 'ineligible' && entity.match.reason === 'nonRelative');
  return outsider || subjectMentions(masked, subjects).some((mention) => mention.subject === 'stranger');
}

const features: Readonly<Record<Subject, string>> = { self: 'p:Ⓢ', relative: 'p:Ⓕ', stranger: 'p:外' };

/**
 * One feature per person named, after the rule above: "我的手机号错了" → p:Ⓢ, "我妈的手机号错了" → p:Ⓕ (where the
 * character n-grams see "我" in both). Chosen per family by grouped cross-validation (see featureKinds in nluModel.ts).
 */
export function subjectFeatures(masked: string, subjects: Subjects): string[] {
  return subjectMentions(masked, subjects).map((mention) => features[mention.subject]);
}
