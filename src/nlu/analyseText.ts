import { regionTable, resolveRelationship } from '../domain/index.js';
import { foldWidth } from './foldWidth.js';
import type { Segmenter } from './segmenter.js';
import { stopWords } from './stopWords.js';

/**
 * A text as the ranking sees it: content words (synonyms folded to their group's first word, stop-words
 * dropped) and character bigrams, the back-off for words the segmenter splits differently in question and
 * content. Region names are taken out: which region a question is about is read separately and weighed as
 * such, so that "大连" does not outweigh what is being asked.
 */
export type AnalysedText = {
  words: string[];
  bigrams: string[];
  /** Word → the broader word it is a kind of: every relative is 家人, so "我老婆能用吗" finds entries about 家人. */
  broader: Map<string, string>;
};

export type TextAnalyser = (text: string) => AnalysedText;

/** Characters that make a bigram say nothing ("的钱", "了吗"). */
const particles = /[的了吗呢吧啊呀么嘛哦着过地得和与及或是在我你他她它这那个一]/;
const familyWord = '家人';
const hanRun = /[\u3400-\u4DBF\u4E00-\u9FFF]+/g;
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
  return (text) => {
    const folded = foldWidth(text).replace(regionPattern, ' ');
    const words: string[] = [];
    const broader = new Map<string, string>();
    for (const token of segmenter.cut(folded)) {
      const trimmed = token.trim();
      if (trimmed === '' || !wordCharacter.test(trimmed)) continue;
      const word = canonical.get(trimmed) ?? trimmed;
      if (stopWords.has(word)) continue;
      words.push(word);
      if (word !== family && isFamily(trimmed)) broader.set(word, family);
    }
    const bigrams: string[] = [];
    for (const run of folded.matchAll(hanRun)) {
      for (let index = 0; index + 1 < run[0].length; index += 1) {
        const bigram = run[0].slice(index, index + 2);
        if (!particles.test(bigram)) bigrams.push(bigram);
      }
    }
    return { words, bigrams, broader };
  };
}

/** Relatives, eligible or not (公婆 is still family to ask about); friends and oneself are not. */
function isFamily(word: string): boolean {
  const match = resolveRelationship(word);
  return match.kind === 'eligible' || (match.kind === 'ineligible' && (match.reason === 'spouseParent' || match.reason === 'inLaw'));
}
