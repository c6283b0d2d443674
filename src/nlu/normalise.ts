import { Converter } from 'opencc-js/t2cn';

/**
 * Traditional → simplified characters with OpenCC's Taiwan table (it also folds the standard forms, 裡 and 裏):
 * people type 家庭共濟, 醫保, 綁定. Loading costs about 20 ms once; a message takes about 50 µs.
 */
const toSimplified = Converter({ from: 'tw', to: 'cn' });
/** Only Han characters can be traditional; a message of digits and Latin letters skips the conversion. */
const han = /[\u3400-\u9FFF\uF900-\uFAFF]/;

/** Zero-width characters, the byte-order mark, bidirectional marks and control characters other than line breaks. */
const invisible = /[\u200B-\u200F\u2028-\u202E\u2060-\u2064\uFEFF\u00AD\u0000-\u0009\u000B-\u001F\u007F]/g;

/** Punctuation people type in many forms, each folded to one. */
const punctuation: Readonly<Record<string, string>> = {
  '。': '.',
  '｡': '.',
  '、': ',',
  '～': '~',
  '〜': '~',
  '“': '"',
  '”': '"',
  '„': '"',
  '‘': "'",
  '’': "'",
  '「': '"',
  '」': '"',
  '『': '"',
  '』': '"',
  '【': '[',
  '】': ']',
  '《': '"',
  '》': '"',
  '—': '-',
  '–': '-',
  '－': '-',
  '…': '.',
  '·': '·',
  '•': '·',
  '・': '·',
};
const punctuationPattern = new RegExp(`[${Object.keys(punctuation).join('')}]`, 'g');

/** Digits written as characters, as some voice input and some elderly people type a number: 一三九…, 幺 for 1, 〇 and 零 for 0. */
const chineseDigits: Readonly<Record<string, string>> = { 零: '0', 〇: '0', 一: '1', 幺: '1', 二: '2', 三: '3', 四: '4', 五: '5', 六: '6', 七: '7', 八: '8', 九: '9' };
/**
 * Seven or more of them in a row (spaces or hyphens may group them): a phone or an ID number, never a word — "一一" or
 * "三五" are, so shorter runs stay as typed. Replaced one for one, so offsets into the text do not move.
 */
const chineseDigitRun = /[零〇一幺二三四五六七八九](?:[ -]?[零〇一幺二三四五六七八九]){6,}/g;

/**
 * The one normal form of a message every later step reads: full-width ASCII → half-width, upper → lower case,
 * traditional → simplified characters, numbers written in characters to digits, invisible characters removed,
 * punctuation folded to one form, runs of spaces to one. Entities found in it carry offsets into this text.
 */
export function normalise(text: string): string {
  const folded = text
    .replace(invisible, '')
    .replace(/[\uFF01-\uFF5E]/g, (character) => String.fromCharCode(character.charCodeAt(0) - 0xfee0))
    .replace(/[\u3000\u00A0\t]/g, ' ')
    .replace(punctuationPattern, (character) => punctuation[character] ?? character)
    .replace(/[A-Z]/g, (character) => character.toLowerCase());
  return (han.test(folded) ? toSimplified(folded) : folded)
    .replace(chineseDigitRun, (run) => run.replace(/[^ -]/g, (digit) => chineseDigits[digit] ?? digit))
    .replace(/ {2,}/g, ' ')
    .replace(/\.{2,}/g, '.')
    .trim();
}
