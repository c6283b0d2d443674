import type { LabelledExample } from '../src/content/checkExamples.js';
import { outOfFold, summarise, type HeldOutPrediction, type OutOfFold } from '../src/nlu/crossValidate.js';
import { trainClassifier, vectorise, type Classifier, type TrainingOptions } from '../src/nlu/linearClassifier.js';
import { trainingOptions } from '../src/nlu/nluModel.js';
import { prepareText } from '../src/nlu/prepareText.js';
import { maskedText, synonymHeads } from '../src/nlu/textFeatures.js';
import { trainingSets } from '../src/nlu/trainingSets.js';
import { loadFaqBench } from './faqBench.js';

/**
 * `tsx bench/faqModelChoices.ts [part…]`: ways of choosing an FAQ topic and entry, side by side on grouped 5-fold
 * cross-validation. Each fold trains the parts once (topic classifier, entry classifier, within-topic classifiers,
 * other seeds and options, nearest phrasings); every combination is then scored on the same held-out predictions.
 */
const { content, segmenter, vocabulary, featuresOf, topicOf } = await loadFaqBench();
const sets = trainingSets(content);
const entries = [...new Set(sets.faq.map((example) => example.label))].sort();
const topics = [...new Set(entries.map((entry) => topicOf.get(entry)!))].sort();
const entryIndex = new Map(entries.map((entry, index) => [entry, index]));
const topicIndex = new Map(topics.map((topic, index) => [topic, index]));
const topicOfEntry = entries.map((entry) => topicIndex.get(topicOf.get(entry)!)!);
const wanted = new Set(process.argv.slice(2));
const want = (part: string) => wanted.size === 0 || wanted.has(part);

type Parts = Record<string, Float64Array>;
const parts: Parts[] = [];

/** Probabilities of a classifier spread over the global label order. */
function spread(classifier: Classifier, features: readonly string[], order: ReadonlyMap<string, number>, size: number): Float64Array {
  const own = classifier.predict(features);
  const result = new Float64Array(size);
  classifier.labels.forEach((label, index) => (result[order.get(label)!] = own[index]!));
  return result;
}

/** Per entry: the best cosine of the message to one of its training phrasings, and to the entry's centroid. */
function similarityIndex(training: readonly LabelledExample[], keep: (feature: string) => boolean) {
  const documents = training.map((example) => featuresOf(example.text).filter(keep));
  const frequency = new Map<string, number>();
  for (const document of documents) for (const feature of new Set(document)) frequency.set(feature, (frequency.get(feature) ?? 0) + 1);
  const vocabulary = [...frequency.keys()];
  const idf = vocabulary.map((feature) => Math.log((documents.length + 1) / (frequency.get(feature)! + 1)) + 1);
  const index = new Map(vocabulary.map((feature, position) => [feature, position]));
  const postings: { row: number; weight: number }[][] = vocabulary.map(() => []);
  const labelOf = training.map((example) => entryIndex.get(example.label)!);
  const centroids = entries.map(() => new Map<number, number>());
  documents.forEach((document, row) => {
    const vector = vectorise(document, index, idf);
    vector.indices.forEach((feature, position) => {
      postings[feature]!.push({ row, weight: vector.values[position]! });
      const centroid = centroids[labelOf[row]!]!;
      centroid.set(feature, (centroid.get(feature) ?? 0) + vector.values[position]!);
    });
  });
  const centroidPostings: { entry: number; weight: number }[][] = vocabulary.map(() => []);
  centroids.forEach((centroid, entry) => {
    const norm = Math.hypot(...centroid.values()) || 1;
    for (const [feature, value] of centroid) centroidPostings[feature]!.push({ entry, weight: value / norm });
  });
  return (features: readonly string[]) => {
    const query = vectorise(features.filter(keep), index, idf);
    const similarity = new Float64Array(training.length);
    const centroid = new Float64Array(entries.length);
    query.indices.forEach((feature, position) => {
      const weight = query.values[position]!;
      for (const posting of postings[feature]!) similarity[posting.row]! += weight * posting.weight;
      for (const posting of centroidPostings[feature]!) centroid[posting.entry]! += weight * posting.weight;
    });
    const nearest = new Float64Array(entries.length);
    const second = new Float64Array(entries.length);
    similarity.forEach((value, row) => {
      const entry = labelOf[row]!;
      if (value > nearest[entry]!) {
        second[entry] = nearest[entry]!;
        nearest[entry] = value;
      } else if (value > second[entry]!) second[entry] = value;
    });
    return { nearest, centroid, topTwo: nearest.map((value, entry) => (value + second[entry]!) / 2) };
  };
}

