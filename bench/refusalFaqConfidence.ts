import { writeFile } from 'node:fs/promises';
import type { LabelledExample } from '../src/content/checkExamples.js';
import { outOfFold } from '../src/nlu/crossValidate.js';
import { namesTheDomain } from '../src/nlu/domainWords.js';
import { trainFaqRanker } from '../src/nlu/faqRanking.js';
import { trainClassifier } from '../src/nlu/linearClassifier.js';
import { exampleFeatures, featureKinds, trainingOptions, type NluModel } from '../src/nlu/nluModel.js';
import { read } from '../src/nlu/read.js';
import { trainingSets } from '../src/nlu/trainingSets.js';
import { loadRepoEngine } from './evaluateRouting.js';

/**
 * `tsx bench/refusalFaqConfidence.ts [--seed N] [--out file.json]`: every refusal example read out of fold by `read`
 * with the refusal, intent AND FAQ classifiers of the fold that never saw its group (grouped 5-fold over the refusal
 * family), writing per example its label, the refusal probabilities of the whole message, what `read` decided, the
 * FAQ's best topic and score, and whether it names the domain — so that rules weighing the FAQ's confidence against a
 * refusal can be compared on the same predictions (what is refused, what is kept).
 */
const seedAt = process.argv.indexOf('--seed');
const seed = seedAt >= 0 ? Number(process.argv[seedAt + 1]) : undefined;
const outAt = process.argv.indexOf('--out');
const out = outAt >= 0 ? process.argv[outAt + 1]! : `/tmp/refusalFaqConfidence${seed ?? ''}.json`;

const context = await loadRepoEngine();
const { content, reader } = context;
const sets = trainingSets(content);
const featuresOf = exampleFeatures(content, reader.segmenter);
const refusalFeatures = featuresOf(featureKinds.refusal);
const actFeatures = featuresOf(featureKinds.intent);
const faqFeatures = featuresOf(featureKinds.faq);
const topicOf = new Map(content.faq.map((entry) => [entry.id, entry.topic]));
const key = (example: LabelledExample) => `${example.file}\u0000${example.path}`;
const intentOf = new Map(sets.intent.map((example) => [key(example), example]));
const faqOf = new Map(sets.faq.map((example) => [key(example), example]));
const folds: Pick<NluModel, 'refusal' | 'intent' | 'faq'>[] = [];
const held = outOfFold(
  sets.refusal,
  (training) => {
    const refusal = trainClassifier(training.map((example) => ({ features: refusalFeatures(example.text), label: example.label })), trainingOptions.refusal);
    const intents = training.flatMap((example) => intentOf.get(key(example)) ?? []);
    const intent = trainClassifier(intents.map((example) => ({ features: actFeatures(example.text), label: example.label })), trainingOptions.intent);
    const faq = trainFaqRanker(training.flatMap((example) => faqOf.get(key(example)) ?? []), faqFeatures, topicOf, trainingOptions.faq);
    folds.push({ refusal, intent, faq });
    console.error(`fold ${folds.length} trained`);
    return { labels: refusal.labels, predict: (text) => refusal.predict(refusalFeatures(text)) };
  },
  { seed },
);
const rows = held.predictions.map(({ example, fold, probabilities }) => {
  const tools = { ...reader, model: { ...reader.model, ...folds[fold]! } };
  const reading = read(example.text, tools, { pending: null });
  const top = reading.topics[0];
  return {
    text: example.text,
    file: example.file,
    label: example.label,
    faqExample: faqOf.has(key(example)),
    p: Object.fromEntries(held.labels.map((label, index) => [label, Math.round(probabilities[index]! * 1e4) / 1e4])),
    decided: reading.refusal.class,
    score: reading.refusal.score,
    topic: top?.topic ?? null,
    topicScore: top?.score ?? 0,
    domain: namesTheDomain(reading.normalised, reading.tokens, reading.entities.some((entity) => entity.kind === 'relationship'), reader.model.vocabulary.synonyms),
    length: reading.normalised.length,
  };
});
await writeFile(out, JSON.stringify(rows));
console.log(`${rows.length} rows → ${out}`);
