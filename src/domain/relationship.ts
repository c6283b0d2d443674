import type { KinshipMeaning } from '../content/nluSchema.js';
import type { Relationship } from '../content/schema.js';
import { pickNonOverlapping } from './pickNonOverlapping.js';

/**
 * Reads the words people really use for family, mapped to the canonical relationships, or to why the person cannot
 * be bound. The words are the editors' (flows/nlu/kinship.yaml, given as a `KinshipVocabulary`); how they are read —
 * the longest word wins, how an "A的B" phrase is joined, whose a whole answer is — is here.
 */

export const ineligibleReasons = ['spouseParent', 'inLaw', 'nonRelative', 'self'] as const;
export type IneligibleReason = (typeof ineligibleReasons)[number];

export type RelationshipMatch =
  | { kind: 'eligible'; relationship: Relationship; word: string }
  | { kind: 'ineligible'; reason: IneligibleReason; word: string }
  | { kind: 'unknown' };
export type RelationshipWordMatch = { match: Exclude<RelationshipMatch, { kind: 'unknown' }>; start: number; end: number };

/**
 * The words a `Kinship` reads (flows/nlu/kinship.yaml; see there what each list is for). `words`: each meaning's
 * words, the first word of a relationship being how the form writes it back. `phrases`: "A的B" — every owner with
 * every relative, joined by each joiner, and with nothing between when `joined`. `possessives`: whose a whole answer
 * is. `ownedWords`: words read in text only right after one of their owners (or one of their openers that opens the
 * text or a clause, or themselves opening one where `opensClause`) and not before one of `notBefore`.
 * `groups` and `notRelatives`: words found like the others and then dropped, so the relative's word inside them is not. `sex`: words that say the relative's sex.
 */
export type KinshipVocabulary = {
  words: Partial<Record<KinshipMeaning, readonly string[]>>;
  phrases: { joiners: readonly string[]; tables: readonly { meaning: KinshipMeaning; owners: readonly string[]; relatives: readonly string[]; joined: boolean }[] };
  possessives: readonly string[];
  ownedWords: readonly { words: readonly string[]; meaning: KinshipMeaning; owners: readonly string[]; openers: readonly string[]; opensClause: boolean; notBefore: readonly string[]; classifiers: readonly string[] }[];
  groups: readonly string[];
  notRelatives: readonly string[];
  sex: { male: readonly string[]; female: readonly string[] };
};

/** The kinship words of a vocabulary, read. */
export type Kinship = {
  /**
   * Every relationship word in free text, in text order. Longer words win over the shorter ones inside them
   * ('外孙女' over '孙女', '老公公' over '老公', '老公的妈妈' over '妈妈'), so no word is reported twice.
   */
  find(text: string): RelationshipWordMatch[];
  /** The relationship one word names ('老婆', '我妈'); anything else is unknown. */
  resolve(word: string): RelationshipMatch;
  /** The sex a relationship word names ('闺女' → female, '我儿' → male), or null when it names none ('孩子', '子女'). */
  sexOf(word: string): 'male' | 'female' | null;
  /** One word for the relationship, to put it back into words the form reads again ('配偶', '父亲'). */
  plainWord(relationship: Relationship): string;
};

const reasons: ReadonlySet<string> = new Set(ineligibleReasons);
/** What may stand between two relatives named together: whose the second is, and a word for "and". */
const betweenTwoRelatives = /^(?:[和跟与同及、,，]|[我俺咱额]的?)*$/;
/** Whether `index` starts the text or follows a clause break. */
function opensClause(text: string, index: number): boolean {
  return index === 0 || /[\s，。！？、,.!?：:；;]/.test(text[index - 1]!);
}

