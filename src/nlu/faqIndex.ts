import type { FaqEntry } from '../content/schema.js';
import { findRegion, type RegionInfo } from '../domain/index.js';
import { createTextAnalyser, type AnalysedText, type TextAnalyser } from './analyseText.js';
import type { Segmenter } from './segmenter.js';

export type FaqHit = {
  entry: FaqEntry;
  score: number;
  /** Share of the question's weighted content the entry accounts for, in [0, 1]. */
  coverage: number;
};

export type FaqRanking = {
  /** Entries with any match, best first. */
  hits: FaqHit[];
  /** The region the question names, if any. */
  region: RegionInfo | null;
  /** Whether the question has any content word left once stop-words are gone. */
  hasContent: boolean;
};

export interface FaqIndex {
  readonly entries: readonly FaqEntry[];
  rank(text: string, only?: (entry: FaqEntry) => boolean): FaqRanking;
}

/** BM25 constants, the usual ones; phrasings are short, so length normalisation is mild. */
const k1 = 1.2;
const phrasingB = 0.5;
const answerB = 0.75;
/** A bigram match is evidence, not a word match: it backs off for words segmented differently. */
const bigramWeight = 0.3;
/** Score = best phrasing + words spread over all phrasings + answer, in this proportion. */
const phrasingWeight = 1;
const spreadWeight = 0.4;
const answerWeight = 0.2;
/** Coverage credit for a word found only in the answer: the answer mentions far more than it is about. */
const answerCoverage = 0.4;
/** A broader word stands in for the word at this weight (配偶 → 家人), in score and in coverage. */
const broaderWeight = 0.5;
/** Weight of a word no entry uses, as a share of the rarest word's. */
const unknownShare = 0.5;
/** Region fit: an entry about the named region, a national entry with a variant for it, one about elsewhere. */
const regionBoost = { specificMatch: 1.6, variantMatch: 1.1, national: 1, specificOther: 0.5, specificUnasked: 0.8 };

type TermCounts = Map<string, number>;
type Field = { counts: TermCounts; length: number };
type IndexedEntry = {
  entry: FaqEntry;
  phrasings: Field[];
  /** Every term of every phrasing (question and paraphrases). */
  phrasingTerms: Set<string>;
  answer: Field;
  answerTerms: Set<string>;
};

/**
 * BM25 over each entry's question and paraphrases (the best matching one counts most) and, weighted low, its
 * answers. Words are synonym-folded and stop-word-free; bigrams back words off. Region names in the question
 * favour entries about that region.
 */
export function buildFaqIndex(input: { faq: FaqEntry[]; synonyms: string[][] }, segmenter: Segmenter): FaqIndex {
  const analyse = createTextAnalyser(input.synonyms, segmenter);
  const indexed = input.faq.map((entry) => indexEntry(entry, analyse));
  const documentFrequency = new Map<string, number>();
  for (const item of indexed) {
    for (const term of new Set([...item.phrasingTerms, ...item.answerTerms])) documentFrequency.set(term, (documentFrequency.get(term) ?? 0) + 1);
  }
  const count = Math.max(indexed.length, 1);
  const idfOf = (frequency: number) => Math.log(1 + (count - frequency + 0.5) / (frequency + 0.5));
  // A word no entry uses still counts against coverage, but only half as much as a rare word: it may be chatter.
  const unknownIdf = idfOf(1) * unknownShare;
  const averagePhrasingLength = average(indexed.flatMap((item) => item.phrasings.map((field) => field.length)));
  const averageAnswerLength = average(indexed.map((item) => item.answer.length));

  function rank(text: string, only?: (entry: FaqEntry) => boolean): FaqRanking {
    const region = findRegion(text) ?? null;
    const query = queryOf(analyse(text));
    const weights = new Map<string, number>();
    for (const [term, weight] of query.terms) {
      const frequency = documentFrequency.get(term);
      weights.set(term, weight * (frequency === undefined ? unknownIdf : idfOf(frequency)));
    }
    const total = sum(coverageTerms(query).map((term) => weights.get(term) ?? 0));
    const hits: FaqHit[] = [];
    for (const item of indexed) {
      if (only && !only(item.entry)) continue;
      const phrasing = Math.max(0, ...item.phrasings.map((field) => bm25(field, weights, averagePhrasingLength, phrasingB)));
      const spread = sum([...weights].filter(([term]) => item.phrasingTerms.has(term)).map(([, weight]) => weight));
      const answer = bm25(item.answer, weights, averageAnswerLength, answerB);
      const score = (phrasingWeight * phrasing + spreadWeight * spread + answerWeight * answer) * regionFit(item.entry, region);
      if (score > 0) hits.push({ entry: item.entry, score, coverage: total > 0 ? coverageOf(item, query, weights) / total : 0 });
    }
    hits.sort((a, b) => b.score - a.score);
    return { hits, region, hasContent: total > 0 };
  }

  return { entries: input.faq, rank };
}

