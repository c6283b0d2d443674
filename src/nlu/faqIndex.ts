import type { FaqEntry, Topic } from '../content/schema.js';
import { findRegion, type RegionInfo } from '../domain/index.js';
import { createTextAnalyser, type AnalysedText } from './analyseText.js';
import type { Segmenter } from './segmenter.js';
import { questionTypeCues } from './cues.js';

export type FaqHit = {
  entry: FaqEntry;
  /** What entries are ordered by: best phrasing match, plus a little for words spread over its phrasings and answer. */
  score: number;
  /** Weighted share of the question's words the entry's question and paraphrases account for, in [0, 1]. */
  coverage: number;
};

export type TopicHit = {
  topic: Topic;
  /**
   * The best entry's score plus a share of the next ones' (a topic several entries answer is the likelier one)
   * plus a share of the topic's probability under a topic model of all phrasings.
   */
  score: number;
  /** The topic's entries with any match, best first. */
  hits: FaqHit[];
};

export type FaqRanking = {
  /** Entries with any match, best first. */
  hits: FaqHit[];
  /** Topics with any match, best first. */
  topics: TopicHit[];
  /** The region the question names, if any. */
  region: RegionInfo | null;
  /**
   * How much the question says, in [0, 1]: the idf weight of its content words against that of a question with
   * a few specific ones. 0 when only stop-words are left; low for "共济" alone.
   */
  substance: number;
  /** The question's content words (after stop-words and repeats are gone). */
  wordCount: number;
};

export interface FaqIndex {
  readonly entries: readonly FaqEntry[];
  rank(text: string, only?: (entry: FaqEntry) => boolean): FaqRanking;
}

/** Weight of a word no phrasing uses, as a share of the rarest word's: it may be chatter, or a real word we lack. */
const unknownShare = 0.5;
/** A broader word stands in for the word at this share of the broader word's own weight (配偶 → 家人). */
const broaderShare = 0.5;
/** A word no phrasing has, found inside a phrasing's text or containing a word phrasings have: segmented differently. */
const containedShare = 0.8;
/** Score = best phrasing similarity + these shares of the question covered by all phrasings and by the answer. */
const spreadShare = 0.15;
const answerShare = 0.1;
/** A question whose words weigh this share of the rarest word's idf says enough to be answered. */
const substantialShare = 0.6;
/** A topic's score adds this share of its next entries' scores to its best one's. */
const supportShare = 0.2;
const supportingEntries = 2;
/** A topic's score adds this share of its probability under the topic model… */
const topicModelShare = 0.3;
/** What a topic gains when the question's own words ask for that kind of answer (questionTypeCues). */
const questionTypeShare = 0.25;
/** …whose log-likelihoods are scaled by this before normalising, so one word cannot make a topic certain. */
const topicModelFlattening = 0.3;
/** Region fit: an entry about the named region, a national entry with a variant for it, one about elsewhere. */
const regionBoost = { specificMatch: 1.3, variantMatch: 1.05, national: 1, specificOther: 0.5, specificUnasked: 0.8 };

type Phrasing = { entryIndex: number; text: string; words: Set<string> };
type QueryWord = { word: string; surface: string; broader: string | null; weight: number };

/**
 * FAQ retrieval over each entry's question and paraphrases: the question is compared with every phrasing by
 * idf-weighted cosine of their words (synonyms folded, stop-words dropped), so a phrasing that says the same
 * and little else wins; words spread over an entry's other phrasings and its answer add a little. Topics are
 * ranked by their best entries and a topic model of all phrasings. Region names in the question favour entries
 * about that region.
 */