/** Extra FAQ-only features: word bigrams (jieba's words in order), character trigrams of the masked text. */
const synonyms = synonymHeads(content.synonyms);
const extraCache = new Map<string, { bigrams: string[]; trigrams: string[] }>();
function extraFeatures(text: string) {
  let extra = extraCache.get(text);
  if (!extra) {
    const prepared = prepareText(text, segmenter, vocabulary, { pending: null });
    const words = prepared.tokens.map((token) => synonyms.get(token.word) ?? token.word).filter((word) => /[\p{L}]/u.test(word));
    const characters = ['^', ...maskedText(prepared.normalised, prepared.entities), '$'];
    extra = {
      bigrams: words.slice(1).map((word, index) => `b:${words[index]}|${word}`),
      trigrams: characters.slice(2).map((character, index) => `${characters[index]}${characters[index + 1]}${character}`),
    };
    extraCache.set(text, extra);
  }
  return extra;
}
const featureVariants: Record<string, (text: string) => string[]> = want('features')
  ? {
      bigrams: (text) => [...featuresOf(text), ...extraFeatures(text).bigrams],
      trigrams: (text) => [...featuresOf(text), ...extraFeatures(text).trigrams],
      wordsOnly: (text) => featuresOf(text).filter((feature) => feature.startsWith('w:') || feature.startsWith('s:') || [...feature].length === 1),
    }
  : {};

/** Multinomial naive Bayes over the same features (TF-IDF weighted counts), as log-probabilities per entry. */
function naiveBayes(training: readonly LabelledExample[], smoothing: number) {
  const counts = entries.map(() => new Map<string, number>());
  const totals = new Float64Array(entries.length);
  const priors = new Float64Array(entries.length);
  const vocabulary = new Set<string>();
  for (const example of training) {
    const entry = entryIndex.get(example.label)!;
    priors[entry]! += 1;
    for (const feature of featuresOf(example.text)) {
      vocabulary.add(feature);
      counts[entry]!.set(feature, (counts[entry]!.get(feature) ?? 0) + 1);
      totals[entry]! += 1;
    }
  }
  return (features: readonly string[]) => {
    const scores = entries.map((_, entry) => {
      let score = Math.log((priors[entry]! + 1) / (training.length + entries.length));
      for (const feature of features) if (vocabulary.has(feature)) score += Math.log(((counts[entry]!.get(feature) ?? 0) + smoothing) / (totals[entry]! + smoothing * vocabulary.size));
      return score;
    });
    return Float64Array.from(scores);
  };
}

