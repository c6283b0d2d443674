import type { LabelledExample } from '../content/checkExamples.js';
import type { Topic } from '../content/schema.js';
import { createClassifier, trainClassifier, type Classifier, type ClassifierData, type TrainingOptions } from './linearClassifier.js';

/**
 * How a question's FAQ topic and entry are chosen, from three kinds of linear classifier over the same features:
 * one over topics, one over all entries, and per topic with more than one entry one over that topic's entries alone.
 *
 * - A topic's probability is the topic classifier's and its entries' summed, averaged: each alone is less stable.
 * - An entry's probability is the entry classifier's, averaged with its topic's probability (as above) times its
 *   share within the topic: the flat classifier weighs an entry against every other entry, the within-topic one only
 *   against its neighbours, whose examples it sees without the rest drowning them; the product keeps entries in
 *   line with the topic the message is answered from.
 *
 * Chosen on grouped 5-fold cross-validation (`tsx bench/faqModelChoices.ts`, 6,124 FAQ examples in 1,375 groups,
 * 71 entries, 2026-11-30; "routed" is the best entry within the best topic, what the router answers):
 *
 * | choice                                                   | topic | entry | entry top 3 | routed |
 * |----------------------------------------------------------|-------|-------|-------------|--------|
 * | topic classifier; entry classifier (before)              | 90.3  | 81.8  | 95.5        | 81.6   |
 * | topic = classifier and entries summed, ½ each             | 91.0  | 81.8  | 95.5        | 82.3   |
 * | entry = ensemble topic × within-topic                     | 91.0  | 82.9  | 95.5        | 82.7   |
 * | entry = ½ flat + ½ ensemble topic × within-topic (kept)   | 91.0  | 83.0  | 95.7        | 82.8   |
 *
 * As `read` runs it (within-topic classifiers for the three likeliest topics only), `npm run eval` at 63 entries
 * (after the merges of 2026-11-30): topic 89.9 → 90.6 % (top 3 98.7 → 98.9 %), entry 84.1 → 85.1 % (top 3 95.6 →
 * 96.2 %) against the topic classifier and entry classifier alone.
 *
 * Tried and not kept (same folds): bagging the classifiers over 2–5 seeds (entry 81.9–82.1, topic unchanged), other
 * epochs, learning rates, regularisation or balance (within ±0.4), word bigrams or character trigrams for the FAQ
 * (entry 81.8 / 79.2), and phrasing similarity — the nearest example or the entry's centroid by TF-IDF cosine over
 * words or all features, mixed in at 0.2–0.5: alone it reaches 56–73 % of entries, mixed it never beat the
 * classifier (best 81.8), since the classifier already weighs the same n-grams and the nearest phrasing of a held-out
 * question is as often another entry's. Multinomial naive Bayes over the same features mixed into the flat entries
 * (0.15–0.25) reached entry 83.1–83.4 % but the answered entry only 82.8–82.9 %: not worth a fourth model.
 */
// With the topic classifier trained with dropout (nluModel.ts), re-measured on bench/methodProbe.ts (content of
// cc88970, three deals, dealt by entry): FLAT_SHARE 0.5 entry 86.74 %, answered 86.66 %; 0.35 86.72 / 86.61 %: kept.
export const FLAT_SHARE = 0.5;
/** How many of the likeliest topics have their entries weighed by their own classifier (see rankFaq). */
const WITHIN_TOPICS = 3;

export type FaqRanker = {
  topic: Classifier;
  entry: Classifier;
  /** Per topic with more than one entry: its entries against each other. */
  withinTopic: ReadonlyMap<Topic, Classifier>;
  topicOf: ReadonlyMap<string, Topic>;
};
/**
 * The options of all three kinds of classifier, and what the topic and the within-topic ones do otherwise: dropout
 * pays on the topic classifier, whose labels each gather many unlike questions, and costs the flat entry classifier
 * (measured in nluModel.ts at trainingOptions).
 */
export type FaqTrainingOptions = TrainingOptions & { topic?: TrainingOptions; withinTopic?: TrainingOptions };
export type FaqRankerData = { topic: ClassifierData; entry: ClassifierData; withinTopic: Record<string, ClassifierData> };
export type FaqRanking = { topics: { topic: Topic; score: number }[]; entries: { entryId: string; topic: Topic; score: number }[] };

