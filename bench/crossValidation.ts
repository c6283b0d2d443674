import { alikePairs, labelledExamples, SAME_GROUP_SIMILARITY, type LabelledExample } from '../src/content/checkExamples.js';
import type { Content, Topic } from '../src/content/schema.js';
import { crossFitted } from '../src/nlu/calibration.js';
import { linearFit, outOfFold, summarise, type CrossValidation, type FoldOptions, type LikeliestPredictor, type OutOfFold, type Predictor } from '../src/nlu/crossValidate.js';
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
    { family: 'faq topic', examples: sets.faq, fit: faqFit(of('faq'), topicOf, 'topics'), options: { labelOf: byTopic, groupOf: topicGroups(content, topicOf) } },
    { family: 'faq entry', examples: sets.faq, fit: faqFit(of('faq'), topicOf, 'entries'), options: {} },
  ];
}

/**
 * What the topic family holds out whole: an FAQ example's group, joined with the groups of other entries of the same
 * topic that hold a phrasing at least SAME_GROUP_SIMILARITY alike ("嫂子能用我的医保余额吗" under one entry, "保姆能用我的
 * 医保余额吗" under another, both who_can_bind). For the entries they are contrasts to learn; for the topic they are one
 * sentence under one label, and dealt apart, one was trained on while the other was tested (about 50 such pairs, 2026-12-03).
 * Likeness is read on the phrasings as written; each copy inside a region mention goes with its phrasing's group.
 */
function topicGroups(content: Content, topicOf: ReadonlyMap<string, Topic>): (example: LabelledExample) => string {
  const written = labelledExamples(content.nlu, [{ file: 'flows/faq', entries: content.faq }]).filter((example) => example.family === 'faq');
  const keyOf = (example: LabelledExample) => `faq:${topicOf.get(example.label) ?? example.label}:${example.label}:${example.group}`;
  const parent = new Map<string, string>();
  const root = (key: string): string => {
    const above = parent.get(key);
    if (above === undefined || above === key) return key;
    const top = root(above);
    parent.set(key, top);
    return top;
  };
  for (const [left, right] of alikePairs(written.map((example) => example.text), SAME_GROUP_SIMILARITY)) {
    const [a, b] = [written[left]!, written[right]!];
    if (a.label === b.label || topicOf.get(a.label) !== topicOf.get(b.label)) continue;
    const [first, second] = [root(keyOf(a)), root(keyOf(b))];
    if (first !== second) parent.set(second, first);
  }
  return (example) => root(keyOf(example));
}

/**
 * Refusals as `read` decides them (src/nlu/refusalRule.ts): p(in_scope) against the rest pooled on the likeliest
 * refusing class, so a held-out example counts as refused when in_scope is less likely than all refusing together.
 */
function asRefusalRuleReads(fit: (training: LabelledExample[]) => LikeliestPredictor) {
  return (training: LabelledExample[]): Predictor => {
    const predictor = fit(training);
    return { labels: predictor.labels, predict: (text) => pooledRefusal(predictor.labels, predictor.predict(text)) };
  };
}

/** Grouped 5-fold cross-validation of every classifier `read` uses, on the examples in content. */
export function crossValidateFamilies(content: Content, segmenter: Segmenter): FamilyReport[] {
  return familyFolds(content, segmenter).map(({ family, examples, fit, options }) => report(family, examples, fit, options));
}

/**
 * Topics or entries as `read` ranks them (faqRanking.ts), trained on a fold's examples. An entry counts as the one a
 * user is answered with: the best entry of the best topic (src/engine/route.ts, bestEntry), not the likeliest entry,
 * which belongs to another topic in about one held-out question of a hundred.
 */
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
        if (ranked === 'topics') return probabilities;
        const answered = ranking.entries.find((entry) => entry.topic === ranking.topics[0]?.topic) ?? ranking.entries[0]!;
        return { probabilities, answered: answered.entryId };
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

/** A family's figures averaged over several deals of its groups to folds: accuracy (with its range) and each label's recall and precision. */
export type SeededReport = {
  family: string;
  seeds: (number | null)[];
  accuracies: number[];
  examples: number;
  groups: number;
  labels: { label: string; examples: number; groups: number; recall: number; precision: number }[];
  confusions: [string, string, number][];
};

/**
 * Grouped cross-validation of one family repeated over deals of its groups to folds: the usual deal (`null`, sorted
 * by name, what `npm run eval` prints) and seeds 1…count−1. Confusions are summed over the deals.
 */
export function crossValidateOverSeeds({ family, examples, fit, options }: FamilyFolds, count: number): SeededReport {
  const seeds = [null, ...Array.from({ length: Math.max(0, count - 1) }, (_, index) => index + 1)];
  const results = seeds.map((seed) => summarise(outOfFold(examples, fit, seed === null ? options : { ...options, seed })));
  const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;
  const confusions = new Map<string, number>();
  for (const result of results) for (const [expected, got, times] of result.confusions) confusions.set(`${expected}\u0000${got}`, (confusions.get(`${expected}\u0000${got}`) ?? 0) + times);
  return {
    family,
    seeds,
    accuracies: results.map((result) => result.accuracy),
    examples: results[0]!.examples,
    groups: results[0]!.groups,
    labels: results[0]!.labels.map((label, index) => ({
      label: label.label,
      examples: label.examples,
      groups: label.groups,
      recall: mean(results.map((result) => result.labels[index]!.recall)),
      precision: mean(results.map((result) => result.labels[index]!.precision)),
    })),
    confusions: [...confusions]
      .map(([key, times]) => [...(key.split('\u0000') as [string, string]), times] as [string, string, number])
      .sort((a, b) => b[2] - a[2])
      .slice(0, 15),
  };
}

export function formatSeededReport(report: SeededReport): string {
  const percent = (value: number) => `${(100 * value).toFixed(2)} %`;
  const mean = report.accuracies.reduce((sum, value) => sum + value, 0) / report.accuracies.length;
  const lines = [
    `${report.family}: mean accuracy ${percent(mean)} over ${report.seeds.length} deals of ${report.groups} groups to 5 folds (${report.examples} examples); ` +
      `each: ${report.accuracies.map((accuracy, index) => `${report.seeds[index] ?? 'usual'} ${percent(accuracy)}`).join(', ')}`,
  ];
  for (const label of report.labels) {
    lines.push(`  ${label.label.padEnd(34)} ${String(label.examples).padStart(4)} ex ${String(label.groups).padStart(3)} groups  precision ${percent(label.precision).padStart(8)}  recall ${percent(label.recall).padStart(8)}`);
  }
  lines.push(`  confusions summed over the deals: ${report.confusions.map(([expected, got, count]) => `${expected}→${got} ×${count}`).join(', ')}`);
  return lines.join('\n');
}
