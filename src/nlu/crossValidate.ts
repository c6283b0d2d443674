import type { LabelledExample } from '../content/checkExamples.js';
import { calibrationError } from './calibration.js';
import { trainClassifier, type TrainingOptions } from './linearClassifier.js';
import { seededRandom } from './seededRandom.js';

export type LabelFigures = { label: string; examples: number; groups: number; precision: number; recall: number };
export type CrossValidation = {
  folds: number;
  examples: number;
  groups: number;
  accuracy: number;
  /** Share of held-out examples whose label is among the three best: what a clarifying question can offer. */
  topThree: number;
  /** Accuracy among held-out examples whose best label reached `confidentAt`, and the share that did. */
  confident: { at: number; share: number; accuracy: number };
  /** Expected calibration error of the best label's probability (15 equal-width bins): 0 when confidence means what it says. */
  calibrationError: number;
  labels: LabelFigures[];
  /** Most frequent mistakes: [expected, predicted, count]. */
  confusions: [string, string, number][];
};

/**
 * What a fold's training gives: probabilities over its labels for a held-out text, and, when the label a user is
 * given is not simply the likeliest, that label (`answered`): the FAQ answers the best entry of the best topic
 * (src/engine/route.ts, bestEntry), which is not the likeliest entry when its topic is not the likeliest topic.
 */
export type Predictor = { readonly labels: readonly string[]; predict(text: string): Float64Array | Answered };
export type Answered = { probabilities: Float64Array; answered: string };
/** A predictor whose user is given the likeliest label. */
export type LikeliestPredictor = { readonly labels: readonly string[]; predict(text: string): Float64Array };
/**
 * A held-out example's probabilities over every label of the family (`OutOfFold.labels`), from the fold it was not
 * trained on; `answered`, the index of the label a user is given when the predictor named one (else the likeliest).
 */
export type HeldOutPrediction = { example: LabelledExample; fold: number; expected: number; probabilities: Float64Array; answered?: number };
export type OutOfFold = { folds: number; labels: string[]; groups: number; predictions: HeldOutPrediction[] };
/**
 * `groupOf`: what is held out whole, when more than an example's own group must be (the FAQ topics: near-identical
 * phrasings of two entries of one topic are one sentence under one label there); by default its family, label and group.
 * `seed`: deal each label's groups to folds in an order shuffled by this seed instead of sorted by name. One split
 * moves a figure by about ±0.5 point when groups are added (the deal of every later group shifts), so a change is
 * judged on the mean over several seeds (`npm run eval -- --cv <family> --seeds N`).
 */
export type FoldOptions = { folds?: number; labelOf?: (example: LabelledExample) => string; seed?: number; groupOf?: (example: LabelledExample) => string };

const groupKey = (example: LabelledExample) => `${example.family}:${example.label}:${example.group}`;

/**
 * Grouped k-fold predictions: each group (paraphrases of one sentence) is held out whole, so a fold never tests on a
 * rewording of something it trained on. Groups are dealt to folds label by label, in a fixed order. `fit` trains on
 * a fold's training examples; every held-out example gets probabilities from the one model that never saw its group.
 */
export function outOfFold(examples: readonly LabelledExample[], fit: (training: LabelledExample[]) => Predictor, options: FoldOptions = {}): OutOfFold {
  const folds = options.folds ?? 5;
  const labelOf = options.labelOf ?? ((example: LabelledExample) => example.label);
  const unitOf = options.groupOf ?? groupKey;
  const foldOf = new Map<string, number>();
  const groupsByLabel = new Map<string, string[]>();
  for (const example of examples) {
    const key = unitOf(example);
    const list = groupsByLabel.get(labelOf(example)) ?? [];
    if (!list.includes(key)) list.push(key);
    groupsByLabel.set(labelOf(example), list);
  }
  const random = options.seed === undefined ? null : seededRandom(options.seed);
  let next = 0;
  for (const label of [...groupsByLabel.keys()].sort()) {
    const keys = groupsByLabel.get(label)!.sort();
    if (random) shuffle(keys, random);
    for (const key of keys) foldOf.set(key, next++ % folds);
  }
  const labels = [...groupsByLabel.keys()].sort();
  const labelIndex = new Map(labels.map((label, index) => [label, index]));

  const predictions: HeldOutPrediction[] = [];
  for (let fold = 0; fold < folds; fold += 1) {
    const training = examples.filter((example) => foldOf.get(unitOf(example)) !== fold);
    const test = examples.filter((example) => foldOf.get(unitOf(example)) === fold);
    if (test.length === 0) continue;
    const predictor = fit(training);
    // A label no training group of this fold has gets probability 0.
    const positions = predictor.labels.map((label) => labelIndex.get(label));
    for (const example of test) {
      const predicted = predictor.predict(example.text);
      const own = predicted instanceof Float64Array ? predicted : predicted.probabilities;
      const probabilities = new Float64Array(labels.length);
      positions.forEach((position, index) => {
        if (position !== undefined) probabilities[position] = own[index]!;
      });
      const answered = predicted instanceof Float64Array ? undefined : labelIndex.get(predicted.answered);
      predictions.push({ example, fold, expected: labelIndex.get(labelOf(example))!, probabilities, ...(answered === undefined ? {} : { answered }) });
    }
  }
  return { folds, labels, groups: foldOf.size, predictions };
}