export function trainFaqRanker(examples: readonly LabelledExample[], featuresOf: (text: string) => string[], topicOf: ReadonlyMap<string, Topic>, options: FaqTrainingOptions): FaqRanker {
  const topicFor = (example: LabelledExample) => topicOf.get(example.label) ?? (example.label as Topic);
  const { topic: topicOptions, withinTopic: withinOptions, ...shared } = options;
  const train = (list: readonly LabelledExample[], label: (example: LabelledExample) => string, own?: TrainingOptions) =>
    trainClassifier(list.map((example) => ({ features: featuresOf(example.text), label: label(example) })), { ...shared, ...own });
  const withinTopic = new Map<Topic, Classifier>();
  const byTopic = new Map<Topic, LabelledExample[]>();
  for (const example of examples) {
    const list = byTopic.get(topicFor(example)) ?? [];
    list.push(example);
    byTopic.set(topicFor(example), list);
  }
  for (const [topic, inTopic] of byTopic) if (new Set(inTopic.map((example) => example.label)).size > 1) withinTopic.set(topic, train(inTopic, (example) => example.label, withinOptions));
  return { topic: train(examples, topicFor, topicOptions), entry: train(examples, (example) => example.label), withinTopic, topicOf };
}

export function faqRankerFromData(data: FaqRankerData, topicOf: ReadonlyMap<string, Topic>): FaqRanker {
  const withinTopic = new Map(Object.entries(data.withinTopic).map(([topic, classifier]) => [topic as Topic, createClassifier(classifier)]));
  return { topic: createClassifier(data.topic), entry: createClassifier(data.entry), withinTopic, topicOf };
}

export function faqRankerData(ranker: FaqRanker): FaqRankerData {
  return { topic: ranker.topic.data(), entry: ranker.entry.data(), withinTopic: Object.fromEntries([...ranker.withinTopic].map(([topic, classifier]) => [topic, classifier.data()])) };
}

/** Topics and entries with their probabilities (each list sums to one), best first. */
export function rankFaq(ranker: FaqRanker, features: readonly string[]): FaqRanking {
  const flat = ranker.entry.predict(features);
  const topicProbabilities = ranker.topic.predict(features);
  const flatTotals = new Map<Topic, number>();
  ranker.entry.labels.forEach((entryId, index) => {
    const topic = ranker.topicOf.get(entryId)!;
    flatTotals.set(topic, (flatTotals.get(topic) ?? 0) + flat[index]!);
  });
  const topicScores = new Map<Topic, number>(ranker.topic.labels.map((topic, index) => [topic as Topic, (topicProbabilities[index]! + (flatTotals.get(topic as Topic) ?? 0)) / 2]));
  // Within-topic classifiers cost as much together as the flat one: only the likeliest topics' are asked, which are
  // all the router answers from or offers; other entries take the flat classifier's share of their topic.
  const asked = [...topicScores].sort((a, b) => b[1] - a[1]).slice(0, WITHIN_TOPICS).map(([topic]) => topic);
  const share = new Map<string, number>();
  for (const topic of asked) {
    const classifier = ranker.withinTopic.get(topic);
    const probabilities = classifier?.predict(features);
    classifier?.labels.forEach((entryId, index) => share.set(entryId, probabilities![index]!));
  }
  const entries = ranker.entry.labels.map((entryId, index) => {
    const topic = ranker.topicOf.get(entryId)!;
    // An entry alone in its topic has all of it.
    const within = share.get(entryId) ?? (ranker.withinTopic.has(topic) ? flat[index]! / (flatTotals.get(topic) || 1) : 1);
    return { entryId, topic, score: FLAT_SHARE * flat[index]! + (1 - FLAT_SHARE) * (topicScores.get(topic) ?? 0) * within };
  });
  const topics = [...topicScores].map(([topic, score]) => ({ topic, score }));
  return { topics: topics.sort((a, b) => b.score - a.score), entries: entries.sort((a, b) => b.score - a.score) };
}

/** Two rankings of one message mixed: `share` of the second's probabilities, the rest the first's; best first. */
export function mixRankings(first: FaqRanking, second: FaqRanking, share: number): FaqRanking {
  const mixed = <Item extends { score: number }>(list: readonly Item[], other: readonly Item[], key: (item: Item) => string) => {
    const scores = new Map(other.map((item) => [key(item), item.score]));
    return list.map((item) => ({ ...item, score: (1 - share) * item.score + share * (scores.get(key(item)) ?? 0) })).sort((a, b) => b.score - a.score);
  };
  return { topics: mixed(first.topics, second.topics, (item) => item.topic), entries: mixed(first.entries, second.entries, (item) => item.entryId) };
}
