import { isMap, isScalar, isSeq, parseDocument, type Document, type Node, type YAMLMap } from 'yaml';
import { SAME_GROUP_SIMILARITY } from '../content/checkExamples.js';
/** The label families a question people asked can become an example of (the others read parts of a form answer). */
export type ExampleFamily = 'intent' | 'refusal' | 'faq';
import { bigramJaccard, bigrams } from '../nlu/bigramJaccard.js';

/**
 * What an editor's one action in the inbox changes in a draft's files: a question becomes an example of a label in
 * `flows/nlu/<family>.yaml`, or a new FAQ entry is started. The YAML is edited as a document, so comments and the
 * editors' layout stay as they were; only the lines added differ.
 */

export const exampleFiles: Record<ExampleFamily, string> = {
  intent: 'flows/nlu/intents.yaml',
  refusal: 'flows/nlu/refusals.yaml',
  faq: 'flows/nlu/faq.yaml',
};

const printed = (document: Document) => document.toString({ lineWidth: 0, flowCollectionPadding: false });

/**
 * Adds `text` under `label`: to the group of the label's most alike example when one is alike enough to be its
 * paraphrase (the checker wants those in one group), otherwise as a new group of its own.
 */
export function addExample(fileText: string, family: ExampleFamily, label: string, text: string): string {
  const document = parseDocument(fileText);
  const examples = document.get('examples');
  if (!isSeq(examples)) throw new Error(`${exampleFiles[family]} has no examples list`);
  const grams = bigrams(text);
  let best: { item: YAMLMap; similarity: number } | undefined;
  const groups = new Set<string>();
  for (const item of examples.items) {
    if (!isMap(item)) continue;
    groups.add(String(item.get('group')));
    if (item.get('label') !== label) continue;
    const texts = item.get('texts');
    if (!isSeq(texts)) continue;
    for (const existing of texts.items) {
      if (!isScalar(existing)) continue;
      const similarity = bigramJaccard(grams, bigrams(String(existing.value)));
      if (best === undefined || similarity > best.similarity) best = { item, similarity };
    }
  }
  if (best !== undefined && best.similarity >= SAME_GROUP_SIMILARITY) {
    (best.item.get('texts') as { add(node: Node): void }).add(document.createNode(text));
    return printed(document);
  }
  let number = 1;
  while (groups.has(`inbox-${number}`)) number += 1;
  const entry = document.createNode({ label, group: `inbox-${number}`, texts: [text] }) as YAMLMap;
  flowStyle(entry, 'texts');
  examples.add(entry);
  return printed(document);
}

/**
 * A new FAQ entry started from a question: its id, topic and question filled in, the rest left for the editor (the
 * checker lists what is missing — paraphrases, an answer, sources — and the draft cannot be submitted before).
 */
export function addFaqEntry(fileText: string, entry: { id: string; topic: string; question: string }): string {
  const document = parseDocument(fileText);
  const entries = document.get('entries');
  if (!isSeq(entries)) throw new Error('the FAQ file has no entries list');
  const node = document.createNode({ id: entry.id, topic: entry.topic, question: entry.question, paraphrases: [], answer: '', regions: ['national'], sources: [] }) as YAMLMap;
  for (const key of ['paraphrases', 'regions', 'sources']) flowStyle(node, key);
  entries.add(node);
  return printed(document);
}

/** A short list written on one line, as the editors write them. */
function flowStyle(map: YAMLMap, key: string): void {
  const value = map.get(key, true);
  if (isSeq(value)) value.flow = true;
}

/** An id for a new entry from the inbox that no entry has yet: inbox-1, inbox-2… */
export function newEntryId(existing: ReadonlySet<string>): string {
  let number = 1;
  while (existing.has(`inbox-${number}`)) number += 1;
  return `inbox-${number}`;
}