function indexEntry(entry: FaqEntry, analyse: TextAnalyser): IndexedEntry {
  const phrasings = [entry.question, ...entry.paraphrases].map((text) => fieldOf(analyse(text)));
  const answer = fieldOf(analyse([entry.answer, ...entry.variants.map((variant) => variant.answer)].join('\n')));
  return {
    entry,
    phrasings,
    phrasingTerms: new Set(phrasings.flatMap((field) => [...field.counts.keys()])),
    answer,
    answerTerms: new Set(answer.counts.keys()),
  };
}

function fieldOf(text: AnalysedText): Field {
  const counts: TermCounts = new Map();
  for (const term of [...text.words.map(wordTerm), ...text.bigrams.map(bigramTerm)]) counts.set(term, (counts.get(term) ?? 0) + 1);
  return { counts, length: text.words.length };
}

type Query = {
  /** Term → weight before idf. Each term once: a question that repeats a word asks about it no more. */
  terms: Map<string, number>;
  /** Word term → its broader word term. */
  broader: Map<string, string>;
};

function queryOf(text: AnalysedText): Query {
  const terms = new Map<string, number>();
  for (const bigram of text.bigrams) terms.set(bigramTerm(bigram), bigramWeight);
  for (const broader of text.broader.values()) terms.set(wordTerm(broader), broaderWeight);
  for (const word of text.words) terms.set(wordTerm(word), 1);
  const broader = new Map([...text.broader].map(([word, wider]) => [wordTerm(word), wordTerm(wider)]));
  return { terms, broader };
}

function bm25(field: Field, weights: ReadonlyMap<string, number>, averageLength: number, b: number): number {
  let score = 0;
  const norm = k1 * (1 - b + (b * field.length) / averageLength);
  for (const [term, weight] of weights) {
    const frequency = field.counts.get(term);
    if (frequency !== undefined) score += (weight * frequency * (k1 + 1)) / (frequency + norm);
  }
  return score;
}

/** The words coverage is measured over: the question's own words, not the broader ones standing in for them. */
function coverageTerms(query: Query): string[] {
  const standIns = new Set(query.broader.values());
  return [...query.terms.keys()].filter((term) => isWord(term) && (!standIns.has(term) || query.terms.get(term) === 1));
}

/**
 * Weighted share of the question's words the entry has: in a phrasing fully, only in the answer or only as its
 * broader word partly. A word the segmenter cut differently counts as found when all its bigrams are in the
 * entry's phrasings.
 */
function coverageOf(item: IndexedEntry, query: Query, weights: ReadonlyMap<string, number>): number {
  let covered = 0;
  for (const term of coverageTerms(query)) {
    const weight = weights.get(term) ?? 0;
    const bigrams = bigramsOf(term);
    const wider = query.broader.get(term);
    if (item.phrasingTerms.has(term) || (bigrams.length > 0 && bigrams.every((bigram) => item.phrasingTerms.has(bigram)))) covered += weight;
    else if (wider !== undefined && item.phrasingTerms.has(wider)) covered += weight * broaderWeight;
    else if (item.answerTerms.has(term)) covered += weight * answerCoverage;
  }
  return covered;
}

function regionFit(entry: FaqEntry, region: RegionInfo | null): number {
  const national = entry.regions.includes('national');
  if (region === null) return national ? regionBoost.national : regionBoost.specificUnasked;
  const fits = (code: string) => code === region.code || code === region.provinceCode || (region.level === 'province' && code.slice(0, 2) === region.code.slice(0, 2));
  if (!national) return entry.regions.some(fits) ? regionBoost.specificMatch : regionBoost.specificOther;
  return entry.variants.some((variant) => variant.regions.some(fits)) ? regionBoost.variantMatch : regionBoost.national;
}

const wordTerm = (word: string) => `w:${word}`;
const bigramTerm = (bigram: string) => `b:${bigram}`;
const isWord = (term: string) => term.startsWith('w:');

/** The bigram terms inside a word term; none for a one-character or non-Chinese word, which must match as itself. */
function bigramsOf(term: string): string[] {
  const word = term.slice(2);
  if (word.length < 2 || !/^[\u3400-\u4DBF\u4E00-\u9FFF]+$/.test(word)) return [];
  return Array.from({ length: word.length - 1 }, (_, index) => bigramTerm(word.slice(index, index + 2)));
}

function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}

function average(values: readonly number[]): number {
  return values.length === 0 ? 1 : Math.max(sum(values) / values.length, 1);
}