const isWord = (feature: string) => feature.startsWith('w:') || feature.startsWith('s:');
const started = performance.now();
const variants: Record<string, TrainingOptions> = {};
if (want('seeds')) for (const seed of [18, 19, 20, 21]) variants[`seed${seed}`] = { ...trainingOptions.faq, seed };
if (want('options')) {
  variants.epochs50 = { ...trainingOptions.faq, epochs: 50 };
  variants.rate1 = { ...trainingOptions.faq, learningRate: 1 };
  variants.rate6 = { ...trainingOptions.faq, learningRate: 6 };
  variants.reg1e6 = { ...trainingOptions.faq, regularisation: 1e-6 };
  variants.reg3e5 = { ...trainingOptions.faq, regularisation: 3e-5 };
  variants.balance0 = { ...trainingOptions.faq, balance: 0 };
  variants.balance1 = { ...trainingOptions.faq, balance: 1 };
}
const oof: OutOfFold = outOfFold(sets.faq, (training) => {
  const fold = (label: (example: LabelledExample) => string, options: TrainingOptions, examples = training) =>
    trainClassifier(examples.map((example) => ({ features: featuresOf(example.text), label: label(example) })), options);
  const byTopic = (example: LabelledExample) => topicOf.get(example.label)!;
  const topic = fold(byTopic, trainingOptions.faq);
  const entry = fold((example) => example.label, trainingOptions.faq);
  const within = new Map<string, Classifier>();
  if (want('within')) {
    for (const name of topics) {
      const inTopic = training.filter((example) => byTopic(example) === name);
      if (new Set(inTopic.map((example) => example.label)).size > 1) within.set(name, fold((example) => example.label, trainingOptions.faq, inTopic));
    }
  }
  const extra = Object.entries(variants).map(([name, options]) => ({ name, topic: fold(byTopic, options), entry: fold((example) => example.label, options) }));
  const featured = Object.entries(featureVariants).map(([name, features]) => ({
    name,
    features,
    topic: trainClassifier(training.map((example) => ({ features: features(example.text), label: byTopic(example) })), trainingOptions.faq),
    entry: trainClassifier(training.map((example) => ({ features: features(example.text), label: example.label })), trainingOptions.faq),
  }));
  const bayes = want('bayes') ? [0.02, 0.1].map((smoothing) => ({ smoothing, predict: naiveBayes(training, smoothing) })) : [];
  const allSimilar = want('similar') ? similarityIndex(training, () => true) : undefined;
  const wordSimilar = want('similar') ? similarityIndex(training, isWord) : undefined;
  return {
    labels: [],
    predict(text) {
      const features = featuresOf(text);
      const part: Parts = { topic: spread(topic, features, topicIndex, topics.length), entry: spread(entry, features, entryIndex, entries.length) };
      if (within.size > 0) {
        const share = new Float64Array(entries.length).fill(1);
        for (const classifier of within.values()) {
          const own = classifier.predict(features);
          classifier.labels.forEach((label, index) => (share[entryIndex.get(label)!] = own[index]!));
        }
        part.within = share;
      }
      for (const variant of extra) {
        part[`topic.${variant.name}`] = spread(variant.topic, features, topicIndex, topics.length);
        part[`entry.${variant.name}`] = spread(variant.entry, features, entryIndex, entries.length);
      }
      for (const { smoothing, predict } of bayes) part[`bayes.${smoothing}`] = predict(features);
      for (const variant of featured) {
        part[`topic.${variant.name}`] = spread(variant.topic, variant.features(text), topicIndex, topics.length);
        part[`entry.${variant.name}`] = spread(variant.entry, variant.features(text), entryIndex, entries.length);
      }
      if (allSimilar && wordSimilar) {
        for (const [name, similar] of [['all', allSimilar], ['word', wordSimilar]] as const) {
          const { nearest, centroid, topTwo } = similar(features);
          part[`nearest.${name}`] = nearest;
          part[`centroid.${name}`] = centroid;
          part[`topTwo.${name}`] = topTwo;
        }
      }
      parts.push(part);
      return new Float64Array(0);
    },
  };
});
console.log(`parts in ${((performance.now() - started) / 1000).toFixed(0)} s; ${oof.predictions.length} held out, ${entries.length} entries, ${topics.length} topics`);

const rows = oof.predictions;
const pct = (value: number) => (100 * value).toFixed(1).padStart(5);

function softmax(scores: Float64Array, sharpness: number): Float64Array {
  const highest = Math.max(...scores);
  const result = scores.map((value) => Math.exp((value - highest) / sharpness));
  const total = result.reduce((sum, value) => sum + value, 0);
  return result.map((value) => value / total);
}
function sumByTopic(entryScores: Float64Array): Float64Array {
  const result = new Float64Array(topics.length);
  entryScores.forEach((value, entry) => (result[topicOfEntry[entry]!]! += value));
  return result;
}
function mix(weights: [Float64Array, number][]): Float64Array {
  const result = new Float64Array(weights[0]![0].length);
  for (const [scores, weight] of weights) scores.forEach((value, index) => (result[index]! += value * weight));
  return result;
}
function average(list: Float64Array[]): Float64Array {
  return mix(list.map((scores) => [scores, 1 / list.length]));
}

