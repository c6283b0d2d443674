import type { PeopleFile } from '../content/nluSchema.js';
import { sexOfIdNumber } from '../domain/idNumber.js';
import type { Kinship } from '../domain/relationship.js';
import { clauseSpans } from '../nlu/askingClauses.js';
import type { Entity } from '../nlu/reading.js';
import type { FormState } from './state.js';
import type { Relationship } from '../content/schema.js';

/**
 * What the form needs of the turn's reading: the normalised text, where its entities stand in it, whether it asks, and
 * whether it declines any more members ("就老婆一个": learnt, flows/nlu/intents*.yaml decline_more).
 */
export type RemovalReading = { normalised: string; entities: readonly Entity[]; mentions: readonly { start: number; end: number }[]; asksQuestion: boolean; declines?: boolean };

/**
 * The accepted members a message takes out of the application before it is filed (indices into `form.members`), by
 * the editors' words (flows/nlu/people.yaml `removal`): "把郭凤霞去掉", "我爸就不用办了" take out the one named;
 * "只绑我妈", "给他妈办就行" keep those named after (or before) the editors' words and take out every other; so does
 * "就老婆一个" (a decline of more members) naming some of the members accepted, once none is being collected. A member is
 * named by name, or by a relationship only one member has; named by a word several members share ("我儿子不办了" with
 * two sons), which of them is asked (`which`). Null when the message takes nobody out — it asks something, gives or
 * speaks of a number ("我妈的手机不用了，用我的"), names nobody accepted, or both keeps and drops the same member.
 */
export type Removal = { kind: 'remove'; members: number[] } | { kind: 'which'; members: number[] };

export function membersRemoved(form: FormState, reading: RemovalReading, words: PeopleFile['removal'], kinship: Kinship, memberPronouns: readonly string[] = []): Removal | null {
  if (form.members.length === 0 || reading.asksQuestion || reading.mentions.length > 0) return null;
  if (reading.entities.some((entity) => entity.kind === 'idNumber' || entity.kind === 'phone')) return null;
  const dropped = new Set<number>();
  const kept = new Set<number>();
  // "我儿子不办了" with two sons accepted: which one is asked.
  const unclear = new Set<number>();
  // "不给他办了，给他妈办就行": the pronoun's member, unless the message keeps them.
  const droppedByPronoun = new Set<number>();
  let keepsOnly = false;
  let dropsSomeone = false;
  for (const { start, end } of clauseSpans(reading.normalised, { spaces: true })) {
    const clause = reading.normalised.slice(start, end);
    const keepAt = firstIndexOf(clause, words.keepOnly);
    const keepUntil = firstIndexOf(clause, words.keepOnlyAfter ?? []);
    const { named, several } = membersNamed(form, reading, start, end, memberPronouns, kinship);
    const dropsToo = firstIndexOf(clause, words.drop) !== null;
    const keeping = named.filter(({ at }) => (keepAt !== null && at >= start + keepAt) || (keepUntil !== null && !dropsToo && at < start + keepUntil));
    if (keeping.length > 0) {
      keepsOnly = true;
      for (const { index } of keeping) kept.add(index);
      continue;
    }
    if (dropsToo) {
      dropsSomeone = true;
      for (const { index } of named) dropped.add(index);
      if (named.length === 0) for (const index of several) unclear.add(index);
      // "我妈被我哥绑过了，把她去了吧": a pronoun in the clause that drops speaks of the one member the message names.
      if (named.length === 0 && several.length === 0 && firstIndexOf(clause, memberPronouns) !== null) {
        const spokenOf = new Set(membersNamed(form, reading, 0, reading.normalised.length, memberPronouns, kinship).named.map(({ index }) => index));
        if (spokenOf.size === 1) for (const index of spokenOf) droppedByPronoun.add(index);
      }
    }
  }
  // "就老婆一个" at the summary with the wife and the son accepted: nobody more than those named.
  if (!keepsOnly && !dropsSomeone && reading.declines === true && form.status !== 'collecting') {
    const named = membersNamed(form, reading, 0, reading.normalised.length, memberPronouns, kinship).named;
    if (named.length > 0 && named.length < form.members.length) {
      keepsOnly = true;
      for (const { index } of named) kept.add(index);
    }
  }
  for (const index of droppedByPronoun) if (!kept.has(index)) dropped.add(index);
  if (keepsOnly) form.members.forEach((_, index) => kept.has(index) || dropped.add(index));
  if ([...dropped].some((index) => kept.has(index))) return null;
  if (dropped.size === 0) return unclear.size > 1 ? { kind: 'which', members: [...unclear].sort((left, right) => left - right) } : null;
  return { kind: 'remove', members: [...dropped].sort((left, right) => left - right) };
}

