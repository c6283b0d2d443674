import { bigramJaccard, bigrams } from '../nlu/bigramJaccard.js';
import { contentCheckMessages as say } from './contentCheckMessages.js';
import { aspectFamilies, fieldLabels, intents, intentsFromFaq, refusalClasses, scopeLabels, whoseLabels, type LabelFamily, type NluContent } from './nluSchema.js';
import type { FaqEntry } from './schema.js';

/** Examples at least this alike (character-bigram Jaccard) are paraphrases of one sentence: they must share a group. */
export const SAME_GROUP_SIMILARITY = 0.5;
/** Each label needs examples from this many groups, or cross-validation cannot hold any out. */
export const MINIMUM_GROUPS = 3;

export type LabelledExample = { family: LabelFamily; label: string; group: string; text: string; file: string; path: string };
type Report = (file: string, path: string, message: string) => void;

/**
 * Every example the classifiers learn from, with its group: the editors' examples under flows/nlu as written, and
 * each FAQ entry's question and paraphrases, grouped by likeness (an entry's near-identical phrasings are one group).
 */
export function labelledExamples(nlu: NluContent, faq: readonly { file: string; entries: readonly FaqEntry[] }[]): LabelledExample[] {
  const written: LabelledExample[] = nlu.examples.flatMap((group) =>
    group.texts.map((text, index) => ({ family: group.family, label: group.label, group: group.group, text, file: group.file, path: `${group.path}.texts[${index}]` })),
  );
  const examples = written.filter((example) => example.family !== 'faq');
  for (const { file, entries } of faq) {
    entries.forEach((entry, entryIndex) => {
      const phrasings: LabelledExample[] = [entry.question, ...entry.paraphrases].map((text, index) => ({
        family: 'faq',
        label: entry.id,
        group: `~${index}`,
        text,
        file,
        path: index === 0 ? `entries[${entryIndex}].question` : `entries[${entryIndex}].paraphrases[${index - 1}]`,
      }));
      // An entry's phrasings and the examples written for it, grouped by likeness (and as the editors grouped them).
      const all = [...phrasings, ...written.filter((example) => example.family === 'faq' && example.label === entry.id)];
      const components = likenessComponents(all);
      all.forEach((example, index) => examples.push({ ...example, group: `${entry.id}~${components[index]}` }));
    });
  }
  // Examples written for an entry that does not exist still reach the unknown-label check.
  const faqIds = new Set(faq.flatMap(({ entries }) => entries.map((entry) => entry.id)));
  examples.push(...written.filter((example) => example.family === 'faq' && !faqIds.has(example.label)));
  return examples;
}

/** Unknown labels, one text under two labels, alike examples in different groups, labels with too few groups. */
export function checkExamples(examples: readonly LabelledExample[], faqIds: ReadonlySet<string>, report: Report): void {
  const known: Record<LabelFamily, ReadonlySet<string>> = {
    intent: new Set(intents.filter((intent) => !intentsFromFaq.includes(intent))),
    refusal: new Set(refusalClasses.filter((label) => label !== 'in_scope')),
    faq: faqIds,
    field: new Set(fieldLabels),
    whose: new Set(whoseLabels),
    scope: new Set(scopeLabels),
  };
  for (const example of examples) {
    if (!known[example.family].has(example.label)) report(example.file, example.path, say.unknownLabel(example.family, example.label, [...known[example.family]].slice(0, 20)));
  }

  const byText = new Map<string, LabelledExample[]>();
  for (const example of examples) {
    // An aspect ("about a phone number") is read beside the intent, so its examples are compared only among themselves.
    const key = `${aspectFamilies.includes(example.family) ? example.family : ''}:${example.text.replace(/[\s，,。.！!？?]/g, '')}`;
    byText.set(key, [...(byText.get(key) ?? []), example]);
  }
  for (const same of byText.values()) {
    const labels = new Set(same.map((example) => `${example.family}:${example.label}`));
    if (labels.size < 2) continue;
    for (const example of same) report(example.file, example.path, say.exampleUnderTwoLabels(example.text, [...labels]));
  }

  for (const [left, right] of alikePairs(examples.map((example) => example.text), SAME_GROUP_SIMILARITY)) {
    const a = examples[left]!;
    const b = examples[right]!;
    // Alike examples of different labels are the contrasts a classifier must learn ("怎么绑定" and "怎么解绑").
    if (a.group === b.group || a.label !== b.label || a.family !== b.family) continue;
    report(a.file, a.path, say.alikeInOtherGroup(a.text, b.text, `${b.file} → ${b.path}`));
  }

  // FAQ entries are held to their own schema (a question and at least two paraphrases); intents and refusals to this.
  const groups = new Map<string, Set<string>>();
  for (const example of examples.filter((candidate) => candidate.family !== 'faq')) {
    const key = `${example.family}:${example.label}`;
    groups.set(key, (groups.get(key) ?? new Set()).add(example.group));
  }
  for (const [key, found] of groups) {
    if (found.size >= MINIMUM_GROUPS) continue;
    const example = examples.find((candidate) => `${candidate.family}:${candidate.label}` === key)!;
    report(example.file, example.path, say.tooFewGroups(example.label, found.size, MINIMUM_GROUPS));
  }
}

/** Pairs of texts whose bigram Jaccard reaches the threshold, found through shared bigrams rather than all pairs. */
export function alikePairs(texts: readonly string[], threshold: number): [number, number][] {
  const sets = texts.map(bigrams);
  const postings = new Map<string, number[]>();
  const pairs: [number, number][] = [];
  sets.forEach((set, index) => {
    const shared = new Map<number, number>();
    for (const gram of set) for (const other of postings.get(gram) ?? []) shared.set(other, (shared.get(other) ?? 0) + 1);
    for (const [other, count] of shared) {
      const union = set.size + sets[other]!.size - count;
      if (union > 0 && count / union >= threshold) pairs.push([other, index]);
    }
    for (const gram of set) {
      const list = postings.get(gram);
      if (list) list.push(index);
      else postings.set(gram, [index]);
    }
  });
  return pairs;
}

/** Connected components of "at least SAME_GROUP_SIMILARITY alike" (or grouped together by editors), numbered from 0. */
function likenessComponents(examples: readonly LabelledExample[]): number[] {
  const parent = examples.map((_, index) => index);
  const root = (index: number): number => (parent[index] === index ? index : (parent[index] = root(parent[index]!)));
  const sets = examples.map((example) => bigrams(example.text));
  for (let left = 0; left < examples.length; left += 1) {
    for (let right = left + 1; right < examples.length; right += 1) {
      const sameGroup = examples[left]!.group === examples[right]!.group && !examples[left]!.group.startsWith('~');
      if (sameGroup || bigramJaccard(sets[left]!, sets[right]!) >= SAME_GROUP_SIMILARITY) parent[root(right)] = root(left);
    }
  }
  const numbers = new Map<number, number>();
  return examples.map((_, index) => {
    const key = root(index);
    if (!numbers.has(key)) numbers.set(key, numbers.size);
    return numbers.get(key)!;
  });
}
