import type { NegationFile } from '../content/nluSchema.js';
import type { FilingForCues } from './filingForCues.js';
import type { LatinReader } from './latinText.js';
import type { PeopleCues } from './peopleCues.js';
import { soundAlikeFeatures, soundAlikeWords, type SoundAlike, type SoundsLike } from './pinyinFeatures.js';
import type { RegionReader } from '../domain/regions.js';
import type { Entity } from './reading.js';
import type { Roles } from './roleFeatures.js';
import { subjectFeatures, type Subjects } from './subjectFeatures.js';

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
export const selfMark = 'Ⓢ';
export const relativeMark = marks.relationship;
const markSet = new Set([...Object.values(marks), selfMark]);

function markOf(entity: Entity): string {
  return entity.kind === 'relationship' && entity.match.kind === 'ineligible' && entity.match.reason === 'self' ? selfMark : marks[entity.kind];
}
const punctuation = /[\s,.!?;:'"()\[\]~\-、…]+/g;
const wordCharacter = /[\p{L}]/u;

/** The entities that stand in the masked text, in order: of two overlapping, the one starting first. */
function maskedEntities(entities: readonly Entity[]): Entity[] {
  const kept: Entity[] = [];
  for (const entity of [...entities].sort((a, b) => a.start - b.start)) if (entity.start >= (kept.at(-1)?.end ?? 0)) kept.push(entity);
  return kept;
}

/** The text with each entity replaced by its mark and punctuation folded to one separator. */
export function maskedText(normalised: string, entities: readonly Entity[], placeSides: readonly string[] = []): string {
  let masked = '';
  let position = 0;
  for (const entity of maskedEntities(entities)) {
    if (entity.start < position) continue;
    masked += normalised.slice(position, entity.start) + markOf(entity);
    position = entity.end;
    // "湖南这边": the word that points at the place goes with it (regionNames.yaml `placeSides`, longest first).
    if (entity.kind === 'region') position += placeSides.find((side) => normalised.startsWith(side, position))?.length ?? 0;
  }
  masked += normalised.slice(position);
  return masked.replace(punctuation, ',').replace(/^,+|,+$/g, '');
}

/**
 * Who each relative mark (Ⓕ) of the masked text is, in order: the word as written and whose relative it is. The
 * same word said again is the same person ("孙子在老家交的新农合，能给孙子共济吗": one grandson).
 */
export function relativesMasked(entities: readonly Entity[]): string[] {
  return maskedEntities(entities).flatMap((entity) => (entity.kind === 'relationship' && markOf(entity) === relativeMark ? [`${entity.ownedBy ?? ''}:${entity.match.word}`] : []));
}

/** Word → the first word of the editors' synonym group it belongs to (flows/synonyms.yaml). */
export type SynonymHeads = ReadonlyMap<string, string>;

export function synonymHeads(groups: readonly (readonly string[])[]): SynonymHeads {
  const heads = new Map<string, string>();
  for (const group of groups) for (const word of group) if (!heads.has(word)) heads.set(word, group[0]!);
  return heads;
}

/** The editors' negation words (flows/nlu/negation.yaml), ready to scan a text with. */
export type Negation = { negators: ReadonlySet<string>; modals: ReadonlySet<string>; results: ReadonlySet<string>; phrases: readonly string[] };

export function negationOf(file: Omit<NegationFile, 'judgements'>): Negation {
  // Longest phrases first, so "没有问题" is taken whole before "没问题" could be looked for inside it.
  return { negators: new Set(file.negators), modals: new Set(file.modals), results: new Set(file.results), phrases: [...file.phrases].sort((a, b) => b.length - a.length) };
}

/**
 * What a text is read with: the editors' synonym groups, negation words and subject words, their words for filing for
 * a relative (entities), and the domain words by sound; the words that make a clause ask; the words that say who gives
 * and who receives, and the places said without a name; every name a region is known by (the domain's and theirs).
 */
export type Vocabulary = { latin: LatinReader; synonyms: SynonymHeads; negation: Negation; filingFor: FilingForCues; people: PeopleCues; subjects: Subjects; soundsLike: SoundsLike; questionWords: QuestionWords; roles: Roles; regions: RegionReader; placeFraming: readonly string[]; placeSides: readonly string[] };
/** The words that make a clause ask (flows/nlu/questionWords.yaml): anywhere in it, or at its end. */
export type QuestionWords = { words: readonly string[]; endings: readonly string[]; notAsking?: readonly string[]; askingToAct?: readonly string[]; checksClaim?: readonly string[]; supposing?: readonly string[]; alreadyDone?: readonly string[]; purposes?: readonly string[] };

/**
 * Which features a classifier reads. `topic` (FAQ, refusals, what a correction points at): the text as it is. `act`
 * (intents): negated characters marked, and whether the text asks in words (prepareText.ts). Negation helps say what a message does, but renaming
 * "能绑定" inside "不能绑定" costs the FAQ the words of its topics: on grouped 5-fold cross-validation negation on every
 * classifier took FAQ topic 90.0 → 89.4 % and entry 81.8 → 81.1 %. `subject` (whose detail, what a cancel is of): the
 * text and who it names (subjectFeatures.ts). `role` (the FAQ): the topic features, the side each person named is on
 * and whose side each concern is said of, two places in one message (roleFeatures.ts), and what kind of relative
 * each one named is (kinshipFeatures.ts).
 */
export type FeatureKind = 'topic' | 'act' | 'subject' | 'role';

/** How many characters after a negator (or before 不 and a result) it negates: "不同意" → 同意, "确认不了" → 确认. */
const NEGATED_SPAN = 2;

/**
 * For each character of the masked text, whether a negator negates it: the NEGATED_SPAN characters after it (one
 * more after a modal), or before "不 + result", within its clause. Entity marks and the editors' set phrases ("没问题", "不知道") never are;
 * of two negators in a row ("不不", "没不") only the second negates.
 */
export function negatedCharacters(masked: string, negation: Negation): boolean[] {
  // UTF-16 offsets, as the words are found by indexOf; a surrogate half is never a negator.
  const negated = Array.from({ length: masked.length }, () => false);
  const whole = Array.from({ length: masked.length }, () => false);
  for (const phrase of negation.phrases) {
    for (let at = masked.indexOf(phrase); at >= 0; at = masked.indexOf(phrase, at + phrase.length)) {
      if (whole.slice(at, at + phrase.length).some(Boolean)) continue;
      for (let index = at; index < at + phrase.length; index += 1) whole[index] = true;
    }
  }
  const negate = (index: number) => {
    if (!whole[index] && !markSet.has(masked[index]!)) negated[index] = true;
  };
  for (let index = 0; index < masked.length; index += 1) {
    const character = masked[index]!;
    if (whole[index] || !negation.negators.has(character)) continue;
    const next = masked[index + 1];
    if (next !== undefined && negation.negators.has(next)) continue;
    if (character === '不' && index > 0 && masked[index - 1] !== ',' && next !== undefined && negation.results.has(next)) {
      for (let before = index - 1; before >= Math.max(0, index - NEGATED_SPAN) && masked[before] !== ','; before -= 1) negate(before);
      continue;
    }
    // A negated modal negates the verb after it too: "不能同意", "没法确认".
    const span = NEGATED_SPAN + (next !== undefined && negation.modals.has(next) ? 1 : 0);
    for (let after = index + 1; after <= Math.min(masked.length - 1, index + span) && masked[after] !== ','; after += 1) negate(after);
  }
  return negated;
}

/**
 * Character 1–2-grams of the masked text (with start and end marks), the segmenter's words, and for each word in
 * an editors' synonym group the group's first word: "个账" and "个人账户" then share a feature. Trigrams were
 * dropped on grouped cross-validation: they memorise a paraphrase's wording (FAQ topic 77.2 → 79.9 %, entry 49 → 53 %,
 * refusals 95.0 → 95.4 %, intents unchanged), and jieba's words already carry the longer units.
 */
const MAXIMUM_GRAM = 2;
/**
 * The features of a masked text and its words. `act` features mark each negated character and word with "¬", so
 * that "确认" inside "确认不了" and "同意" inside "没同意过" stop counting as a yes. On grouped 5-fold cross-validation of
 * intents (content of a58cd4c): 93.6 → 93.7 %, deny read as affirm 14 → 10 and affirm read as deny 15 → 7 (确认不了,
 * 没法确认, 内容不正确, 我没同意过, 勿是 held out now read as deny), affirm recall 77.5 → 81.7 %, deny 75.0 → 75.5 %,
 * non_answer 83.1 → 77.5 %. The message's length as a feature too reached 93.9 %, but read more of decline_more and
 * cancel as affirm (no → affirm 20 → 30 with it), and flipped borderline readings the conversation tests rely on.
 */
export function textFeatures(
  masked: string,
  tokens: readonly string[],
  vocabulary: Vocabulary,
  kind: FeatureKind = 'topic',
  soundAlikes?: readonly SoundAlike[],
): string[] {
  const features: string[] = [];
  const negated = kind === 'act' ? negatedCharacters(masked, vocabulary.negation) : [];
  const characters = ['^'];
  let offset = 0;
  for (const character of masked) {
    characters.push(negated[offset] ? `¬${character}` : character);
    offset += character.length;
  }
  characters.push('$');
  for (let size = 1; size <= MAXIMUM_GRAM; size += 1) {
    for (let start = 0; start + size <= characters.length; start += 1) {
      const gram = characters.slice(start, start + size).join('');
      if (size === 1 && (gram === '^' || gram === '$' || gram === ',')) continue;
      features.push(gram);
    }
  }
  // Words are found in the masked text in order, to know whether a negated character lies inside them.
  let cursor = 0;
  for (const token of tokens) {
    const at = masked.indexOf(token, cursor);
    if (at >= 0) cursor = at + token.length;
    const not = at >= 0 && negated.slice(at, at + token.length).some(Boolean) ? '¬' : '';
    const head = vocabulary.synonyms.get(token);
    if (head !== undefined) features.push(`s:${not}${head}`);
    if (token.length >= 2 && wordCharacter.test(token) && !markSet.has(token)) features.push(`w:${not}${token}`);
  }
  if (kind === 'subject') features.push(...subjectFeatures(masked, vocabulary.subjects));
  if (kind !== 'subject') features.push(...soundAlikeFeatures(soundAlikes ?? soundAlikeWords(masked, tokens, vocabulary.soundsLike), vocabulary.soundsLike, negated));
  return features;
}
