import type { LatinWordsFile } from '../content/nluSchema.js';
import { tonelessSyllables } from './pinyinFeatures.js';
import type { Segmenter } from './segmenter.js';

/**
 * Messages typed partly or wholly in Latin letters, read as the Chinese they stand for before anything else reads them:
 * - toneless pinyin, whole sentences or stretches ("shen he yao ji tian", "zui hou yi wei da cuo le，是…"), from people
 *   without a Chinese keyboard at hand or an input method switched off: a run of Latin letters that spells pinyin
 *   syllables and nothing else, two or more of them, is written as the likeliest words the examples use;
 * - English words mixed into Chinese ("我dad", "upload什么document", "name是张凯文"), from people who work or study in
 *   English: the editors' glossary (flows/nlu/latinWords.yaml) gives each the Chinese word meant.
 * The classifiers, the entity finders and the segmenter then read Chinese they were trained on, where letters they
 * never saw in an example made the refusal classifier call whole questions out of scope.
 *
 * Letters beside digits or inside an address (an ID number's X, 6-digit codes with letters, a@b.com, a URL) are no
 * word and stay as typed; so does English that is not all pinyin ("ignore previous instructions"), which the refusal
 * examples teach as it is. A name pending in the form is never read as pinyin: "zhang kai wen" is a spelling of a
 * name whose characters nobody can guess.
 */

/**
 * Toneless pinyin (ü as v) → the words the examples write with it, and how often, as kept in the model file: `lexicon`
 * holds one line per spelling, "jie'bang 解绑 412" (syllables joined by "'", the likeliest word, its count); `total` is
 * the count of every word; `syllables` every syllable, space-separated. Built when a model is trained and kept with it
 * (the pinyin of twenty thousand words costs a few hundred milliseconds a start would pay). One string rather than a
 * Map of ten thousand entries: reading the model back took 71 ms more as a Map, under 10 as a string split at load.
 */
export type PinyinWords = { syllables: string; lexicon: string; total: number };
type Lexicon = ReadonlyMap<string, readonly [word: string, count: number]>;

/** The English words of flows/nlu/latinWords.yaml, lower case, and the pinyin words: what a Latin run is read with. */
export type LatinReader = { glossary: ReadonlyMap<string, string>; longestPhrase: number; pinyin: PinyinWords; lexicon: () => Lexicon; syllables: ReadonlySet<string> };

export const noPinyinWords: PinyinWords = { syllables: '', lexicon: '', total: 0 };

const han = /^\p{Script=Han}+$/u;
/** A syllable has a vowel; pinyin-pro also writes interjections as m, n, ng, hm, which nobody types for a word. */
const syllableShape = /^[a-z]+$/;
const vowel = /[aeiouv]/;
/** Word pairs as seen in the examples, so "wo ma" reads 我妈 rather than 我吗: only pairs this frequent are kept. */
const PAIR_COUNT = 3;
/** Pairs longer than this (in characters) are not kept: the lexicon stays small and a pair of long words is rare. */
const PAIR_LENGTH = 4;
/** The domain's words and the editors' synonyms count at least this often, whether or not the examples use them. */
const KNOWN_WORD_COUNT = 3;
/** Longest word, in syllables, looked up from one position. */
const LONGEST_WORD = 6;
/** Longest syllable, in letters ("zhuang", "chuang", "shuang"). */
const LONGEST_SYLLABLE = 6;

/** Every toneless syllable pinyin-pro writes for a CJK unified ideograph: about 400, the language's whole inventory. */
function allSyllables(): string[] {
  let characters = '';
  for (let code = 0x4e00; code <= 0x9fa5; code += 1) characters += String.fromCharCode(code);
  const found = new Set(tonelessSyllables(characters).filter((syllable) => syllableShape.test(syllable) && vowel.test(syllable)));
  return [...found].sort();
}

function keyOf(word: string): string | null {
  const syllables = tonelessSyllables(word);
  return syllables.every((syllable) => syllableShape.test(syllable)) ? syllables.join("'") : null;
}

/**
 * The pinyin lexicon of the words the assistant knows: each text cut by the segmenter (its Chinese words and its
 * frequent word pairs counted), and `known` words (the domain's, the synonyms) counted at least KNOWN_WORD_COUNT times.
 */
