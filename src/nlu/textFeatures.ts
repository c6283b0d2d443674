import type { Entity } from './reading.js';

/**
 * Entities stand in the text as one mark per kind, so the model learns "我叫Ⓝ，身份证Ⓘ" rather than one person's
 * name, and "我在Ⓡ参保" rather than each city. Relatives become one mark too: "帮我老婆办" teaches "帮我老妈办".
 */
const marks: Readonly<Record<Entity['kind'], string>> = {
  idNumber: 'Ⓘ',
  phone: 'Ⓟ',
  name: 'Ⓝ',
  relationship: 'Ⓕ',
  region: 'Ⓡ',
  oneTimeCode: 'Ⓒ',
  recordNumber: 'Ⓖ',
  date: 'Ⓓ',
};
/** The person themself (我自己, 本人) is no relative: "改我自己的电话" must not read like "改我妈的电话". */
const selfMark = 'Ⓢ';
const markSet = new Set([...Object.values(marks), selfMark]);

function markOf(entity: Entity): string {
  return entity.kind === 'relationship' && entity.match.kind === 'ineligible' && entity.match.reason === 'self' ? selfMark : marks[entity.kind];
}
const punctuation = /[\s,.!?;:'"()\[\]~\-、…]+/g;
const wordCharacter = /[\p{L}]/u;

/** The text with each entity replaced by its mark and punctuation folded to one separator. */
export function maskedText(normalised: string, entities: readonly Entity[]): string {
  let masked = '';
  let position = 0;
  for (const entity of [...entities].sort((a, b) => a.start - b.start)) {
    if (entity.start < position) continue;
    masked += normalised.slice(position, entity.start) + markOf(entity);
    position = entity.end;
  }
  masked += normalised.slice(position);
  return masked.replace(punctuation, ',').replace(/^,+|,+$/g, '');
}

/** Word → the first word of the editors' synonym group it belongs to (flows/synonyms.yaml). */
export type SynonymHeads = ReadonlyMap<string, string>;

export function synonymHeads(groups: readonly (readonly string[])[]): SynonymHeads {
  const heads = new Map<string, string>();
  for (const group of groups) for (const word of group) if (!heads.has(word)) heads.set(word, group[0]!);
  return heads;
}

/**
 * Character 1–2-grams of the masked text (with start and end marks), the segmenter's words, and for each word in
 * an editors' synonym group the group's first word: "个账" and "个人账户" then share a feature. Trigrams were
 * dropped on grouped cross-validation: they memorise a paraphrase's wording (FAQ topic 77.2 → 79.9 %, entry 49 → 53 %,
 * refusals 95.0 → 95.4 %, intents unchanged), and jieba's words already carry the longer units.
 */
const MAXIMUM_GRAM = 2;

export function textFeatures(masked: string, tokens: readonly string[], synonyms: SynonymHeads): string[] {
  const features: string[] = [];
  const characters = ['^', ...masked, '$'];
  for (let size = 1; size <= MAXIMUM_GRAM; size += 1) {
    for (let start = 0; start + size <= characters.length; start += 1) {
      const gram = characters.slice(start, start + size).join('');
      if (size === 1 && (gram === '^' || gram === '$' || gram === ',')) continue;
      features.push(gram);
    }
  }
  for (const token of tokens) {
    const head = synonyms.get(token);
    if (head !== undefined) features.push(`s:${head}`);
    if (token.length >= 2 && wordCharacter.test(token) && !markSet.has(token)) features.push(`w:${token}`);
  }
  return features;
}