/**
 * The accepted members a clause names, with where: by name, or by a relationship word only one of them matches;
 * `several`: the members of a kind the clause names by its word alone when more than one has it.
 */
function membersNamed(form: FormState, reading: RemovalReading, start: number, end: number, memberPronouns: readonly string[], kinship: Kinship): { named: { index: number; at: number }[]; several: number[] } {
  const clause = reading.normalised.slice(start, end);
  const found = new Map<number, number>();
  const several: number[] = [];
  form.members.forEach((member, index) => {
    const at = clause.indexOf(member.name);
    if (at >= 0) found.set(index, start + at);
  });
  for (const entity of reading.entities) {
    if (entity.kind !== 'relationship' || entity.role === 'applicant' || entity.match.kind !== 'eligible' || entity.start < start || entity.end > end) continue;
    const seen = seenFromApplicant(form, reading.normalised, entity, memberPronouns, kinship);
    if (seen === null) continue;
    const wanted = seen;
    // The relative still being collected is the one a bare word of their kind speaks of (relativeSwitchedTo's).
    if (form.current.relationship === wanted) continue;
    const same = form.members.flatMap((member, index) => (member.relationship === wanted ? [index] : []));
    // "把俺儿去了吧" with a son and a daughter: the word's sex, read against each one's ID number, says which.
    const sex = kinship.sexOf(entity.match.word);
    const ofSex = sex === null ? same : same.filter((index) => memberSex(form.members[index]!) === sex);
    const meant = ofSex.length === 1 ? ofSex : same;
    // "我儿子不办了" with two sons: the word alone says nobody; their names would.
    if (meant.length === 1 && !found.has(meant[0]!)) found.set(meant[0]!, entity.start);
    if (meant.length > 1) several.push(...meant);
  }
  return { named: [...found].map(([index, at]) => ({ index, at })), several };
}

/**
 * The relationship to the applicant a word names. "他妈", "她爸" — a parent word owned by a member's pronoun — is a
 * child member's other parent: the applicant's spouse, or the applicant (null) when the word's sex is the applicant's.
 */
export function seenFromApplicant(form: FormState, normalised: string, entity: Extract<Entity, { kind: 'relationship' }>, memberPronouns: readonly string[], kinship: Kinship): Relationship | null {
  if (entity.match.kind !== 'eligible') return null;
  const { relationship, word } = entity.match;
  if (!ownedByMember(normalised, entity, memberPronouns) || (relationship !== 'father' && relationship !== 'mother')) return relationship;
  if (!form.members.some((member) => member.relationship === 'child')) return relationship;
  const applicant = form.applicant.idNumber?.length === 18 ? sexOfIdNumber(form.applicant.idNumber) : null;
  return applicant !== null && applicant === kinship.sexOf(word) ? null : 'spouse';
}

/** "他妈", "她的爸爸": a relative of someone spoken of by a pronoun, not the person typing's own. */
export function ownedByMember(normalised: string, entity: Entity, memberPronouns: readonly string[]): boolean {
  const before = normalised.slice(Math.max(0, entity.start - 4), entity.start).replace(/的$/, '');
  return memberPronouns.some((pronoun) => before.endsWith(pronoun));
}

function memberSex(member: FormState['members'][number]): 'male' | 'female' | null {
  return member.idNumber.length === 18 ? sexOfIdNumber(member.idNumber) : null;
}

function firstIndexOf(text: string, words: readonly string[]): number | null {
  const positions = words.map((word) => text.indexOf(word)).filter((at) => at >= 0);
  return positions.length === 0 ? null : Math.min(...positions);
}
