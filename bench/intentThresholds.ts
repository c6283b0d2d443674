import { applyTemperature } from '../src/nlu/calibration.js';
import { linearFit, outOfFold, type HeldOutPrediction } from '../src/nlu/crossValidate.js';
import { exampleFeatures, featureKinds, trainingOptions } from '../src/nlu/nluModel.js';
import type { TrainingOptions } from '../src/nlu/linearClassifier.js';
import { trainingSets } from '../src/nlu/trainingSets.js';
import { loadRepoEngine } from './evaluateRouting.js';

/**
 * `tsx bench/intentThresholds.ts ['{"dropout":0.2}'…]`: the intent classifier's held-out probabilities (grouped 5-fold, the
 * usual deal and seeds 1, 2) read as the router reads them — an intent counts at 0.5 (INTENT_THRESHOLD), a request
 * starts its dialog when it counts and is at least as likely as a question, a question at 0.2 (ALSO_ASKS) also asks —
 * for the training options in nluModel.ts or each variant of them given (training options as JSON), each with its probabilities sharpened or softened by a
 * temperature. A regulariser such as dropout flattens the probabilities, which the router's thresholds were set on; a
 * temperature (dividing the weights by it) gives them back their sharpness without changing any label's rank, so
 * accuracy stays and only the decisions at the thresholds move: the table says which temperature a variant would need
 * to decide as the landed model does.
 */
const context = await loadRepoEngine();
const examples = trainingSets(context.content).intent;
const featuresOf = exampleFeatures(context.content, context.reader.segmenter)(featureKinds.intent);
const variants = process.argv.slice(2).map((argument) => JSON.parse(argument) as TrainingOptions);
const temperatures = [1, 0.9, 0.8, 0.7, 0.6, 0.5];
const seeds = [undefined, 1, 2];

type Figures = { accuracy: number; counted: number; wrongCounted: number; formStarts: number; falseStarts: number; actsAlsoAsk: number };

function figuresOf(labels: readonly string[], predictions: readonly HeldOutPrediction[], temperature: number): Figures {
  const index = (label: string) => labels.indexOf(label);
  const [request, question] = [index('start_binding'), index('question')];
  let [right, counted, wrongCounted, bindings, formStarts, questions, falseStarts, acts, actsAlsoAsk] = [0, 0, 0, 0, 0, 0, 0, 0, 0];
  for (const { expected, probabilities: raw } of predictions) {
    const probabilities = applyTemperature(Float64Array.from(raw), temperature);
    let best = 0;
    probabilities.forEach((score, label) => {
      if (score > probabilities[best]!) best = label;
    });
    if (best === expected) right += 1;
    const over = [...probabilities.keys()].filter((label) => probabilities[label]! >= 0.5);
    if (over.includes(expected)) counted += 1;
    if (over.some((label) => label !== expected)) wrongCounted += 1;
    const starts = probabilities[request]! >= 0.5 && probabilities[request]! >= probabilities[question]!;
    if (expected === request) {
      bindings += 1;
      if (starts) formStarts += 1;
    } else if (expected === question) {
      questions += 1;
      if (starts) falseStarts += 1;
    } else {
      acts += 1;
      if (probabilities[question]! >= 0.2) actsAlsoAsk += 1;
    }
  }
  const total = predictions.length;
  return { accuracy: right / total, counted: counted / total, wrongCounted: wrongCounted / total, formStarts: formStarts / bindings, falseStarts: falseStarts / questions, actsAlsoAsk: actsAlsoAsk / acts };
}

// Without arguments the options in nluModel.ts; with them, each variant of those options.
const settings: { name: string; options: TrainingOptions }[] = (variants.length > 0 ? variants : [{}]).map((variant) => ({
  name: variants.length > 0 ? JSON.stringify(variant) : 'nluModel.ts',
  options: { ...trainingOptions.intent, ...variant },
}));
const percent = (value: number) => `${(100 * value).toFixed(2)}`.padStart(6);
console.log(`${'setting'.padEnd(13)} T     acc  counted  wrong≥.5  form starts  false starts  acts asking≥.2   (%, mean of 3 deals)`);
for (const { name, options } of settings) {
  const deals = seeds.map((seed) => outOfFold(examples, linearFit(featuresOf, undefined, options), seed === undefined ? {} : { seed }));
  for (const temperature of temperatures) {
    const each = deals.map((deal) => figuresOf(deal.labels, deal.predictions, temperature));
    const mean = (key: keyof Figures) => each.reduce((sum, figures) => sum + figures[key], 0) / each.length;
    console.log(
      `${name.padEnd(13)} ${temperature.toFixed(1)} ${percent(mean('accuracy'))}  ${percent(mean('counted'))}  ${percent(mean('wrongCounted'))}    ${percent(mean('formStarts'))}       ${percent(mean('falseStarts'))}         ${percent(mean('actsAlsoAsk'))}`,
    );
  }
}
