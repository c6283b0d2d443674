import type { Entity } from './reading.js';

/**
 * Whether a message says only where the person is: one or more places read as regions, and around them nothing but
 * the editors' framing words and punctuation ("我在大连", "俺是泰安的", "参保地370902"). `framing` comes longest
 * first (vocabularyOf), so that "参保地" goes whole before "参保".
 */
export function onlyAPlace(normalised: string, entities: readonly Entity[], framing: readonly string[]): boolean {
  if (entities.length === 0 || entities.some((entity) => entity.kind !== 'region')) return false;
  let rest = '';
  let from = 0;
  for (const entity of [...entities].sort((a, b) => a.start - b.start)) {
    rest += ` ${normalised.slice(from, entity.start)} `;
    from = Math.max(from, entity.end + subdivisionAfter(normalised.slice(entity.end)));
  }
  rest += normalised.slice(from);
  for (const word of framing) rest = rest.replaceAll(word, ' ');
  return rest.replace(/[\s\p{P}\p{S}]/gu, '') === '';
}

/**
 * The length of a district or county said straight after a place ("北京朝阳区", "广州海珠区"): part of where the person
 * is. Names that mean districts of several cities (朝阳, 鼓楼: regionNames.yaml) are no region on their own, but after
 * their city they say nothing more than the city does.
 */
function subdivisionAfter(text: string): number {
  return /^\p{Script=Han}{1,3}?[区县旗]/u.exec(text)?.[0].length ?? 0;
}