type Choice = { topic: (part: Parts) => Float64Array; entry: (part: Parts) => Float64Array };
/** Entry accuracy as the router answers: the best entry within the best topic. */
function report(name: string, choice: Choice): void {
  const topicHeld: HeldOutPrediction[] = [];
  const entryHeld: HeldOutPrediction[] = [];
  let routed = 0;
  rows.forEach((row, position) => {
    const part = parts[position]!;
    const topic = choice.topic(part);
    const entry = choice.entry(part);
    const expectedEntry = entryIndex.get(row.example.label)!;
    topicHeld.push({ ...row, expected: topicOfEntry[expectedEntry]!, probabilities: topic });
    entryHeld.push({ ...row, expected: expectedEntry, probabilities: entry });
    let bestTopic = 0;
    topic.forEach((value, index) => (value > topic[bestTopic]! ? (bestTopic = index) : 0));
    let bestEntry = -1;
    entry.forEach((value, index) => (topicOfEntry[index] === bestTopic && (bestEntry < 0 || value > entry[bestEntry]!) ? (bestEntry = index) : 0));
    if (bestEntry === expectedEntry) routed += 1;
  });
  const t = summarise({ ...oof, labels: topics, predictions: topicHeld });
  const e = summarise({ ...oof, labels: entries, predictions: entryHeld });
  console.log(`${name.padEnd(58)} topic ${pct(t.accuracy)} top3 ${pct(t.topThree)} ece ${pct(t.calibrationError)} | entry ${pct(e.accuracy)} top3 ${pct(e.topThree)} ece ${pct(e.calibrationError)} | routed entry ${pct(routed / rows.length)}`);
}