export function pinyinWordsOf(texts: Iterable<string>, known: Iterable<string>, segmenter: Segmenter, normalise: (text: string) => string): PinyinWords {
  const counts = new Map<string, number>();
  const pairs = new Map<string, number>();
  for (const text of texts) {
    let previous: string | null = null;
    for (const token of segmenter.cut(normalise(text))) {
      if (!han.test(token)) {
        previous = null;
        continue;
      }
      counts.set(token, (counts.get(token) ?? 0) + 1);
      if (previous !== null && previous.length + token.length <= PAIR_LENGTH) pairs.set(previous + token, (pairs.get(previous + token) ?? 0) + 1);
      previous = token;
    }
  }
  for (const word of known) if (han.test(word)) counts.set(word, Math.max(counts.get(word) ?? 0, KNOWN_WORD_COUNT));
  for (const [pair, count] of pairs) if (count >= PAIR_COUNT && !counts.has(pair)) counts.set(pair, count);
  const words = new Map<string, readonly [string, number]>();
  let total = 0;
  // Sorted, so that a tie between two words of one spelling goes the same way on every machine.
  for (const [word, count] of [...counts].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    total += count;
    const key = keyOf(word);
    if (key === null) continue;
    const best = words.get(key);
    if (best === undefined || count > best[1]) words.set(key, [word, count]);
  }
  const lexicon = [...words].map(([key, [word, count]]) => `${key} ${word} ${count}`).join('\n');
  return { syllables: allSyllables().join(' '), lexicon, total };
}

export function latinReaderOf(file: LatinWordsFile, pinyinWords: PinyinWords): LatinReader {
  const glossary = new Map([...Object.entries(file.words), ...file.ignored.map((english) => [english, ''] as const)].map(([english, chinese]) => [english.toLowerCase().split(/\s+/).join(' '), chinese]));
  const longestPhrase = Math.max(1, ...[...glossary.keys()].map((phrase) => phrase.split(' ').length));
  // Indexed at the first message holding pinyin, not at a start: about 10 ms a cold start need not pay.
  let lexicon: Map<string, readonly [string, number]> | undefined;
  const lexiconOnce = () => {
    if (lexicon !== undefined) return lexicon;
    lexicon = new Map();
    for (const line of pinyinWords.lexicon === '' ? [] : pinyinWords.lexicon.split('\n')) {
      const [key, word, count] = line.split(' ');
      lexicon.set(key!, [word!, Number(count)]);
    }
    return lexicon;
  };
  const syllables = new Set(pinyinWords.syllables === '' ? [] : pinyinWords.syllables.split(' '));
  return { glossary, longestPhrase, pinyin: pinyinWords, lexicon: lexiconOnce, syllables };
}