const surroundingNoise = /^[\s，。！？、,.!?：:；;"“”'‘’（）()]+|[\s，。！？、,.!?：:；;"“”'‘’（）()]+$/g;

type Found = Exclude<RelationshipMatch, { kind: 'unknown' }>;

function matchOf(word: string, meaning: KinshipMeaning): Found {
  return reasons.has(meaning)
    ? { kind: 'ineligible', reason: meaning as IneligibleReason, word }
    : { kind: 'eligible', relationship: meaning as Relationship, word };
}

const escaped = (word: string) => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** A pattern for any of the words at the start of a text, the longest first. */
function startingWith(words: readonly string[]): RegExp {
  if (words.length === 0) return /^(?!)/;
  return new RegExp(`^(?:${[...words].sort((a, b) => b.length - a.length).map(escaped).join('|')})`);
}

export function createKinship(vocabulary: KinshipVocabulary): Kinship {
  const meanings = new Map<string, KinshipMeaning>();
  const define = (words: readonly string[], meaning: KinshipMeaning) => {
    for (const word of words) meanings.set(word, meaning);
  };
  for (const [meaning, words] of Object.entries(vocabulary.words) as [KinshipMeaning, readonly string[]][]) define(words, meaning);
  for (const { meaning, owners, relatives, joined } of vocabulary.phrases.tables) {
    for (const owner of owners) {
      for (const relative of relatives) {
        define(vocabulary.phrases.joiners.map((joiner) => `${owner}${joiner}${relative}`), meaning);
        if (joined) define([`${owner}${relative}`], meaning);
      }
    }
  }
  const dropped: ReadonlySet<string> = new Set([...vocabulary.groups, ...vocabulary.notRelatives]);
  const longestWord = Math.max(0, ...[...meanings.keys(), ...dropped].map((word) => word.length));
  /** Where no word can start, no slice need be looked up: most characters of a message start none. */
  const firstCharacters = new Set([...meanings.keys(), ...dropped].map((word) => word[0]));
  const possessive = startingWith(vocabulary.possessives);
  const classifier = startingWith(vocabulary.ownedWords.flatMap((owned) => owned.classifiers));
  const owned = vocabulary.ownedWords.map((rule) => ({ ...rule, words: new Set(rule.words), classifier: startingWith(rule.classifiers) }));
  const ownedFirstCharacters = new Set(vocabulary.ownedWords.flatMap((rule) => rule.words.map((word) => word[0])));
  const sexes = { male: new Set(vocabulary.sex.male), female: new Set(vocabulary.sex.female) };

  /** The word of an owned rule that starts here, right after one of its owners and before none of `notBefore`. */
  const ownedAt = (text: string, start: number, rule: (typeof owned)[number]): string | undefined => {
    for (const word of rule.words) {
      if (!text.startsWith(word, start)) continue;
      const end = start + word.length;
      const after = (owner: string) => owner.length <= start && text.startsWith(owner, start - owner.length);
      const afterOwner =
        rule.owners.some(after) || rule.openers.some((opener) => after(opener) && opensClause(text, start - opener.length)) || (rule.opensClause && opensClause(text, start));
      if (afterOwner && !rule.notBefore.some((next) => text.startsWith(next, end))) return word;
    }
    return undefined;
  };

  return {
    find(text) {
      const candidates: (RelationshipWordMatch | { dropped: true; start: number; end: number })[] = [];
      for (let start = 0; start < text.length; start += 1) {
        for (const rule of ownedFirstCharacters.has(text[start]) ? owned : []) {
          const word = ownedAt(text, start, rule);
          if (word !== undefined) candidates.push({ match: matchOf(word, rule.meaning), start, end: start + word.length });
        }
        if (!firstCharacters.has(text[start])) continue;
        for (let length = Math.min(longestWord, text.length - start); length >= 1; length -= 1) {
          const word = text.slice(start, start + length);
          const meaning = meanings.get(word);
          if (meaning !== undefined) candidates.push({ match: matchOf(word, meaning), start, end: start + length });
          else if (dropped.has(word)) candidates.push({ dropped: true, start, end: start + length });
        }
      }
      const picked = pickNonOverlapping(candidates);
      return picked.flatMap((candidate, index): RelationshipWordMatch[] => {
        if (!('dropped' in candidate)) return [candidate];
        // "俺爹俺娘俩": a group word right after another relative counts the two, and the relative inside it is one of them.
        const previous = picked[index - 1];
        const countsTwo = vocabulary.groups.includes(text.slice(candidate.start, candidate.end)) && previous !== undefined && !('dropped' in previous) && betweenTwoRelatives.test(text.slice(previous.end, candidate.start));
        if (!countsTwo) return [];
        // The longest relative's word the group word starts with ("娘俩" → 娘).
        for (let end = candidate.end - 1; end > candidate.start; end -= 1) {
          const word = text.slice(candidate.start, end);
          const meaning = meanings.get(word);
          if (meaning !== undefined) return [{ match: matchOf(word, meaning), start: candidate.start, end }];
        }
        return [];
      });
    },
    resolve(word) {
      const trimmed = word.replace(surroundingNoise, '');
      const meaning = meanings.get(trimmed);
      if (meaning !== undefined) return matchOf(trimmed, meaning);
      const withoutPossessive = trimmed.replace(possessive, '');
      // An owned word as a whole answer: after whose it is, or alone, answering "whose" ("我儿", "我个仔", "女").
      const ownedRule = owned.find((rule) => rule.words.has(withoutPossessive) || rule.words.has(withoutPossessive.replace(rule.classifier, '')));
      if (ownedRule !== undefined) return matchOf(trimmed, ownedRule.meaning);
      const stripped = meanings.get(withoutPossessive);
      return stripped === undefined ? { kind: 'unknown' } : matchOf(withoutPossessive, stripped);
    },
    sexOf(word) {
      const bare = word.replace(surroundingNoise, '').replace(possessive, '').replace(classifier, '');
      if (sexes.male.has(bare)) return 'male';
      if (sexes.female.has(bare)) return 'female';
      return null;
    },
    plainWord(relationship) {
      return vocabulary.words[relationship]?.[0] ?? relationship;
    },
  };
}
