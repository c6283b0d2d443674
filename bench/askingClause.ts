import type { LabelledExample } from '../src/content/checkExamples.js';
import { askingSpans } from '../src/nlu/askingClauses.js';
import { outOfFold } from '../src/nlu/crossValidate.js';
import { mixRankings, rankFaq, trainFaqRanker, type FaqRanking } from '../src/nlu/faqRanking.js';
import { featureKinds, trainingOptions } from '../src/nlu/nluModel.js';
import { featuresOfKind, prepareText, spanOf } from '../src/nlu/prepareText.js';
import { seededRandom } from '../src/nlu/seededRandom.js';
import { trainingSets } from '../src/nlu/trainingSets.js';
import { loadFaqBench } from './faqBench.js';

/**
 * `tsx bench/askingClause.ts`: how much of an FAQ topic to take from the clauses of a message that ask, on grouped
 * 5-fold cross-validation. Two measures out of fold, for each share: the examples as written (mostly short), and the
 * same held-out questions with realistic context said first (retired, where insured, a relative's insurance, who told
 * them) and sometimes urgency after — the long messages people write, generated from the context clauses below.
 */
const contextClauses = {
  self: ['老汉我刚退休', '我退休三年了', '本人是职工医保退休的', '我在厂里上班交的职工医保', '我今年六十八了', '俺是下岗后自己交的职工医保', '我是单位上班的'],
  place: ['我在济南', '本人大连职工医保', '俺在广州参保', '我是重庆的', '人在上海工作'],
  relative: ['老伴是居民医保', '我闺女在外地上学', '俺家老头子身体不好常年吃药', '我儿子在深圳交的社保', '我妈是农村合作医疗', '孙子刚上幼儿园'],
  heard: ['厂里的老伙计说医保有个共济', '听社区的人讲了这个事', '我儿子让我来问问', '看新闻说现在有家庭共济了'],
  urgency: ['在线等挺急的', '麻烦快点回复', '谢谢了', '字打得慢别见怪'],
};

const { content, segmenter, vocabulary, featuresOf, topicOf } = await loadFaqBench();
const examples = trainingSets(content).faq;
const labelOf = new Map(examples.map((example) => [example.text, example.label]));

const random = seededRandom(20261130);
const pick = (list: readonly string[]) => list[Math.floor(random() * list.length)]!;
/** One or two context clauses before the question, urgency after it half the time. */
function withContext(question: string): string {
  const kinds = (['self', 'place', 'relative', 'heard'] as const).filter(() => random() < 0.5);
  const before = (kinds.length > 0 ? kinds : (['self'] as const)).slice(0, 2).map((kind) => pick(contextClauses[kind]));
  const after = random() < 0.5 ? [pick(contextClauses.urgency)] : [];
  return [...before, question.replace(/[？?。.！!]+$/u, ''), ...after].join('，');
}

type Read = { expected: string; whole: FaqRanking; asking: FaqRanking | null };
const reads: { written: Read[]; long: Read[] } = { written: [], long: [] };
const started = performance.now();
outOfFold(examples, (training: LabelledExample[]) => {
  const ranker = trainFaqRanker(training, featuresOf, topicOf, trainingOptions.faq);
  const readOf = (text: string, expected: string): Read => {
    const prepared = prepareText(text, segmenter, vocabulary, { pending: null });
    const spans = askingSpans(prepared.normalised, vocabulary.questionWords);
    const asking = spans.length > 0 ? rankFaq(ranker, spans.flatMap(({ start, end }) => featuresOfKind(spanOf(prepared, vocabulary, start, end), featureKinds.faq))) : null;
    return { expected, whole: rankFaq(ranker, featuresOfKind(prepared, featureKinds.faq)), asking };
  };
  return {
    labels: [],
    predict(text) {
      const expected = topicOf.get(labelOf.get(text)!)!;
      reads.written.push(readOf(text, expected));
      reads.long.push(readOf(withContext(text), expected));
      return new Float64Array(0);
    },
  };
});
console.log(`${examples.length} held-out FAQ examples in ${((performance.now() - started) / 1000).toFixed(0)} s; asking clauses found in ${reads.written.filter((read) => read.asking).length} written, ${reads.long.filter((read) => read.asking).length} long`);

const percent = (count: number, total: number) => `${((100 * count) / total).toFixed(2)} %`;
for (const share of [0, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 1]) {
  const figures = (list: readonly Read[]) => {
    let right = 0;
    let answeredRight = 0;
    for (const { expected, whole, asking } of list) {
      const best = (asking ? mixRankings(whole, asking, share) : whole).topics[0]!;
      if (best.topic === expected) right += 1;
      if (best.topic === expected && best.score >= 0.25) answeredRight += 1;
    }
    return `topic ${percent(right, list.length)} (answered right ${percent(answeredRight, list.length)})`;
  };
  /** A product of experts: the whole message's topic probabilities times the asking clauses' to the power `share`. */
  const product = (list: readonly Read[]) => {
    let right = 0;
    for (const { expected, whole, asking } of list) {
      const other = new Map(asking?.topics.map((topic) => [topic.topic, topic.score]) ?? []);
      const scored = whole.topics.map((topic) => ({ topic: topic.topic, score: topic.score * (asking ? (other.get(topic.topic) ?? 0) ** share : 1) }));
      if (scored.sort((a, b) => b.score - a.score)[0]!.topic === expected) right += 1;
    }
    return `topic ${percent(right, list.length)}`;
  };
  console.log(`asking share ${share.toFixed(1)}: written ${figures(reads.written)} | long ${figures(reads.long)}`);
  console.log(`  product, asking to the power ${share.toFixed(1)}: written ${product(reads.written)} | long ${product(reads.long)}`);
}
