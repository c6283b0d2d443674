import { normalise } from './normalise.js';

const ignored = /[\s,.!?;:'"()\[\]~\-、…，。！？；：“”‘’（）]/g;

/**
 * Character bigrams of a text as the reader sees it (normalised: traditional characters simplified, widths folded),
 * without spaces and punctuation (a one-character text is its own "bigram"). 幫我綁定 and 帮我绑定 are one wording, so
 * a traditional copy of an example is grouped with it and never tested against it.
 */
export function bigrams(text: string): Set<string> {
  const characters = [...normalise(text).replace(ignored, '')];
  if (characters.length === 1) return new Set(characters);
  const result = new Set<string>();
  for (let index = 0; index + 1 < characters.length; index += 1) result.add(characters[index]! + characters[index + 1]!);
  return result;
}

/** How much two texts share, as the Jaccard index of their bigram sets: 1 for the same wording, 0 for nothing shared. */
export function bigramJaccard(left: ReadonlySet<string>, right: ReadonlySet<string>): number {
  if (left.size === 0 && right.size === 0) return 1;
  let shared = 0;
  for (const gram of left) if (right.has(gram)) shared += 1;
  return shared / (left.size + right.size - shared);
}