/** A run of Latin words: letters (an apostrophe inside: "that's", "xi'an"), spaces between them. */
const latinRun = /[a-z]+(?:(?: +|')[a-z]+)*/g;
/** Letters next to these are part of a code, a number, an address or a file name, not words. */
const notWordBefore = /[0-9@._/\\\-#:=]/;
const notWordAfter = /[0-9@_/\\\-#=]/;
/** A colon ends a word when what follows is no part of an address or a code: "quick question：医保…" (not "http://", "id:3"). */
const colonInCode = /:[a-z0-9/]/;
/**
 * "re-bind", "check-up", "e-mail": a hyphen between letters joins one English word where the glossary spells it so;
 * elsewhere it parts words of a phrase ("family-sharing", "health-insurance"), as a space would.
 */
const hyphenatedWords = /[a-z]+(?:-[a-z]+)+/g;
/** "17-year-old", "3-month-old": a hyphen after a number parts the number from the words, as a space would. */
const numberBeforeWord = /(?<=[0-9])-(?=[a-z])/g;
/** "parents/spouse/kids", "and/or": a slash between letters lists words, unless the stretch is an address ("x.com/a"). */
const listedWords = /\S*[a-z]\/[a-z]\S*/g;
const addressMark = /[.:@\\]|\/\//;
const listingSlash = /(?<=[a-z])\/(?=[a-z])/g;

/**
 * The normalised text with its Latin runs read: glossary words (longest phrase first, whole words) replaced by their
 * Chinese, then each stretch left that is all pinyin, two syllables or more, written as Chinese words. `pinyin`
 * false (a name pending): only the glossary is read.
 */
export function readLatin(text: string, reader: LatinReader, options: { pinyin: boolean }): string {
  if (!/[a-z]/.test(text)) return text;
  const joined = text
    .replace(hyphenatedWords, (words) => (reader.glossary.has(words.replaceAll('-', '')) ? words.replaceAll('-', '') : words.replaceAll('-', ' ')))
    .replace(numberBeforeWord, ' ')
    .replace(listedWords, (stretch) => (addressMark.test(stretch) ? stretch : stretch.replace(listingSlash, ' ')));
  const read = joined.replace(latinRun, (run, at: number) => {
    const before = joined[at - 1];
    const after = joined[at + run.length];
    const next = joined[at + run.length + 1] ?? '';
    if (before !== undefined && notWordBefore.test(before)) return run;
    if (after !== undefined && (notWordAfter.test(after) || colonInCode.test(after + next) || (after === '.' && /[a-z0-9]/.test(next)))) return run;
    const chinese = readRun(run, reader, options.pinyin);
    return /[a-z]/.test(chinese) ? chinese : `${readMark}${chinese}${readMark}`;
  });
  // "亲情账户 and 家庭共济 are the same thing": the spaces that set English words apart set no clause apart once the
  // words are read as Chinese ("亲情账户和家庭共济同一个"), where a clause read alone would mean something else.
  return read.replace(/ *\u0001 */g, '');
}

/** Marks a run read wholly as Chinese, so the spaces around it can go. */
const readMark = '\u0001';

type Piece = { chinese: string } | { latin: string[] };

/**
 * Out of every this many words of a run, at most one may be neither pinyin nor a glossary word for its pinyin to be
 * read: "wo de app zen me yong" is pinyin around a word kept in English, "how long does the review take" is English
 * with two words that happen to spell pinyin ("long", "take").
 */
const WORDS_PER_FOREIGN_WORD = 4;

function readRun(run: string, reader: LatinReader, pinyinToo: boolean): string {
  const words = run.split(/ +/);
  const spellings = words.map((word) => syllablesOf(word, reader.syllables));
  // In a sentence typed all in pinyin a one-syllable glossary word is pinyin: "he" is 和 there, "ma" 吗.
  const allPinyin = pinyinToo && words.length >= 2 && spellings.every((spelling) => spelling !== null);
  const pieces: Piece[] = [];
  const latin = (word: string) => {
    const last = pieces.at(-1);
    if (last !== undefined && 'latin' in last) last.latin.push(word);
    else pieces.push({ latin: [word] });
  };
  let foreign = 0;
  for (let index = 0; index < words.length; ) {
    let matched = 0;
    for (let length = Math.min(reader.longestPhrase, words.length - index); length >= 1 && matched === 0; length -= 1) {
      const phrase = words.slice(index, index + length).join(' ');
      const chinese = reader.glossary.get(phrase) ?? possessive(phrase, reader);
      if (chinese === undefined) continue;
      if (allPinyin && length === 1 && spellings[index]!.length === 1) continue;
      pieces.push({ chinese });
      matched = length;
    }
    if (matched === 0) {
      latin(words[index]!);
      if (spellings[index] === null) foreign += 1;
    }
    index += Math.max(matched, 1);
  }
  const readsPinyin = pinyinToo && foreign * WORDS_PER_FOREIGN_WORD <= words.length;
  let out = '';
  for (const piece of pieces) {
    if ('chinese' in piece) out += piece.chinese;
    // Latin words left as typed, joined to the Chinese around them as Chinese joins its words.
    else out += readsPinyin ? pinyinStretches(piece.latin, reader) : piece.latin.join(' ');
  }
  return out;
}

/** "mom's", "daughter's": a glossary word owning what follows reads as its Chinese with 的. */
function possessive(phrase: string, reader: LatinReader): string | undefined {
  const owner = phrase.endsWith("'s") ? reader.glossary.get(phrase.slice(0, -2)) : undefined;
  return owner === undefined || owner === '' ? undefined : `${owner}的`;
}

/** Latin words, each stretch of pinyin words in them (two syllables or more) written as Chinese, the rest as typed. */
function pinyinStretches(words: readonly string[], reader: LatinReader): string {
  let out = '';
  const asTyped = (word: string) => (out += (/[a-z]$/.test(out) ? ' ' : '') + word);
  let stretch: string[] = [];
  const flush = () => {
    const chinese = stretch.length === 0 ? null : pinyinAsChinese(stretch, reader);
    if (chinese === null) stretch.forEach(asTyped);
    else out += chinese;
    stretch = [];
  };
  for (const word of words) {
    if (syllablesOf(word, reader.syllables) !== null) stretch.push(word);
    else {
      flush();
      asTyped(word);
    }
  }
  flush();
  return out;
}

/** The syllables a word spells (fewest of them), or null when it is not all pinyin. */
function syllablesOf(word: string, syllables: ReadonlySet<string>): string[] | null {
  if (word.includes("'")) {
    const parts = word.split("'").map((part) => syllablesOf(part, syllables));
    return parts.every((part) => part !== null) ? parts.flat() : null;
  }
  const best: (string[] | null)[] = [[]];
  for (let end = 1; end <= word.length; end += 1) {
    best.push(null);
    for (let start = Math.max(0, end - LONGEST_SYLLABLE); start < end; start += 1) {
      const before = best[start];
      const syllable = word.slice(start, end);
      if (before === null || before === undefined || !syllables.has(syllable)) continue;
      if (best[end] === null || before.length + 1 < best[end]!.length) best[end] = [...before, syllable];
    }
  }
  return best[word.length] ?? null;
}

/**
 * Pinyin words as Chinese: the fewest, likeliest words whose syllables spell the letters (a unigram model: the cost of
 * a word is −log of its share of the lexicon's counts), a typed space always between two syllables. Null when the words
 * are not all pinyin, spell fewer than two syllables, or a stretch of them spells no word the lexicon knows.
 */
function pinyinAsChinese(words: readonly string[], reader: LatinReader): string | null {
  const spellings = words.map((word) => syllablesOf(word, reader.syllables));
  if (spellings.some((spelling) => spelling === null) || spellings.reduce((sum, spelling) => sum + spelling!.length, 0) < 2) return null;
  // Where a typed space or apostrophe falls: a syllable may not run across it.
  const parts = words.flatMap((word) => word.split("'"));
  const letters = parts.join('');
  const breaks = new Set<number>();
  let offset = 0;
  for (const part of parts) breaks.add((offset += part.length));
  const lexicon = reader.lexicon();
  const { total } = reader.pinyin;
  const cost: number[] = [0, ...Array<number>(letters.length).fill(Infinity)];
  const back: ({ from: number; word: string } | null)[] = Array(letters.length + 1).fill(null);
  for (let start = 0; start < letters.length; start += 1) {
    if (cost[start] === Infinity) continue;
    // Every path of syllables from here, up to LONGEST_WORD of them, looked up as one word.
    const walk = (position: number, key: string, depth: number) => {
      if (depth === LONGEST_WORD) return;
      for (let end = position + 1; end <= Math.min(letters.length, position + LONGEST_SYLLABLE); end += 1) {
        const syllable = letters.slice(position, end);
        if (!reader.syllables.has(syllable)) continue;
        let crosses = false;
        for (let inside = position + 1; inside < end; inside += 1) if (breaks.has(inside)) crosses = true;
        if (crosses) continue;
        const joined = key === '' ? syllable : `${key}'${syllable}`;
        const entry = lexicon.get(joined);
        if (entry !== undefined) {
          const candidate = cost[start]! + Math.log(total / entry[1]);
          if (candidate < cost[end]!) {
            cost[end] = candidate;
            back[end] = { from: start, word: entry[0] };
          }
        }
        walk(end, joined, depth + 1);
      }
    };
    walk(start, '', 0);
  }
  if (cost[letters.length] === Infinity) return null;
  const out: string[] = [];
  for (let end = letters.length; end > 0; ) {
    const step = back[end]!;
    out.unshift(step.word);
    end = step.from;
  }
  return out.join('');
}
