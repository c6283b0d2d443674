import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Jieba } from '@node-rs/jieba';
import { surnameLength } from '../domain/index.js';
import { domainWords } from '../nlu/domainWords.js';
import type { Segmenter } from '../nlu/segmenter.js';

/** Part-of-speech tags of function words in jieba's dictionary: adverbs, conjunctions, prepositions, particles, pronouns, modal words, interjections, numerals, measure words. */
const functionTags = /^(d|c|p|u.*|r.*|y|e|o|m.*|q)$/;

/** Tags never inside a person's name: adverbs, conjunctions, prepositions, particles, pronouns, direction words, modal words, interjections. */
const notInNames = /^(d|c|p|u.*|r.*|f|y|e|o)$/;

/** High enough that an added word wins over the general dictionary's split of it. */
const ADDED_WORD_FREQUENCY = 200_000;

/**
 * Jieba with its general dictionary plus the domain words and the editors' synonym words, so that
 * 家庭共济, 亲情账户 or a synonym like 刷脸 come out as one token. Single characters are left to the
 * general dictionary: forcing them would break real words apart.
 */
export function createJiebaSegmenter(extraWords: string[]): Segmenter {
  const jieba = Jieba.withDict(generalDictionary());
  const words = new Set([...domainWords, ...extraWords].map((word) => word.trim()).filter(isAddable));
  if (words.size > 0) {
    const lines = [...words].map((word) => `${word} ${ADDED_WORD_FREQUENCY} n`).join('\n');
    jieba.loadDict(new TextEncoder().encode(lines));
  }
  return {
    cut: (text) => jieba.cut(text, false),
    // Tagged alone, a word gets its dictionary tag; words the domain added are nouns.
    isFunctionWord: (word) => !words.has(word) && jieba.tag(word, false).every((token) => functionTags.test(token.tag)),
    // A name the dictionary does not know comes apart at its surname ("王桂兰": 王 / 桂兰, "马德福": 马 / 德福); a word
    // that only starts like one is a word of the dictionary longer than its surname ("高血压", "凌晨转": 凌晨 / 转), or holds an adverb,
    // preposition, pronoun or particle ("都挺好": 都 / 挺 / 好, "那外省": 那 / 外省).
    isNonNameWord: (word) => {
      const [first, ...rest] = jieba.tag(word, false);
      if (words.has(word) || first === undefined || /^nr/.test(first.tag)) return words.has(word);
      return first.word.length > Math.max(surnameLength(word), 1) || [first, ...rest].some((token) => notInNames.test(token.tag));
    },
  };
}

/**
 * jieba's general dictionary, read from its package directly: the package's dict.js also reads the 6 MB idf table
 * keyword extraction needs, which segmenting never uses, on every start.
 */
function generalDictionary(): Buffer {
  return readFileSync(createRequire(import.meta.url).resolve('@node-rs/jieba/dict.txt'));
}

function isAddable(word: string): boolean {
  return [...word].length >= 2 && !/\s/.test(word);
}
