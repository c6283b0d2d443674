import { regionTable, resolveRelationship } from '../domain/index.js';
import { foldWidth } from './foldWidth.js';
import { questionWords } from './questionWords.js';
import type { Segmenter } from './segmenter.js';
import { stopWords } from './stopWords.js';

/**
 * A text as the ranking sees it: content words with synonyms folded to their group's first word and stop-words
 * dropped. Region names are taken out: which region a question is about is read separately and weighed as such,
 * so that "大连" does not outweigh what is being asked.
 */
export type AnalysedText = {
  /** The width-folded text without region names, for finding words the segmenter cut differently. */
  folded: string;
  words: string[];
  /** Each word as it was written, before synonym folding. */
  surfaces: string[];
  /** Word → the broader word it is a kind of: every relative is 家人, so "我老婆能用吗" finds entries about 家人. */
  broader: Map<string, string>;
};

export type TextAnalyser = {
  analyse(text: string): AnalysedText;
  /**
   * How much a (folded) word counts, as a share of its rarity: less for words that only say what kind of question
   * it is (怎么, 多久), far less for function words the segmenter knows (只有, 到底), unless editors made them a synonym.
   */
  wordShare(word: string): number;
};

/** Weight of a word that only says what kind of question it is, as a share of its idf. */
const questionWordShare = 0.5;
/** Weight of a function word, as a share of its idf: rare in the FAQ is not the same as telling. */
const functionWordShare = 0.2;

const familyWord = '家人';
const wordCharacter = /[\p{L}\p{N}]/u;
const regionNames = [...new Set(regionTable.flatMap((region) => region.aliases).filter((alias) => alias.length >= 2))].sort((a, b) => b.length - a.length);
const regionPattern = new RegExp(regionNames.join('|'), 'g');

export function createTextAnalyser(synonyms: readonly (readonly string[])[], segmenter: Segmenter): TextAnalyser {
  const canonical = new Map<string, string>();
  for (const group of synonyms) {
    const head = foldWidth(group[0] ?? '');
    for (const word of group) canonical.set(foldWidth(word), head);
  }
  const family = canonical.get(familyWord) ?? familyWord;
  const questionKinds = new Set(questionWords.map((word) => canonical.get(word) ?? word));
  const vocabulary = new Set(canonical.values());
  const analyse = (text: string): AnalysedText => {
    const folded = foldWidth(text).replace(regionPattern, ' ');
    const words: string[] = [];
    const surfaces: string[] = [];
    const broader = new Map<string, string>();
    for (const token of segmenter.cut(folded)) {
      const surface = token.trim();
      if (surface === '' || !wordCharacter.test(surface)) continue;
      const word = canonical.get(surface) ?? surface;
      if (stopWords.has(word)) continue;
      words.push(word);
      surfaces.push(surface);
      if (word !== family && isFamily(surface)) broader.set(word, family);
    }
    return { folded, words, surfaces, broader };
  };
  const wordShare = (word: string): number => {
    if (questionKinds.has(word)) return questionWordShare;
    if (vocabulary.has(word)) return 1;
    return segmenter.isFunctionWord?.(word) === true ? functionWordShare : 1;
  };
  return { analyse, wordShare };
}

/** Relatives, eligible or not (公婆 is still family to ask about); friends and oneself are not. */
function isFamily(word: string): boolean {
  const match = resolveRelationship(word);
  return match.kind === 'eligible' || (match.kind === 'ineligible' && (match.reason === 'spouseParent' || match.reason === 'inLaw'));
}
