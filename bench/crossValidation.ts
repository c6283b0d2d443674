import type { LabelledExample } from '../src/content/checkExamples.js';
import type { Content } from '../src/content/schema.js';
import { crossFitted } from '../src/nlu/calibration.js';
import { linearFit, outOfFold, summarise, type CrossValidation, type FoldOptions, type OutOfFold, type Predictor } from '../src/nlu/crossValidate.js';
import type { Segmenter } from '../src/nlu/segmenter.js';
import { exampleFeatures, trainingOptions } from '../src/nlu/nluModel.js';
import { trainingSets } from '../src/nlu/trainingSets.js';

/** A family's held-out figures, and its calibration error once a temperature fitted on the other folds scales each fold. */
export type FamilyReport = { family: string; result: CrossValidation; calibrated: { temperature: number; calibrationError: number } };

function report(family: string, examples: readonly LabelledExample[], fit: (training: LabelledExample[]) => Predictor, options: FoldOptions = {}): FamilyReport {
  const held: OutOfFold = outOfFold(examples, fit, options);
  const { temperature, predictions } = crossFitted(held.predictions);
  return { family, result: summarise(held), calibrated: { temperature, calibrationError: summarise({ ...held, predictions }).calibrationError } };
}

/** Grouped 5-fold cross-validation of every classifier `read` uses, on the examples in content. */
export function crossValidateFamilies(content: Content, segmenter: Segmenter): FamilyReport[] {
  const sets = trainingSets(content);
  const featuresOf = exampleFeatures(content, segmenter);
  const topicOf = new Map(content.faq.map((entry) => [entry.id, entry.topic]));
  const byTopic = (example: LabelledExample) => topicOf.get(example.label) ?? example.label;
  return [
    report('intent', sets.intent, linearFit(featuresOf, undefined, trainingOptions.intent)),
    report('refusal', sets.refusal, linearFit(featuresOf, undefined, trainingOptions.refusal)),
    report('field', sets.field, linearFit(featuresOf, undefined, trainingOptions.field)),
    report('whose', sets.whose, linearFit(featuresOf, undefined, trainingOptions.whose)),
    report('scope', sets.scope, linearFit(featuresOf, undefined, trainingOptions.scope)),
    report('faq topic', sets.faq, linearFit(featuresOf, byTopic, trainingOptions.faq), { labelOf: byTopic }),
    report('faq entry', sets.faq, linearFit(featuresOf, undefined, trainingOptions.faq)),
  ];
}

export function formatFamilyReport({ family, result, calibrated }: FamilyReport, detail: boolean): string {
  const percent = (value: number) => `${(100 * value).toFixed(1)} %`;
  const lines = [
    `${family}: accuracy ${percent(result.accuracy)} over ${result.examples} examples in ${result.groups} groups (${result.folds}-fold, grouped); ` +
      `${percent(result.confident.share)} reach p ≥ ${result.confident.at}, and of those ${percent(result.confident.accuracy)} are right`,
    `  ${result.labels.length > 3 ? `right label among the best three ${percent(result.topThree)}; ` : ''}expected calibration error ${percent(result.calibrationError)} as trained, ` +
      `${percent(calibrated.calibrationError)} with a temperature fitted on the other folds (on all: ${calibrated.temperature})`,
  ];
  if (detail) {
    for (const label of result.labels) {
      lines.push(`  ${label.label.padEnd(34)} ${String(label.examples).padStart(4)} ex ${String(label.groups).padStart(3)} groups  precision ${percent(label.precision).padStart(7)}  recall ${percent(label.recall).padStart(7)}`);
    }
  }
  if (result.confusions.length > 0) lines.push(`  confusions: ${result.confusions.map(([expected, got, count]) => `${expected}→${got} ×${count}`).join(', ')}`);
  return lines.join('\n');
}
