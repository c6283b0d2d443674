/**
 * `tsx bench/seedStability.ts [seeds…]`: how much the first-turn decision on the retired held-out questions moves when
 * only the training seed of the intent and refusal classifiers changes (default 17 and 18; the FAQ ranker and the
 * rest stay as cached). Prints, per seed, the in-scope and out-of-scope totals over the retired sets, and for each
 * later seed how many questions got another outcome than under the first (refused or not, and which topic). The
 * eleventh fresh set is never read here.
 */
import { join } from 'node:path';
import type { EngineContext } from '../src/engine/engineContext.js';
import { initialState, step } from '../src/engine/step.js';
import { trainClassifier } from '../src/nlu/linearClassifier.js';
import { exampleFeatures, featureKinds, trainingOptions } from '../src/nlu/nluModel.js';
import { trainingSets } from '../src/nlu/trainingSets.js';
import { heldOutQuestionsPath, loadDevQuestions, loadRepoEngine, OUT_OF_SCOPE, repoRoot, type EvalQuestion } from './evaluateRouting.js';
import { FRESH, FRESH10, FRESH12, FRESH13, FRESH14, FRESH15, FRESH2, FRESH3, FRESH4, FRESH6, FRESH7, FRESH8, FRESH9, servedTopic } from './heldOutFresh.js';

const retired = [FRESH, FRESH2, FRESH3, FRESH4, FRESH6, FRESH7, FRESH8, FRESH9, FRESH10, FRESH12, FRESH13, FRESH14, FRESH15].map((set) => join(repoRoot, set.questions));

function withSeed(context: EngineContext, seed: number): EngineContext {
  const sets = trainingSets(context.content);
  const featuresFor = exampleFeatures(context.content, context.reader.segmenter);
  const train = (family: 'intent' | 'refusal') => {
    const features = featuresFor(featureKinds[family]);
    return trainClassifier(sets[family].map((example) => ({ features: features(example.text), label: example.label })), { ...trainingOptions[family], seed });
  };
  return { ...context, reader: { ...context.reader, model: { ...context.reader.model, intent: train('intent'), refusal: train('refusal') } } };
}

/** Each question's outcome: right or not, and what it was served as. */
function outcomes(context: EngineContext, questions: readonly EvalQuestion[]): { right: boolean; out: boolean; served: string }[] {
  const now = new Date('2026-11-22T02:00:00Z');
  return questions.map(({ q, accept }) => {
    const { understanding, state } = step(context, initialState(context, 'evaluation', null), { type: 'text', text: q }, now);
    const topic = servedTopic(understanding, state);
    const out = accept.includes(OUT_OF_SCOPE);
    const right = out ? understanding.route === 'refusal' || (topic !== null && accept.includes(topic)) : topic !== null && accept.includes(topic);
    return { right, out, served: understanding.route === 'refusal' ? `refusal ${understanding.topic ?? ''}` : (topic ?? '-') };
  });
}

const seeds = process.argv.slice(2).map(Number);
const context = await loadRepoEngine();
const questions = (await Promise.all([heldOutQuestionsPath, ...retired].map((path) => loadDevQuestions(path)))).flat();
let first: ReturnType<typeof outcomes> | null = null;
for (const seed of seeds.length > 0 ? seeds : [17, 18]) {
  const results = outcomes(withSeed(context, seed), questions);
  const inScope = results.filter((result) => !result.out);
  const outOfScope = results.filter((result) => result.out);
  let line = `seed ${seed}: in scope ${inScope.filter((result) => result.right).length}/${inScope.length}, out of scope ${outOfScope.filter((result) => result.right).length}/${outOfScope.length}`;
  if (first !== null) {
    const base = first;
    const moved = (out: boolean) => results.filter((result, index) => result.out === out && result.right !== base[index]!.right).length;
    const refusedMoved = results.filter((result, index) => result.served.startsWith('refusal') !== base[index]!.served.startsWith('refusal')).length;
    line += `; against seed ${seeds[0] ?? 17}: right/wrong moved in ${moved(false)} in scope, ${moved(true)} out of scope; refused or not moved in ${refusedMoved}`;
  }
  first ??= results;
  console.log(line);
}
