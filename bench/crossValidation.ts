import type { LabelledExample } from '../src/content/checkExamples.js';
import type { Content } from '../src/content/schema.js';
import { crossValidate, type CrossValidation } from '../src/nlu/crossValidate.js';
import type { Segmenter } from '../src/nlu/segmenter.js';
import { exampleFeatures, trainingOptions } from '../src/nlu/nluModel.js';
import { trainingSets } from '../src/nlu/trainingSets.js';

export type FamilyReport = { family: string; result: CrossValidation };

/** Grouped 5-fold cross-validation of every classifier `read` uses, on the examples in content. */
export function crossValidateFamilies(content: Content, segmenter: Segmenter): FamilyReport[] {
  const sets = trainingSets(content);
  const featuresOf = exampleFeatures(content, segmenter);
  const topicOf = new Map(content.faq.map((entry) => [entry.id, entry.topic]));
  const byTopic = (example: LabelledExample) => topicOf.get(example.label) ?? example.label;
  return [
    { family: 'intent', result: crossValidate(sets.intent, featuresOf, { training: trainingOptions.intent }) },
    { family: 'refusal', result: crossValidate(sets.refusal, featuresOf, { training: trainingOptions.refusal }) },
    { family: 'field', result: crossValidate(sets.field, featuresOf, { training: trainingOptions.field }) },
    { family: 'whose', result: crossValidate(sets.whose, featuresOf, { training: trainingOptions.whose }) },
    { family: 'scope', result: crossValidate(sets.scope, featuresOf, { training: trainingOptions.scope }) },
    { family: 'faq topic', result: crossValidate(sets.faq, featuresOf, { labelOf: byTopic, training: trainingOptions.faq }) },
    { family: 'faq entry', result: crossValidate(sets.faq, featuresOf, { training: trainingOptions.faq }) },
  ];
}

export function formatFamilyReport({ family, result }: FamilyReport, detail: boolean): string {
  const percent = (value: number) => `${(100 * value).toFixed(1)} %`;
  const lines = [
    `${family}: accuracy ${percent(result.accuracy)} over ${result.examples} examples in ${result.groups} groups (${result.folds}-fold, grouped); ` +
      `${percent(result.confident.share)} reach p ≥ ${result.confident.at}, and of those ${percent(result.confident.accuracy)} are right`,
  ];
  if (detail) {
    for (const label of result.labels) {
      lines.push(`  ${label.label.padEnd(34)} ${String(label.examples).padStart(4)} ex ${String(label.groups).padStart(3)} groups  precision ${percent(label.precision).padStart(7)}  recall ${percent(label.recall).padStart(7)}`);
    }
  }
  if (result.confusions.length > 0) lines.push(`  confusions: ${result.confusions.map(([expected, got, count]) => `${expected}→${got} ×${count}`).join(', ')}`);
  return lines.join('\n');
}
