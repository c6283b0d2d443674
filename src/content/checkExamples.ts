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
    // Phrasings grouped by likeness are a list of their own in their file (a flow's `triggers[3]`).
    group.texts.map((text, index) => ({ family: group.family, label: group.label, group: group.group, text, file: group.file, path: group.group.startsWith('~') ? `${group.path}[${index}]` : `${group.path}.texts[${index}]` })),
  );
  const byLikeness = (example: LabelledExample) => example.family !== 'faq' && example.group.startsWith('~');
  const examples = written.filter((example) => example.family !== 'faq' && !byLikeness(example));
  // Phrasings grouped by likeness (a flow's triggers, group "~…") join the group of the examples of their label they are
  // alike, as an FAQ entry's phrasings do; the rest form groups of their own, by likeness among themselves.
  const phrasings = written.filter(byLikeness);
  for (const key of new Set(phrasings.map((phrasing) => `${phrasing.family}:${phrasing.label}`))) {
    const own = phrasings.filter((phrasing) => `${phrasing.family}:${phrasing.label}` === key);
    const sameLabel = examples.filter((example) => `${example.family}:${example.label}` === key);
    const components = likenessComponents([...own, ...sameLabel]);
    own.forEach((phrasing, index) => {
      const alike = sameLabel.find((_, other) => components[own.length + other] === components[index]);
      examples.push({ ...phrasing, group: alike?.group ?? `${phrasing.group}~${components[index]}` });
    });
  }
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
  // Phrasings grouped by likeness (a flow's triggers) are no examples the editors wrote for the label: not counted.
  const groups = new Map<string, Set<string>>();
  for (const example of examples.filter((candidate) => candidate.family !== 'faq' && !candidate.group.startsWith('~'))) {
    const key = `${example.family}:${example.label}`;
    groups.set(key, (groups.get(key) ?? new Set()).add(example.group));
  }
  for (const [key, found] of groups) {
    if (found.size >= MINIMUM_GROUPS) continue;
    const example = examples.find((candidate) => `${candidate.family}:${candidate.label}` === key)!;
    report(example.file, example.path, say.tooFewGroups(example.label, found.size, MINIMUM_GROUPS));
  }
}

/**
 * Pairs of texts whose bigram Jaccard reaches the threshold, exactly, without comparing all pairs: prefix filtering
 * (Bayardo, Ma & Srikant 2007, "Scaling up all pairs similarity search"). Each text's bigrams are put rarest first;
 * two texts with Jaccard ≥ t share at least ⌈t·|x|⌉ bigrams, so they share one among the first |x| − ⌈t·|x|⌉ + 1 of
 * either. Only those prefixes are indexed and probed, and every candidate is then measured whole. Indexing every
 * bigram made each text meet every other that shares a common one (共济, 绑定): at 12,000 examples that took about a
 * second of every start, growing with the square of the examples.
 */
export function alikePairs(texts: readonly string[], threshold: number): [number, number][] {
  const sets = texts.map(bigrams);
  const frequency = new Map<string, number>();
  for (const set of sets) for (const gram of set) frequency.set(gram, (frequency.get(gram) ?? 0) + 1);
  const rarestFirst = (left: string, right: string) => frequency.get(left)! - frequency.get(right)! || (left < right ? -1 : left > right ? 1 : 0);
  const postings = new Map<string, number[]>();
  const pairs: [number, number][] = [];
  sets.forEach((set, index) => {
    // The small epsilon keeps a product such as 0.5 × 4 from rounding up past the whole number it is.
    const prefix = [...set].sort(rarestFirst).slice(0, set.size - Math.ceil(threshold * set.size - 1e-9) + 1);
    const candidates = new Set<number>();
    for (const gram of prefix) for (const other of postings.get(gram) ?? []) candidates.add(other);
    for (const other of [...candidates].sort((a, b) => a - b)) {
      if (set.size + sets[other]!.size > 0 && bigramJaccard(sets[other]!, set) >= threshold) pairs.push([other, index]);
    }
    for (const gram of prefix) {
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
  const join = (left: number, right: number) => {
    parent[root(right)] = root(left);
  };
  const firstOfGroup = new Map<string, number>();
  examples.forEach((example, index) => {
    if (example.group.startsWith('~')) return;
    const first = firstOfGroup.get(example.group);
    if (first === undefined) firstOfGroup.set(example.group, index);
    else join(first, index);
  });
  for (const [left, right] of alikePairs(examples.map((example) => example.text), SAME_GROUP_SIMILARITY)) join(left, right);
  const numbers = new Map<number, number>();
  return examples.map((_, index) => {
    const key = root(index);
    if (!numbers.has(key)) numbers.set(key, numbers.size);
    return numbers.get(key)!;
  });
}
