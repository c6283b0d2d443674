import type { LabelledExample } from '../src/content/checkExamples.js';
import type { Content, Topic } from '../src/content/schema.js';
import { crossFitted } from '../src/nlu/calibration.js';
import { linearFit, outOfFold, summarise, type CrossValidation, type FoldOptions, type OutOfFold, type Predictor } from '../src/nlu/crossValidate.js';
import type { Segmenter } from '../src/nlu/segmenter.js';
import { rankFaq, trainFaqRanker } from '../src/nlu/faqRanking.js';
import { exampleFeatures, featureKinds, trainingOptions } from '../src/nlu/nluModel.js';
import { pooledRefusal } from '../src/nlu/refusalRule.js';
import { trainingSets } from '../src/nlu/trainingSets.js';

/** A family's held-out figures, and its calibration error once a temperature fitted on the other folds scales each fold. */
export type FamilyReport = { family: string; result: CrossValidation; calibrated: { temperature: number; calibrationError: number } };

function report(family: string, examples: readonly LabelledExample[], fit: (training: LabelledExample[]) => Predictor, options: FoldOptions = {}): FamilyReport {
  const held: OutOfFold = outOfFold(examples, fit, options);
  const { temperature, predictions } = crossFitted(held.predictions);
  return { family, result: summarise(held), calibrated: { temperature, calibrationError: summarise({ ...held, predictions }).calibrationError } };
}

/** A family as cross-validation sees it: its examples, how a fold is trained, and how an example's label is read. */
export type FamilyFolds = { family: string; examples: readonly LabelledExample[]; fit: (training: LabelledExample[]) => Predictor; options: FoldOptions };

/** Every classifier `read` uses, with the examples in content it learns from. */
export function familyFolds(content: Content, segmenter: Segmenter): FamilyFolds[] {
  const sets = trainingSets(content);
  const featuresFor = exampleFeatures(content, segmenter);
  const of = (family: keyof typeof featureKinds) => featuresFor(featureKinds[family]);
  const topicOf = new Map(content.faq.map((entry) => [entry.id, entry.topic]));
  const byTopic = (example: LabelledExample) => topicOf.get(example.label) ?? example.label;
  return [
    { family: 'intent', examples: sets.intent, fit: linearFit(of('intent'), undefined, trainingOptions.intent), options: {} },
    { family: 'refusal', examples: sets.refusal, fit: asRefusalRuleReads(linearFit(of('refusal'), undefined, trainingOptions.refusal)), options: {} },
    { family: 'field', examples: sets.field, fit: linearFit(of('field'), undefined, trainingOptions.field), options: {} },
    { family: 'whose', examples: sets.whose, fit: linearFit(of('whose'), undefined, trainingOptions.whose), options: {} },
    { family: 'scope', examples: sets.scope, fit: linearFit(of('scope'), undefined, trainingOptions.scope), options: {} },
    { family: 'faq topic', examples: sets.faq, fit: faqFit(of('faq'), topicOf, 'topics'), options: { labelOf: byTopic } },
    { family: 'faq entry', examples: sets.faq, fit: faqFit(of('faq'), topicOf, 'entries'), options: {} },
  ];
}

/**
 * Refusals as `read` decides them (src/nlu/refusalRule.ts): p(in_scope) against the rest pooled on the likeliest
 * refusing class, so a held-out example counts as refused when in_scope is less likely than all refusing together.
 */
function asRefusalRuleReads(fit: (training: LabelledExample[]) => Predictor) {
  return (training: LabelledExample[]): Predictor => {
    const predictor = fit(training);
    return { labels: predictor.labels, predict: (text) => pooledRefusal(predictor.labels, predictor.predict(text)) };
  };
}

/** Grouped 5-fold cross-validation of every classifier `read` uses, on the examples in content. */
export function crossValidateFamilies(content: Content, segmenter: Segmenter): FamilyReport[] {
  return familyFolds(content, segmenter).map(({ family, examples, fit, options }) => report(family, examples, fit, options));
}

/** Topics or entries as `read` ranks them (faqRanking.ts), trained on a fold's examples. */
function faqFit(featuresOf: (text: string) => string[], topicOf: ReadonlyMap<string, Topic>, ranked: 'topics' | 'entries') {
  return (training: LabelledExample[]): Predictor => {
    const ranker = trainFaqRanker(training, featuresOf, topicOf, trainingOptions.faq);
    const labels = ranked === 'topics' ? [...ranker.topic.labels] : [...ranker.entry.labels];
    const index = new Map(labels.map((label, position) => [label, position]));
    return {
      labels,
      predict(text) {
        const ranking = rankFaq(ranker, featuresOf(text));
        const probabilities = new Float64Array(labels.length);
        const scores = ranked === 'topics' ? ranking.topics.map((topic) => [topic.topic, topic.score] as const) : ranking.entries.map((entry) => [entry.entryId, entry.score] as const);
        for (const [label, score] of scores) probabilities[index.get(label)!] = score;
        return probabilities;
      },
    };
  };
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
