import { labelledExamples, type LabelledExample } from '../content/checkExamples.js';
import type { Intent, LabelFamily } from '../content/nluSchema.js';
import type { Content } from '../content/schema.js';
import { regionReaderOf } from './regionReaderOf.js';

/**
 * What each classifier learns from, built from content alone:
 * - faq: each entry's question and paraphrases plus the editors' FAQ examples, and each of them once more inside a
 *   region mention ("我在大连参保，…") from the patterns not held out, so that naming a region never decides the topic;
 * - intent: the editors' intent examples, those of the requests regionMentions names once more inside a region
 *   mention, and every FAQ example as `question`;
 * - refusal: the editors' refusal examples, and every intent and FAQ example as `in_scope`;
 * - field, whose, scope: their own examples only (what a message points at).
 */
export function trainingSets(content: Content): Record<LabelFamily, LabelledExample[]> {
  const examples = labelledExamples(content.nlu, [{ file: 'flows/faq', entries: content.faq }]);
  const faq = examples.filter((example) => example.family === 'faq');
  const withRegions = [...faq, ...inRegionMentions(content, faq)];
  const intentExamples = examples.filter((example) => example.family === 'intent');
  const questions = withRegions.map((example) => ({ ...example, family: 'intent' as const, label: 'question' }));
  // A request said inside a region mention ("郑州的，帮我办共济") is still the request: every question is trained inside
  // one, so without these copies naming a place leaned towards a question. The refusals learn from the intent examples as
  // they were written: measured, copies there made questions that name no place lean out of scope.
  const requests = intentExamples.filter((example) => content.nlu.regionMentions.requests.includes(example.label as Intent));
  const intent = [...intentExamples, ...inRegionMentions(content, requests), ...questions];
  const refusal = [
    ...examples.filter((example) => example.family === 'refusal'),
    ...[...intentExamples, ...questions].map((example) => ({ ...example, family: 'refusal' as const, label: 'in_scope' })),
  ];
  const only = (family: LabelFamily) => examples.filter((example) => example.family === family);
  return { faq: withRegions, intent, refusal, field: only('field'), whose: only('whose'), scope: only('scope') };
}

/**
 * Each example once inside a trained region mention, patterns and regions taken in turn; an example that names a
 * region is said inside a mention of that region.
 */
function inRegionMentions(content: Content, examples: readonly LabelledExample[]): LabelledExample[] {
  const patterns = content.nlu.regionMentions.patterns.filter((pattern) => !pattern.heldOut);
  const regions = content.regions.filter((region) => region.code !== 'national');
  const regionNames = regionReaderOf(content.nlu.regionNames);
  if (patterns.length === 0 || regions.length === 0) return [];
  return examples.map((example) => {
    // Chosen by the text, not its place in the list: an example added or moved by an editor then changes its own
    // copy only, where by position every later example's copy changed and the models retrained differently.
    const draw = textHash(example.text);
    const pattern = patterns[draw % patterns.length]!;
    // A question that names its own place keeps it: a second place would make it read as two places apart.
    const region = regionNames.find(example.text) ?? regions[Math.floor(draw / patterns.length) % regions.length]!;
    const text = pattern.text.replace('{region}', pattern.code ? region.code : region.name).replace('{question}', example.text);
    return { ...example, text, path: `${example.path} (${pattern.text})` };
  });
}

/** FNV-1a over the text's UTF-16 code units: a stable, well-spread number for each text. */
function textHash(text: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index += 1) hash = Math.imul(hash ^ text.charCodeAt(index), 0x01000193);
  return hash >>> 0;
}
