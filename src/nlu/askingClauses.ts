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
export function askingSpans(normalised: string, { words, endings }: QuestionWords): Span[] {
  const spans = clauseSpans(normalised);
  if (spans.length < 2) return [];
  const asks = ({ start, end }: Span) => {
    const clause = normalised.slice(start, end).trim();
    return /^[^\p{L}\p{N}]*\?/u.test(normalised.slice(end)) || words.some((word) => clause.includes(word)) || endings.some((ending) => clause.endsWith(ending));
  };
  const asking = spans.filter(asks);
  return asking.length === spans.length ? [] : asking;
}
