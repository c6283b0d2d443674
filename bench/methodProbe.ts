import { serialize } from 'node:v8';
import { crossValidateOverSeeds, familyFolds } from './crossValidation.js';
import { loadRepoEngine } from './evaluateRouting.js';
import { outOfFold } from '../src/nlu/crossValidate.js';
import { rankFaq, trainFaqRanker } from '../src/nlu/faqRanking.js';
import { exampleFeatures, featureKinds, nluModelData, trainingOptions, trainNluModel } from '../src/nlu/nluModel.js';
import { trainingSets } from '../src/nlu/trainingSets.js';

/**
 * `tsx bench/methodProbe.ts --families intent,faq [--seeds 3] [--set '{"faq":{"topic":{"dropout":0.4}}}'] [--size]`:
 * a change of training options measured before it is written into nluModel.ts. `--set` merges into trainingOptions
 * per family; each named family prints its grouped 5-fold CV mean over the deals (as `npm run eval -- --cv`), and
 * `faq` prints topic, entry and the entry answered (the best entry within the best topic, what the router answers)
 * from one ranker per fold, dealt by entry — half the time of the two FAQ families, on folds of their own (the topic
 * figure differs from `--cv faq-topic`, which deals by topic). `--size`: training time and the model's size per family.
 */
const argument = (name: string) => {
  const at = process.argv.indexOf(name);
  return at >= 0 ? process.argv[at + 1] : undefined;
};
const overrides = JSON.parse(argument('--set') ?? '{}') as Record<string, object>;
for (const [family, options] of Object.entries(overrides)) Object.assign((trainingOptions as Record<string, object>)[family]!, options);
const context = await loadRepoEngine();
const label = argument('--label') ?? JSON.stringify(overrides);
if (process.argv.includes('--size')) {
  const model = trainNluModel(context.content, context.reader.segmenter);
  const data = nluModelData(model);
  // As the model cache stores it (nluModelCache.ts).
  const sizes = Object.entries(data).map(([name, value]) => `${name} ${(serialize(value).length / 1e6).toFixed(2)}`);
  console.log(`${label}\ttraining ${model.trainingMs} ms; MB ${sizes.join(', ')}; total ${(serialize(data).length / 1e6).toFixed(2)} MB`);
}
const seeds = Number(argument('--seeds') ?? 3);
const deals = [undefined, ...Array.from({ length: seeds - 1 }, (_, index) => index + 1)];
const wanted = (argument('--families') ?? '').split(',').filter(Boolean).map((family) => family.replace('-', ' '));
const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;
const show = (values: number[]) => `mean ${(100 * mean(values)).toFixed(2)}\t${values.map((value) => (100 * value).toFixed(2)).join(' ')}`;

for (const folds of familyFolds(context.content, context.reader.segmenter)) {
  if (!wanted.includes(folds.family)) continue;
  const started = performance.now();
  const report = crossValidateOverSeeds(folds, seeds);
  console.log(`${label}\t${folds.family}\t${show(report.accuracies)}\t${Math.round(performance.now() - started)} ms`);
}

if (wanted.includes('faq')) {
  const started = performance.now();
  const { content } = context;
  const featuresOf = exampleFeatures(content, context.reader.segmenter)(featureKinds.faq);
  const topicOf = new Map(content.faq.map((entry) => [entry.id, entry.topic]));
  const examples = trainingSets(content).faq;
  const scores = { topic: [] as number[], entry: [] as number[], answered: [] as number[] };
  for (const seed of deals) {
    // What each held-out text was ranked as, by its text (outOfFold asks the predictor for probabilities only).
    const chosen = new Map<string, { topic: string; entry: string; answered: string }>();
    const held = outOfFold(
      examples,
      (training) => {
        const ranker = trainFaqRanker(training, featuresOf, topicOf, trainingOptions.faq);
        return {
          labels: [],
          predict(text) {
            const ranking = rankFaq(ranker, featuresOf(text));
            const topic = ranking.topics[0]!.topic;
            chosen.set(text, { topic, entry: ranking.entries[0]!.entryId, answered: ranking.entries.find((entry) => entry.topic === topic)!.entryId });
            return new Float64Array(0);
          },
        };
      },
      seed === undefined ? {} : { seed },
    );
    const share = (right: (example: (typeof held.predictions)[number]['example'], got: { topic: string; entry: string; answered: string }) => boolean) =>
      held.predictions.filter(({ example }) => right(example, chosen.get(example.text)!)).length / held.predictions.length;
    scores.topic.push(share((example, got) => got.topic === topicOf.get(example.label)));
    scores.entry.push(share((example, got) => got.entry === example.label));
    scores.answered.push(share((example, got) => got.answered === example.label));
  }
  for (const [name, values] of Object.entries(scores)) console.log(`${label}\tfaq ${name}\t${show(values)}\t${Math.round(performance.now() - started)} ms`);
}