/** The linear classifier over an example's features, as `outOfFold` fits it. */
export function linearFit(featuresOf: (text: string) => string[], labelOf: (example: LabelledExample) => string = (example) => example.label, training?: TrainingOptions) {
  return (examples: LabelledExample[]): LikeliestPredictor => {
    const classifier = trainClassifier(examples.map((example) => ({ features: featuresOf(example.text), label: labelOf(example) })), training);
    return { labels: classifier.labels, predict: (text) => classifier.predict(featuresOf(text)) };
  };
}

/** Grouped k-fold cross-validation of the linear classifier on one label family. */
export function crossValidate(
  examples: readonly LabelledExample[],
  featuresOf: (text: string) => string[],
  options: FoldOptions & { confidentAt?: number; training?: TrainingOptions } = {},
): CrossValidation {
  return summarise(outOfFold(examples, linearFit(featuresOf, options.labelOf, options.training), options), options.confidentAt);
}

/** The index of the label a user is given for a held-out prediction: the one the predictor named, else the likeliest. */
export function labelGiven({ probabilities, answered }: Pick<HeldOutPrediction, 'probabilities' | 'answered'>): number {
  if (answered !== undefined) return answered;
  let best = 0;
  for (let index = 1; index < probabilities.length; index += 1) if (probabilities[index]! > probabilities[best]!) best = index;
  return best;
}

/**
 * Accuracy, precision and recall per label, the confusions and the calibration of held-out predictions. A prediction
 * counts as the label a user is given (`answered`, else the likeliest); top three and calibration read the probabilities.
 */
export function summarise({ folds, labels: labelNames, groups, predictions }: OutOfFold, confidentAt = 0.5): CrossValidation {
  const predicted = predictions.map((prediction) => {
    const { example, expected, probabilities } = prediction;
    const ranked = [...probabilities.keys()].sort((a, b) => probabilities[b]! - probabilities[a]!);
    return { example, expected, got: labelGiven(prediction), topThree: ranked.slice(0, 3).includes(expected), confidence: probabilities[ranked[0]!]! };
  });
  const labels = labelNames.map((label, index): LabelFigures => {
    const truePositives = predicted.filter((entry) => entry.expected === index && entry.got === index).length;
    const predictedAs = predicted.filter((entry) => entry.got === index).length;
    const actual = predicted.filter((entry) => entry.expected === index);
    return {
      label,
      examples: actual.length,
      groups: new Set(actual.map((entry) => groupKey(entry.example))).size,
      precision: predictedAs === 0 ? 0 : truePositives / predictedAs,
      recall: actual.length === 0 ? 0 : truePositives / actual.length,
    };
  });
  const confusionCounts = new Map<string, number>();
  for (const entry of predicted) {
    if (entry.expected === entry.got) continue;
    const key = `${labelNames[entry.expected]}\u0000${labelNames[entry.got]}`;
    confusionCounts.set(key, (confusionCounts.get(key) ?? 0) + 1);
  }
  const confident = predicted.filter((entry) => entry.confidence >= confidentAt);
  return {
    folds,
    examples: predicted.length,
    groups,
    accuracy: share(predicted.filter((entry) => entry.expected === entry.got).length, predicted.length),
    topThree: share(predicted.filter((entry) => entry.topThree).length, predicted.length),
    confident: { at: confidentAt, share: share(confident.length, predicted.length), accuracy: share(confident.filter((entry) => entry.expected === entry.got).length, confident.length) },
    calibrationError: calibrationError(predicted.map((entry) => ({ confidence: entry.confidence, right: entry.expected === entry.got }))),
    labels,
    confusions: [...confusionCounts]
      .map(([key, count]) => [...(key.split('\u0000') as [string, string]), count] as [string, string, number])
      .sort((a, b) => b[2] - a[2])
      .slice(0, 10),
  };
}

/** Fisher–Yates, in place. */
function shuffle<T>(items: T[], random: () => number): void {
  for (let index = items.length - 1; index > 0; index -= 1) {
    const other = Math.floor(random() * (index + 1));
    [items[index], items[other]] = [items[other]!, items[index]!];
  }
}

function share(part: number, whole: number): number {
  return whole === 0 ? 0 : part / whole;
}
