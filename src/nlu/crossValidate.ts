import type { LabelledExample } from '../content/checkExamples.js';
import { trainClassifier, type TrainingOptions } from './linearClassifier.js';

export type LabelFigures = { label: string; examples: number; groups: number; precision: number; recall: number };
export type CrossValidation = {
  folds: number;
  examples: number;
  groups: number;
  accuracy: number;
  /** Accuracy among held-out examples whose best label reached `confidentAt`, and the share that did. */
  confident: { at: number; share: number; accuracy: number };
  labels: LabelFigures[];
  /** Most frequent mistakes: [expected, predicted, count]. */
  confusions: [string, string, number][];
};

/**
 * Grouped k-fold cross-validation: each group (paraphrases of one sentence) is held out whole, so a fold never
 * tests on a rewording of something it trained on. Groups are dealt to folds label by label, in a fixed order.
 */
export function crossValidate(
  examples: readonly LabelledExample[],
  featuresOf: (text: string) => string[],
  options: { folds?: number; labelOf?: (example: LabelledExample) => string; confidentAt?: number; training?: TrainingOptions } = {},
): CrossValidation {
  const folds = options.folds ?? 5;
  const labelOf = options.labelOf ?? ((example: LabelledExample) => example.label);
  const confidentAt = options.confidentAt ?? 0.5;
  const groupKey = (example: LabelledExample) => `${example.family}:${example.label}:${example.group}`;
  const foldOf = new Map<string, number>();
  const groupsByLabel = new Map<string, string[]>();
  for (const example of examples) {
    const key = groupKey(example);
    const list = groupsByLabel.get(labelOf(example)) ?? [];
    if (!list.includes(key)) list.push(key);
    groupsByLabel.set(labelOf(example), list);
  }
  let next = 0;
  for (const label of [...groupsByLabel.keys()].sort()) for (const key of groupsByLabel.get(label)!.sort()) foldOf.set(key, next++ % folds);

  const predicted: { expected: string; got: string; confidence: number }[] = [];
  for (let fold = 0; fold < folds; fold += 1) {
    const training = examples.filter((example) => foldOf.get(groupKey(example)) !== fold);
    const test = examples.filter((example) => foldOf.get(groupKey(example)) === fold);
    if (test.length === 0) continue;
    const classifier = trainClassifier(training.map((example) => ({ features: featuresOf(example.text), label: labelOf(example) })), options.training);
    for (const example of test) {
      const probabilities = classifier.predict(featuresOf(example.text));
      let top = 0;
      probabilities.forEach((score, index) => {
        if (score > probabilities[top]!) top = index;
      });
      predicted.push({ expected: labelOf(example), got: classifier.labels[top]!, confidence: probabilities[top]! });
    }
  }

  const labels = [...groupsByLabel.keys()].sort().map((label): LabelFigures => {
    const truePositives = predicted.filter((entry) => entry.expected === label && entry.got === label).length;
    const predictedAs = predicted.filter((entry) => entry.got === label).length;
    const actual = predicted.filter((entry) => entry.expected === label).length;
    return {
      label,
      examples: examples.filter((example) => labelOf(example) === label).length,
      groups: groupsByLabel.get(label)!.length,
      precision: predictedAs === 0 ? 0 : truePositives / predictedAs,
      recall: actual === 0 ? 0 : truePositives / actual,
    };
  });
  const confusionCounts = new Map<string, number>();
  for (const entry of predicted) if (entry.expected !== entry.got) confusionCounts.set(`${entry.expected}\u0000${entry.got}`, (confusionCounts.get(`${entry.expected}\u0000${entry.got}`) ?? 0) + 1);
  const confident = predicted.filter((entry) => entry.confidence >= confidentAt);
  return {
    folds,
    examples: examples.length,
    groups: foldOf.size,
    accuracy: share(predicted.filter((entry) => entry.expected === entry.got).length, predicted.length),
    confident: { at: confidentAt, share: share(confident.length, predicted.length), accuracy: share(confident.filter((entry) => entry.expected === entry.got).length, confident.length) },
    labels,
    confusions: [...confusionCounts]
      .map(([key, count]) => [...(key.split('\u0000') as [string, string]), count] as [string, string, number])
      .sort((a, b) => b[2] - a[2])
      .slice(0, 10),
  };
}

function share(part: number, whole: number): number {
  return whole === 0 ? 0 : part / whole;
}
