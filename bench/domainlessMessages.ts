import { labelledExamples } from '../src/content/checkExamples.js';
import { outOfFold } from '../src/nlu/crossValidate.js';
import { namesTheDomain } from '../src/nlu/domainWords.js';
import { rankFaq, trainFaqRanker } from '../src/nlu/faqRanking.js';
import { featureKinds, trainingOptions } from '../src/nlu/nluModel.js';
import { featuresOfKind, prepareText } from '../src/nlu/prepareText.js';
import { trainingSets } from '../src/nlu/trainingSets.js';
import { loadFaqBench } from './faqBench.js';

/**
 * `tsx bench/domainlessMessages.ts`: what the FAQ ranking gives messages that name nothing of the domain
 * (namesTheDomain), out of fold: the FAQ examples as written (grouped 5-fold, the ranker `read` uses) and every
 * refusal example (never FAQ training data, ranked by a ranker trained on all FAQ examples). For each answer
 * threshold a domainless message could be held to: how many in-scope questions would lose a right answer, and how
 * many refusal examples would no longer be answered.
 */
const { context, content, segmenter, vocabulary, featuresOf, topicOf } = await loadFaqBench();
const sets = trainingSets(content);
const written = new Set(labelledExamples(content.nlu, [{ file: 'flows/faq', entries: content.faq }]).filter((example) => example.family === 'faq').map((example) => example.text));
const domainOf = (text: string) => {
  const prepared = prepareText(text, segmenter, vocabulary, { pending: null });
  return namesTheDomain(prepared.normalised, prepared.tokens.map((token) => token.word), prepared.entities.some((entity) => entity.kind === 'relationship'), vocabulary.synonyms);
};

type Row = { domain: boolean; score: number; right: boolean };
const inScope: Row[] = [];
const labelOf = new Map(sets.faq.map((example) => [example.text, example.label]));
outOfFold(sets.faq, (training) => {
  const ranker = trainFaqRanker(training, featuresOf, topicOf, trainingOptions.faq);
  return {
    labels: [],
    predict(text) {
      if (written.has(text)) {
        const best = rankFaq(ranker, featuresOfKind(prepareText(text, segmenter, vocabulary, { pending: null }), featureKinds.faq)).topics[0]!;
        inScope.push({ domain: domainOf(text), score: best.score, right: best.topic === topicOf.get(labelOf.get(text)!) });
      }
      return new Float64Array(0);
    },
  };
});
const refusals = new Map<string, Row[]>();
for (const example of sets.refusal.filter((candidate) => candidate.label !== 'in_scope')) {
  const best = rankFaq(context.reader.model.faq, featuresOfKind(prepareText(example.text, segmenter, vocabulary, { pending: null }), featureKinds.faq)).topics[0]!;
  const list = refusals.get(example.label) ?? [];
  list.push({ domain: domainOf(example.text), score: best.score, right: false });
  refusals.set(example.label, list);
}

const domainless = inScope.filter((row) => !row.domain);
console.log(`FAQ examples as written: ${inScope.length}, naming nothing of the domain ${domainless.length} (${domainless.filter((row) => row.right).length} of them ranked right)`);
for (const [label, rows] of refusals) console.log(`refusal ${label}: ${rows.length}, naming nothing of the domain ${rows.filter((row) => !row.domain).length}`);
for (const threshold of [0.25, 0.3, 0.35, 0.4, 0.5, 0.6, 1.01]) {
  const lost = domainless.filter((row) => row.right && row.score >= 0.25 && row.score < threshold).length;
  const wrongAvoided = domainless.filter((row) => !row.right && row.score >= 0.25 && row.score < threshold).length;
  const kept = [...refusals].map(([label, rows]) => `${label} ${rows.filter((row) => !row.domain && row.score >= 0.25 && row.score < threshold).length}/${rows.filter((row) => !row.domain && row.score >= 0.25).length}`);
  console.log(`domainless answered at ≥ ${threshold}: in-scope right answers lost ${lost}, wrong answers avoided ${wrongAvoided}; refusal examples no longer answered ${kept.join(', ')}`);
}