export function buildFaqIndex(input: { faq: FaqEntry[]; synonyms: string[][] }, segmenter: Segmenter): FaqIndex {
  const { analyse, wordShare } = createTextAnalyser(input.synonyms, segmenter);
  const phrasings: Phrasing[] = [];
  /** Word → the entries whose phrasings use it, and those whose answers do. */
  const entriesByPhrasingWord = new Map<string, number[]>();
  const entriesByAnswerWord = new Map<string, number[]>();
  input.faq.forEach((entry, entryIndex) => {
    const own = [entry.question, ...entry.paraphrases].map((text): Phrasing => {
      const { folded, words } = analyse(text);
      return { entryIndex, text: folded, words: new Set(words) };
    });
    phrasings.push(...own);
    for (const word of new Set(own.flatMap((phrasing) => [...phrasing.words]))) append(entriesByPhrasingWord, word, entryIndex);
    const answer = analyse([entry.answer, ...entry.variants.map((variant) => variant.answer)].join('\n'));
    for (const word of new Set(answer.words)) append(entriesByAnswerWord, word, entryIndex);
  });

  const documentFrequency = new Map<string, number>();
  for (const phrasing of phrasings) for (const word of phrasing.words) documentFrequency.set(word, (documentFrequency.get(word) ?? 0) + 1);
  const count = Math.max(phrasings.length, 1);
  const rarestIdf = Math.log(1 + (count - 0.5) / 1.5);
  const knownWeights = new Map(
    [...documentFrequency].map(([word, frequency]) => [word, Math.log(1 + (count - frequency + 0.5) / (frequency + 0.5)) * wordShare(word)]),
  );
  const weightOf = (word: string) => knownWeights.get(word) ?? rarestIdf * unknownShare * wordShare(word);
  const substantialWeight = rarestIdf * substantialShare;

  const topicModel = trainTopicModel(input.faq, phrasings, documentFrequency.size);
  const phrasingWeights = Float64Array.from(phrasings, (phrasing) => sumOf([...phrasing.words].map(weightOf)));
  const postings = new Map<string, number[]>();
  /** Phrasings by character, to look for an unknown word only where it can be. */
  const byCharacter = new Map<string, number[]>();
  phrasings.forEach((phrasing, index) => {
    for (const word of phrasing.words) append(postings, word, index);
    for (const character of new Set(phrasing.text)) append(byCharacter, character, index);
  });

  // Scratch space reused by every call (rank runs synchronously, one call at a time).
  const matched = new Float64Array(phrasings.length);
  const covered = new Float64Array(input.faq.length);
  const answered = new Float64Array(input.faq.length);
  const credits = new Float64Array(phrasings.length);
  const stamps = new Uint32Array(phrasings.length);
  const entryStamps = new Uint32Array(input.faq.length);
  let pass = 0;

  function rank(text: string, only?: (entry: FaqEntry) => boolean): FaqRanking {
    const region = findRegion(text) ?? null;
    const query = queryWords(analyse(text), weightOf, (word) => knownWeights.has(word));
    const total = sumOf(query.map((word) => word.weight));
    if (total === 0) return { hits: [], topics: [], region, substance: 0, wordCount: 0 };

    // Per phrasing: the question's weight it matches, each question word credited once, by the best way it matches.
    const touched: number[] = [];
    for (const word of query) {
      pass += 1;
      const credited: number[] = [];
      const offer = (indexes: readonly number[] | undefined, amount: number) => {
        for (const index of indexes ?? []) {
          if (stamps[index] !== pass) {
            stamps[index] = pass;
            credits[index] = amount;
            credited.push(index);
          } else if (credits[index]! < amount) credits[index] = amount;
        }
      };
      offer(postings.get(word.word), word.weight);
      if (word.broader !== null) offer(postings.get(word.broader), Math.min(word.weight, weightOf(word.broader)) * broaderShare);
      // Only a word no phrasing uses may be a segmentation difference; a known word inside another (账户 in 亲情账户) is not.
      if (word.surface.length >= 2 && !knownWeights.has(word.word)) {
        offer(byCharacter.get(word.surface[0]!)?.filter((index) => phrasings[index]!.text.includes(word.surface)), word.weight * containedShare);
      }
      for (const index of credited) {
        if (matched[index] === 0) touched.push(index);
        matched[index] = matched[index]! + credits[index]!;
      }
    }

    const similarities = new Map<number, number>();
    for (const index of touched) {
      const amount = matched[index]!;
      matched[index] = 0;
      const { entryIndex } = phrasings[index]!;
      const similarity = Math.sqrt((amount / total) * (amount / Math.max(phrasingWeights[index]!, amount)));
      if (similarity > (similarities.get(entryIndex) ?? 0)) similarities.set(entryIndex, similarity);
    }

    // Per entry: the question's weight its phrasings use (a broader word standing in at its share) and its answer uses.
    for (const word of query) {
      pass += 1;
      for (const entryIndex of entriesByPhrasingWord.get(word.word) ?? []) {
        entryStamps[entryIndex] = pass;
        covered[entryIndex] = covered[entryIndex]! + word.weight;
      }
      for (const entryIndex of word.broader === null ? [] : (entriesByPhrasingWord.get(word.broader) ?? [])) {
        if (entryStamps[entryIndex] !== pass) covered[entryIndex] = covered[entryIndex]! + word.weight * broaderShare;
      }
      for (const entryIndex of entriesByAnswerWord.get(word.word) ?? []) answered[entryIndex] = answered[entryIndex]! + word.weight;
    }

    const hits: FaqHit[] = [];
    for (const [entryIndex, similarity] of similarities) {
      const entry = input.faq[entryIndex]!;
      if (only && !only(entry)) continue;
      const coverage = covered[entryIndex]! / total;
      const score = (similarity + spreadShare * coverage + (answerShare * answered[entryIndex]!) / total) * regionFit(entry, region);
      hits.push({ entry, score, coverage });
    }
    covered.fill(0);
    answered.fill(0);
    hits.sort((a, b) => b.score - a.score);
    const known = query.filter((word) => knownWeights.has(word.word));
    const asked = new Set(questionTypeCues.filter(({ cue }) => cue.test(text)).map(({ topic }) => topic));
    return { hits, topics: topicsOf(hits, topicModel(known), asked), region, substance: Math.min(1, total / substantialWeight), wordCount: query.length };
  }

  return { entries: input.faq, rank };
}

