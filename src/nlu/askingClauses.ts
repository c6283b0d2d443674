import type { QuestionWords } from './textFeatures.js';

/**
 * Where a message breaks into clauses (normalised text: punctuation is ASCII by then), and where a numbered list starts
 * an item: "1.能绑几个人 2.要带啥", "1)… 2)…", "①… ②…" — the number goes with neither clause (a number inside another,
 * "今年65.", "1.5万", is no item).
 */
const listItem = String.raw`\s*(?:(?<![^\s,.!?;:])\d{1,2}[.)](?=[^\d\s])|[\u2460-\u2473\u2776-\u277F])\s*`;
const clauseBreak = new RegExp(String.raw`[,.!?;:\n]+|${listItem}`, 'g');
/**
 * Also a space between two Han characters: many people (on phones, elderly) type a space where a comma goes — "不对
 * 先不绑她了 给我儿子绑" is three clauses. Digits keep their spaces ("2102 0219…" is one number).
 */
const spokenClauseBreak = new RegExp(String.raw`[,.!?;:\n]+|${listItem}|(?<=[\u3400-\u4DBF\u4E00-\u9FFF])\s+(?=[\u3400-\u4DBF\u4E00-\u9FFF])`, 'g');

export type Span = { start: number; end: number };

/** A search box's terms: at most this many words in each part between spaces ("家庭共济 材料", "医保卡 借给 别人"). */
const KEYWORD_WORDS = 2;

/**
 * Terms typed apart as into a search box ("共济 解绑 流程", "绑定 条件 父母"): no punctuation, two or more parts between
 * spaces, each a word or two (`tokens`: the segmenter's words with their offsets), no digits (details typed apart are
 * values: "我妈 身份证 2102…"), and the message names the domain (`namesTheDomain`). Such a message is one question
 * read whole: cut at its spaces, "绑定" alone reads as a request to bind, though the message asks on what terms.
 * "不对 先不给她办了" is no search: its parts are sentences.
 */
export function isKeywordString(normalised: string, tokens: readonly { start: number }[], namesTheDomain: boolean): boolean {
  if (!namesTheDomain || /[,.!?;:\n\d]/.test(normalised)) return false;
  const parts = [...normalised.matchAll(/\S+/g)].map((match) => ({ start: match.index, end: match.index + match[0].length }));
  if (parts.length < 2) return false;
  return parts.every(({ start, end }) => tokens.filter((token) => token.start >= start && token.start < end).length <= KEYWORD_WORDS);
}

/** The non-empty clauses of a normalised message, in order; `spaces`: a space between Han characters breaks one too. */
export function clauseSpans(normalised: string, options: { spaces?: boolean } = {}): Span[] {
  const spans: Span[] = [];
  let start = 0;
  const add = (end: number) => {
    if (normalised.slice(start, end).trim() !== '') spans.push({ start, end });
  };
  for (const match of normalised.matchAll(options.spaces === true ? spokenClauseBreak : clauseBreak)) {
    add(match.index);
    start = match.index + match[0].length;
  }
  add(normalised.length);
  return spans;
}

/**
 * The clauses of a long message that ask: those ending in a question mark or holding a question word ("是个啥名堂",
 * "想问下…能不能直接刷"). Empty when the message is one clause, when no clause asks, or when every clause does: then
 * the whole message is the question and nothing is to be weighed apart.
 */
export function askingSpans(normalised: string, questionWords: QuestionWords): Span[] {
  const spans = clauseSpans(normalised);
  if (spans.length < 2) return [];
  const asking = spans.filter((span) => clauseAsks(normalised, span, questionWords));
  return asking.length === spans.length ? [] : asking;
}

/**
 * A verb or adjective, 不, and the same again: "符合不符合", "符不符合", "算不算", "够不够" ask whatever the verb (the
 * editors' words list the common ones, 行不行 and 能不能; this reads the form itself). Not after a 不: "不对不对" is a
 * no said twice. Cantonese says 唔 for 不 ("得唔得", "使唔使", "啱唔啱"), and 没 asks the same of what was done ("绑没绑上",
 * "交没交").
 */
const aNotA = /(?<![不唔没])(?![不唔没])(\p{Script=Han})[不唔没]\1|(?<![不唔没])(?![不唔没])(\p{Script=Han}{2})[不唔没]\2/u;

/** Whether a clause asks: it holds a question word or an A-not-A, ends with a question ending, or a question mark follows it. */
export function clauseAsks(normalised: string, { start, end }: Span, { words, endings, notAsking = [] }: QuestionWords): boolean {
  // "政策什么的": a word that holds a question word and asks nothing is read as a space — unless a question word holds it
  // in turn ("是干啥的": 啥的 asks there), which is looked for in the clause as typed.
  const typed = normalised.slice(start, end);
  const clause = notAsking.reduce((text, word) => text.replaceAll(word, ' '), typed).trim();
  const found = (word: string) => (notAsking.some((quiet) => word.includes(quiet)) ? typed : clause).includes(word);
  return /^[^\p{L}\p{N}]*\?/u.test(normalised.slice(end)) || words.some(found) || aNotA.test(clause) || endings.some((ending) => clause.endsWith(ending));
}

/** Whether a clause opens with a word saying what a request is for ("让他看病也能花…", "好让老伴也能用"). */
export function statesPurpose(normalised: string, { start, end }: Span, { purposes = [] }: QuestionWords): boolean {
  const clause = normalised.slice(start, end).trimStart();
  return purposes.some((word) => clause.startsWith(word));
}

/**
 * Whether some clause of the message asks in words (a question mark, a question word or ending, an A-not-A):
 * "我爸已经被我弟绑走了" says something, whatever a classifier leans to.
 */
export function asksInWords(normalised: string, questionWords: QuestionWords): boolean {
  return clauseSpans(normalised).some((span) => clauseAsks(normalised, span, questionWords));
}

/**
 * Whether the message asks the assistant to act (the editors' `askingToAct` words: 帮我, 你给, 替我, 麻烦您), whether
 * or not it asks in words: "能帮我给我妈绑上吗" is a request in the form of a question, "能给我妈绑吗" a question.
 */
export function asksToAct(normalised: string, { askingToAct = [] }: QuestionWords): boolean {
  return askingToAct.some((word) => normalised.includes(word));
}

/**
 * The questions of a message that asks several ("1.能绑几个人 2.要带啥", "一是…吗，二是…", "兄弟能绑吗 丈母娘能绑吗"):
 * its clauses that ask (as askingSpans tells them, cut at spaces between words too unless `spaces` is false) and the
 * items of a numbered list, when two or more; else none.
 */
export function questionSpans(normalised: string, questionWords: QuestionWords, { spaces = true }: { spaces?: boolean } = {}): Span[] {
  const asking = clauseSpans(normalised, { spaces }).filter((span) => clauseAsks(normalised, span, questionWords) || listed.test(normalised.slice(0, span.start)));
  return asking.length >= 2 ? asking : [];
}

/** Text ending in a list item's number: the clause after it is an item of a numbered list, which asks ("2.多久生效"). */
const listed = /(?:(?:^|[\s,.!?;:])\d{1,2}[.)]|[\u2460-\u2473\u2776-\u277F])\s*$/;
