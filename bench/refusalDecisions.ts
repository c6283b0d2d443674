import type { LabelledExample } from '../src/content/checkExamples.js';
import type { EngineContext } from '../src/engine/engineContext.js';
import { outOfFold } from '../src/nlu/crossValidate.js';
import { trainClassifier } from '../src/nlu/linearClassifier.js';
import { exampleFeatures, featureKinds, trainingOptions, type NluModel } from '../src/nlu/nluModel.js';
import { read } from '../src/nlu/read.js';
import { refusalRule, type RefusalRule, type Refusing } from '../src/nlu/refusalRule.js';
import { trainingSets } from '../src/nlu/trainingSets.js';
import { evaluateRouting, heldOutQuestionsPath, loadDevQuestions, loadRepoEngine } from './evaluateRouting.js';
import { evaluateFreshQuestions, runFreshConversations } from './heldOutFresh.js';

/**
 * `npx tsx bench/refusalDecisions.ts`: how each refusal rule (src/nlu/refusalRule.ts) decides, measured two ways.
 * 1. Grouped 5-fold: every refusal example is read by `read` itself (clauses and all) with the refusal and intent
 *    classifiers of the fold that never saw its group; per class, the share refused as that class and refused at all, and the share
 *    of in-scope examples (questions; dialog acts apart) left alone.
 * 2. Through the engine: dev, old held-out and fresh questions and the fresh conversations, aggregates only.
 * Per-class thresholds are chosen on the out-of-fold predictions alone (best F1 of "refused as that class").
 * `--folds-only` skips the engine; `--landed` measures only the rule before and the rule `read` applies.
 */

const refusing: Refusing[] = ['out_of_scope', 'fraud', 'private_data', 'injection'];
type Read = { example: LabelledExample; probabilities: Float64Array; labels: readonly string[]; decide: (rule: RefusalRule) => string };

function outOfFoldReads(context: EngineContext): Read[] {
  const { content, reader } = context;
  const sets = trainingSets(content);
  const examples = sets.refusal;
  const featuresOf = exampleFeatures(content, reader.segmenter);
  const features = featuresOf(featureKinds.refusal);
  const actFeatures = featuresOf(featureKinds.intent);
  // The intent classifier of a fold learns only the in-scope examples of that fold's training, so that a dialog act
  // held out of the refusal classifier is held out of the intent classifier too.
  const key = (example: LabelledExample) => `${example.file}\u0000${example.path}`;
  const intentOf = new Map(sets.intent.map((example) => [key(example), example]));
  const folds: Pick<NluModel, 'refusal' | 'intent'>[] = [];
  const held = outOfFold(examples, (training) => {
    const refusal = trainClassifier(training.map((example) => ({ features: features(example.text), label: example.label })), trainingOptions.refusal);
    const intents = training.flatMap((example) => intentOf.get(key(example)) ?? []);
    const intent = trainClassifier(intents.map((example) => ({ features: actFeatures(example.text), label: example.label })), trainingOptions.intent);
    folds.push({ refusal, intent });
    return { labels: refusal.labels, predict: (text) => refusal.predict(features(text)) };
  });
  return held.predictions.map(({ example, fold, probabilities }) => {
    const tools = { ...reader, model: { ...reader.model, ...folds[fold]! } };
    return { example, probabilities, labels: held.labels, decide: (rule: RefusalRule) => read(example.text, { ...tools, refusalRule: rule }, { pending: null }).refusal.class };
  });
}

const percent = (part: number, whole: number) => (whole === 0 ? 'n/a' : `${((100 * part) / whole).toFixed(1)} %`);
const isDialogAct = (example: LabelledExample) => example.label === 'in_scope' && example.file.startsWith('flows/nlu/') && !example.file.startsWith('flows/nlu/faq');

