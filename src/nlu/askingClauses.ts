import type { QuestionWords } from './textFeatures.js';

/** Where a message breaks into clauses (normalised text: punctuation is ASCII by then). */
const clauseBreak = /[,.!?;:\n]+/g;
/**
 * Also a space between two Han characters: many people (on phones, elderly) type a space where a comma goes — "不对
 * 先不绑她了 给我儿子绑" is three clauses. Digits keep their spaces ("2102 0219…" is one number).
 */
const spokenClauseBreak = /[,.!?;:\n]+|(?<=[\u3400-\u4DBF\u4E00-\u9FFF])\s+(?=[\u3400-\u4DBF\u4E00-\u9FFF])/g;

export type Span = { start: number; end: number };

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
 * editors' words list the common ones, 行不行 and 能不能; this reads the form itself).
 */
const aNotA = /(?!不)(\p{Script=Han})不\1|(?!不)(\p{Script=Han}{2})不\2/u;

/** Whether a clause asks: it holds a question word or an A-not-A, ends with a question ending, or a question mark follows it. */
export function clauseAsks(normalised: string, { start, end }: Span, { words, endings }: QuestionWords): boolean {
  const clause = normalised.slice(start, end).trim();
  return (
    /^[^\p{L}\p{N}]*\?/u.test(normalised.slice(end)) || words.some((word) => clause.includes(word)) || aNotA.test(clause) || endings.some((ending) => clause.endsWith(ending))
  );
}

/**
 * Whether some clause of the message asks in words (a question mark, a question word or ending, an A-not-A):
 * "我爸已经被我弟绑走了" says something, whatever a classifier leans to.
 */
export function asksInWords(normalised: string, questionWords: QuestionWords): boolean {
  return clauseSpans(normalised).some((span) => clauseAsks(normalised, span, questionWords));
}