/**
 * Each word once, weighted by idf: a question that repeats a word asks about it no more. A word no phrasing
 * uses but that contains one that some do (体检费 → 体检) stands for the known word, at a discount.
 */
function queryWords(analysed: AnalysedText, weightOf: (word: string) => number, isKnown: (word: string) => boolean): QueryWord[] {
  const words = new Map<string, QueryWord>();
  analysed.words.forEach((written, index) => {
    const inner = isKnown(written) ? undefined : knownWordInside(written, isKnown);
    const word = inner ?? written;
    if (words.has(word)) return;
    const weight = inner === undefined ? weightOf(word) : weightOf(word) * containedShare;
    words.set(word, { word, surface: analysed.surfaces[index] ?? word, broader: analysed.broader.get(written) ?? null, weight });
  });
  return [...words.values()];
}

/** The longest known word of two or more characters inside a longer unknown one. */
function knownWordInside(word: string, isKnown: (word: string) => boolean): string | undefined {
  for (let length = word.length - 1; length >= 2; length -= 1) {
    for (let start = 0; start + length <= word.length; start += 1) {
      const inner = word.slice(start, start + length);
      if (isKnown(inner)) return inner;
    }
  }
  return undefined;
}

/**
 * A naive Bayes topic model over all phrasings, each labelled with its entry's topic: P(topic | question words),
 * idf-weighted and flattened. It knows that 怎么 + 绑定 is mostly asked in how_to_bind, which no single phrasing
 * has to say word for word.
 */
function trainTopicModel(faq: readonly FaqEntry[], phrasings: readonly Phrasing[], vocabularySize: number): (query: readonly QueryWord[]) => Map<Topic, number> {
  const counts = new Map<Topic, { words: Map<string, number>; total: number }>();
  for (const phrasing of phrasings) {
    const topic = faq[phrasing.entryIndex]!.topic;
    const model = counts.get(topic) ?? { words: new Map<string, number>(), total: 0 };
    for (const word of phrasing.words) model.words.set(word, (model.words.get(word) ?? 0) + 1);
    model.total += phrasing.words.size;
    counts.set(topic, model);
  }
  const models = [...counts];
  return (query) => {
    const logs = models.map(([, model]) =>
      sumOf(query.map((word) => word.weight * Math.log(((model.words.get(word.word) ?? 0) + 1) / (model.total + vocabularySize)))),
    );
    const top = Math.max(...logs);
    const likelihoods = logs.map((log) => Math.exp((log - top) * topicModelFlattening));
    const sum = sumOf(likelihoods);
    return new Map(models.map(([topic], index) => [topic, likelihoods[index]! / sum]));
  };
}

function topicsOf(hits: readonly FaqHit[], prior: ReadonlyMap<Topic, number>, asked: ReadonlySet<Topic>): TopicHit[] {
  const byTopic = new Map<Topic, FaqHit[]>();
  for (const hit of hits) {
    const topicHits = byTopic.get(hit.entry.topic);
    if (topicHits) topicHits.push(hit);
    else byTopic.set(hit.entry.topic, [hit]);
  }
  const topics = [...byTopic].map(([topic, topicHits]): TopicHit => {
    const supporting = sumOf(topicHits.slice(1, 1 + supportingEntries).map((hit) => hit.score));
    const askedFor = asked.has(topic) ? questionTypeShare : 0;
    return { topic, score: topicHits[0]!.score + supportShare * supporting + topicModelShare * (prior.get(topic) ?? 0) + askedFor, hits: topicHits };
  });
  return topics.sort((a, b) => b.score - a.score);
}

function append<Key>(lists: Map<Key, number[]>, key: Key, value: number): void {
  const list = lists.get(key);
  if (list) list.push(value);
  else lists.set(key, [value]);
}

function regionFit(entry: FaqEntry, region: RegionInfo | null): number {
  const national = entry.regions.includes('national');
  if (region === null) return national ? regionBoost.national : regionBoost.specificUnasked;
  const fits = (code: string) => code === region.code || code === region.provinceCode || (region.level === 'province' && code.slice(0, 2) === region.code.slice(0, 2));
  if (!national) return entry.regions.some(fits) ? regionBoost.specificMatch : regionBoost.specificOther;
  return entry.variants.some((variant) => variant.regions.some(fits)) ? regionBoost.variantMatch : regionBoost.national;
}

function sumOf(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}