const topicPlusEntries = (part: Parts, entryWeight = 0.5) => mix([[part.topic!, 1 - entryWeight], [sumByTopic(part.entry!), entryWeight]]);
report('topic classifier / entry classifier (main eval)', { topic: (p) => p.topic!, entry: (p) => p.entry! });
report('topic = entries summed', { topic: (p) => sumByTopic(p.entry!), entry: (p) => p.entry! });
for (const weight of [0.25, 0.5, 0.75]) report(`topic = classifier and entries summed, ${weight} (read today at 0.5)`, { topic: (p) => topicPlusEntries(p, weight), entry: (p) => p.entry! });
if (parts[0]!.within) {
  const hierarchical = (p: Parts, topic: Float64Array) => p.within!.map((share, entry) => share * topic[topicOfEntry[entry]!]!);
  report('entry = topic × within-topic', { topic: (p) => p.topic!, entry: (p) => hierarchical(p, p.topic!) });
  report('entry = ensemble topic × within-topic', { topic: (p) => topicPlusEntries(p), entry: (p) => hierarchical(p, topicPlusEntries(p)) });
  report('entry = ½ flat + ½ ensemble topic × within', { topic: (p) => topicPlusEntries(p), entry: (p) => mix([[p.entry!, 0.5], [hierarchical(p, topicPlusEntries(p)), 0.5]]) });
}
for (const variant of Object.keys(featureVariants)) {
  report(`features ${variant}`, { topic: (p) => p[`topic.${variant}`]!, entry: (p) => p[`entry.${variant}`]! });
  report(`features ${variant}, topic ensemble`, { topic: (p) => mix([[p[`topic.${variant}`]!, 0.5], [sumByTopic(p[`entry.${variant}`]!), 0.5]]), entry: (p) => p[`entry.${variant}`]! });
  report(`features ${variant} averaged with base`, { topic: (p) => mix([[p[`topic.${variant}`]!, 0.25], [sumByTopic(p[`entry.${variant}`]!), 0.25], [p.topic!, 0.25], [sumByTopic(p.entry!), 0.25]]), entry: (p) => average([p.entry!, p[`entry.${variant}`]!]) });
}
/** The flat entry classifier's share within a topic, times the topic's ensemble probability: hierarchical with no extra classifier. */
function rescaled(entry: Float64Array, topic: Float64Array, power = 1): Float64Array {
  const totals = sumByTopic(entry);
  return entry.map((value, index) => value * (topic[topicOfEntry[index]!]! / (totals[topicOfEntry[index]!]! || 1)) ** power);
}
for (const power of [0.5, 1, 2]) report(`entry = flat rescaled to ensemble topic ^${power}`, { topic: (p) => topicPlusEntries(p), entry: (p) => rescaled(p.entry!, topicPlusEntries(p), power) });
for (const variant of Object.keys(variants)) report(`options ${variant}`, { topic: (p) => p[`topic.${variant}`]!, entry: (p) => p[`entry.${variant}`]! });
if (want('seeds')) {
  const seeds = Object.keys(variants).filter((name) => name.startsWith('seed'));
  for (const count of [2, 3, 5]) {
    const names = seeds.slice(0, count - 1);
    const topicBag = (p: Parts) => average([p.topic!, ...names.map((name) => p[`topic.${name}`]!)]);
    const entryBag = (p: Parts) => average([p.entry!, ...names.map((name) => p[`entry.${name}`]!)]);
    report(`bagged over ${count} seeds`, { topic: topicBag, entry: entryBag });
    report(`bagged over ${count} seeds, topic ensemble`, { topic: (p) => mix([[topicBag(p), 0.5], [sumByTopic(entryBag(p)), 0.5]]), entry: entryBag });
  }
}
if (parts[0]!['nearest.all']) {
  for (const kind of ['nearest', 'centroid', 'topTwo']) {
    for (const space of ['all', 'word']) {
      const key = `${kind}.${space}`;
      report(`${key} alone`, { topic: (p) => sumByTopic(softmax(p[key]!, 0.05)), entry: (p) => softmax(p[key]!, 0.05) });
      for (const sharpness of [0.03, 0.1]) {
        for (const weight of [0.2, 0.35, 0.5]) {
          const entry = (p: Parts) => mix([[p.entry!, 1 - weight], [softmax(p[key]!, sharpness), weight]]);
          report(`entry ${1 - weight} classifier + ${weight} ${key} /${sharpness}`, { topic: (p) => mix([[p.topic!, 0.5], [sumByTopic(entry(p)), 0.5]]), entry });
        }
      }
    }
  }
}

if (parts[0]!['bayes.0.1']) {
  for (const smoothing of [0.02, 0.1]) {
    const key = `bayes.${smoothing}`;
    if (parts[0]!.within) {
      for (const sharpness of [10, 20]) {
        for (const weight of [0.15, 0.25]) {
          const flat = (p: Parts) => mix([[p.entry!, 1 - weight], [softmax(p[key]!, sharpness), weight]]);
          const topic = (p: Parts) => mix([[p.topic!, 0.5], [sumByTopic(flat(p)), 0.5]]);
          report(`hierarchical over flat ${1 - weight} classifier + ${weight} ${key} /${sharpness}`, { topic, entry: (p) => mix([[flat(p), 0.5], [p.within!.map((share, entry) => share * topic(p)[topicOfEntry[entry]!]!), 0.5]]) });
        }
      }
    }
    for (const sharpness of [10, 20]) {
      report(`${key} alone /${sharpness}`, { topic: (p) => sumByTopic(softmax(p[key]!, sharpness)), entry: (p) => softmax(p[key]!, sharpness) });
      for (const weight of [0.25, 0.5]) {
        const entry = (p: Parts) => mix([[p.entry!, 1 - weight], [softmax(p[key]!, sharpness), weight]]);
        report(`entry ${1 - weight} classifier + ${weight} ${key} /${sharpness}`, { topic: (p) => mix([[p.topic!, 0.5], [sumByTopic(entry(p)), 0.5]]), entry });
      }
    }
  }
}