function summary(reads: readonly Read[], rule: RefusalRule): string {
  const decided = reads.map((entry) => ({ example: entry.example, got: entry.decide(rule) }));
  const parts = refusing.map((kind) => {
    const of = decided.filter((entry) => entry.example.label === kind);
    return `${kind} ${percent(of.filter((entry) => entry.got === kind).length, of.length)} (any ${percent(of.filter((entry) => entry.got !== 'in_scope').length, of.length)})`;
  });
  const inScope = decided.filter((entry) => entry.example.label === 'in_scope');
  const acts = inScope.filter((entry) => isDialogAct(entry.example));
  const questions = inScope.filter((entry) => !isDialogAct(entry.example));
  const right = decided.filter((entry) => entry.got === entry.example.label).length;
  return [
    `  accuracy ${percent(right, decided.length)}; ${parts.join('; ')}`,
    `  in_scope kept ${percent(inScope.filter((entry) => entry.got === 'in_scope').length, inScope.length)} (questions ${percent(questions.filter((entry) => entry.got === 'in_scope').length, questions.length)}, dialog acts ${percent(acts.filter((entry) => entry.got === 'in_scope').length, acts.length)})`,
  ].join('\n');
}

/** Per class, the threshold on its own probability (as the likeliest refusing class) with the best out-of-fold F1. */
function perClassThresholds(reads: readonly Read[]): Record<Refusing, number> {
  const grid = Array.from({ length: 12 }, (_, index) => 0.15 + index * 0.05);
  const chosen = {} as Record<Refusing, number>;
  for (const kind of refusing) {
    let best = { at: 0.5, f1: -1 };
    for (const at of grid) {
      let truePositive = 0;
      let predicted = 0;
      let actual = 0;
      for (const { example, probabilities, labels } of reads) {
        let top = -1;
        labels.forEach((label, index) => {
          if (label !== 'in_scope' && (top < 0 || probabilities[index]! > probabilities[top]!)) top = index;
        });
        const named = labels[top] === kind && probabilities[top]! >= at;
        if (named) predicted += 1;
        if (example.label === kind) actual += 1;
        if (named && example.label === kind) truePositive += 1;
      }
      const f1 = predicted + actual === 0 ? 0 : (2 * truePositive) / (predicted + actual);
      if (f1 > best.f1) best = { at: Math.round(at * 100) / 100, f1 };
    }
    chosen[kind] = best.at;
  }
  return chosen;
}

async function throughEngine(context: EngineContext, rule: RefusalRule): Promise<string> {
  const withRule: EngineContext = { ...context, reader: { ...context.reader, refusalRule: rule } };
  const dev = evaluateRouting(withRule, await loadDevQuestions());
  const old = evaluateRouting(withRule, await loadDevQuestions(heldOutQuestionsPath));
  const fresh = await evaluateFreshQuestions(withRule);
  const conversations = await runFreshConversations(withRule);
  const pair = (report: typeof dev) => `${report.inScope.routed}/${report.inScope.total}, ${report.outOfScope.refused}/${report.outOfScope.total}`;
  // Aggregates only: the misses of these sets are never printed here (they are checks, not material to tune on).
  return `  engine: dev ${pair(dev)}; old held-out ${pair(old)}; fresh ${pair(fresh)}, conversations ${conversations.held}/${conversations.results.length}`;
}

async function main(): Promise<void> {
  const context = await loadRepoEngine();
  const reads = outOfFoldReads(context);
  const thresholds = perClassThresholds(reads);
  const rules: [string, RefusalRule][] = [
    ['likeliest label from 0.5', { kind: 'likeliest' }],
    ['p(in_scope) < 0.5', { kind: 'inScopeBelow', at: 0.5 }],
    ['p(in_scope) < 0.4', { kind: 'inScopeBelow', at: 0.4 }],
    ['p(in_scope) < 0.6', { kind: 'inScopeBelow', at: 0.6 }],
    [`per class ${JSON.stringify(thresholds)}`, { kind: 'perClass', at: thresholds }],
  ];
  const engine = !process.argv.includes('--folds-only');
  // `--landed`: the rule before and the rule read applies, to measure a change of content quickly.
  const measured = process.argv.includes('--landed') ? [rules[0]!, ['landed', refusalRule] as [string, RefusalRule]] : rules;
  for (const [name, rule] of measured) {
    console.log(name);
    console.log(summary(reads, rule));
    if (engine) console.log(await throughEngine(context, rule));
  }
}

await main();
