import type { SlotKey } from '../content/schema.js';
import { maskIdNumber, maskPhone, sexOfIdNumber, type Kinship } from '../domain/index.js';
import type { Entity } from '../nlu/reading.js';
import type { EngineContext } from './engineContext.js';
import type { FormMeaning } from './formMeaning.js';
import { relationshipLabel } from './memberGuidance.js';
import { say } from './render.js';
import type { FormState, MemberDraft, Person, PersonField } from './state.js';

/** The people of a form, each field of each one addressable, so a correction changes exactly what it names. */

export type EditableField = Exclude<PersonField, 'relationship'>;
export const editableFields: readonly EditableField[] = ['name', 'idNumber', 'phone'];

export function detailsOf(form: FormState, person: Person): MemberDraft {
  if (person === 'applicant') return form.applicant;
  if (person === 'current') return form.current;
  return form.members[person] ?? {};
}

export function valueOf(form: FormState, person: Person, field: EditableField): string | undefined {
  return detailsOf(form, person)[field];
}

export function withValue(form: FormState, person: Person, field: EditableField, value: string): FormState {
  if (person === 'applicant') return { ...form, applicant: { ...form.applicant, [field]: value } };
  if (person === 'current') return { ...form, current: { ...form.current, [field]: value } };
  return { ...form, members: form.members.map((member, index) => (index === person ? { ...member, [field]: value } : member)) };
}

/** The slot whose validator checks this field. */
export function slotFor(person: Person, field: EditableField): SlotKey {
  return `${person === 'applicant' ? 'applicant' : 'member'}.${field}` as SlotKey;
}

/** Everyone with at least one detail filled: the applicant, the members added, the member being collected. */
export function peopleOf(form: FormState): Person[] {
  const people: Person[] = [];
  const filled = (details: MemberDraft) => editableFields.some((field) => details[field] !== undefined);
  if (filled(form.applicant)) people.push('applicant');
  form.members.forEach((_, index) => people.push(index));
  if (filled(form.current)) people.push('current');
  return people;
}

/** How a person is named in a sentence: 您本人, 母亲王淑珍. */
export function personLabel(context: EngineContext, form: FormState, person: Person, { named = true }: { named?: boolean } = {}): string {
  if (person === 'applicant') return say(context.content, 'engine.person.applicant');
  const details = detailsOf(form, person);
  const relationship = details.relationship ? relationshipLabel(context.content, details.relationship) : say(context.content, 'engine.member.defaultLabel');
  return say(context.content, 'engine.person.member', { relationship, name: named ? (details.name ?? '') : '' });
}

/**
 * How the person a correction changed is named: by the relationship alone when the name was changed ("已把母亲的姓名改为
 * 李晓燕"), so the wrong name is not said again.
 */
export function changedPersonLabel(context: EngineContext, form: FormState, person: Person, field: EditableField): string {
  return personLabel(context, form, person, { named: field !== 'name' });
}

/** How a person is named on a button: 我本人, 母亲王淑珍. */
export function personButton(context: EngineContext, form: FormState, person: Person): string {
  return person === 'applicant' ? say(context.content, 'engine.person.applicantButton') : personLabel(context, form, person);
}

export function fieldLabel(context: EngineContext, field: PersonField): string {
  return say(context.content, `engine.field.${field}`);
}

export function maskedValue(field: EditableField, value: string): string {
  if (field === 'idNumber') return maskIdNumber(value);
  if (field === 'phone') return maskPhone(value);
  return value;
}

/** Everyone in the form whose name the text holds. */
export function peopleNamedIn(form: FormState, text: string): Person[] {
  return peopleOf(form).filter((person) => {
    const name = detailsOf(form, person).name;
    return name !== undefined && text.includes(name);
  });
}

/**
 * Whom a message speaks of: someone in the form it names by name ("郑丽娟的手机号写错了", where no name cue makes the
 * name an entity), a relative it names (among those in the form), or the person themselves.
 */
export function personNamed(form: FormState, { text, entities }: { text: string; entities: readonly Entity[] }, meaning: FormMeaning, kinship: Kinship): Person | null {
  const byName = peopleNamedIn(form, text);
  if (byName.length === 1) return byName[0]!;
  const relationship = entities.find((entity) => entity.kind === 'relationship');
  if (relationship?.kind === 'relationship' && relationship.match.kind === 'eligible') {
    // "闺女的身份证号打错了" with a son and a daughter accepted: the daughter, by the sex her ID number holds.
    const matching: Person[] = membersMeantBy(form, relationship, kinship);
    if (form.current.relationship === relationship.match.relationship) matching.push('current');
    if (matching.length === 1) return matching[0]!;
    return null;
  }
  return meaning.self ? 'applicant' : null;
}

/**
 * The accepted members a relationship word can mean: those of its kind, narrowed by the word's sex against each one's
 * ID number ("我闺女的" with a son and a daughter); several when the word alone cannot tell ("我儿子的" with two sons).
 */
export function membersMeantBy(form: FormState, word: Extract<Entity, { kind: 'relationship' }>, kinship: Kinship, said?: { normalised: string; seniority: Seniority }): number[] {
  if (word.match.kind !== 'eligible') return [];
  const wanted = word.match.relationship;
  const same = form.members.flatMap((member, index) => (member.relationship === wanted ? [index] : []));
  const sex = kinship.sexOf(word.match.word);
  const ofSex = sex === null ? same : same.filter((index) => sexOfIdNumber(form.members[index]!.idNumber) === sex);
  const meant = ofSex.length > 0 ? ofSex : same;
  if (said === undefined || meant.length < 2) return meant;
  // "大儿子", "小闺女": the eldest or the youngest of them, by the birth dates their ID numbers hold.
  const before = said.normalised.slice(0, word.start);
  const rank = said.seniority.eldest.some((cue) => before.endsWith(cue)) ? 'eldest' : said.seniority.youngest.some((cue) => before.endsWith(cue)) ? 'youngest' : null;
  if (rank === null) return meant;
  const born = (index: number) => form.members[index]!.idNumber.slice(6, 14);
  const ordered = [...meant].sort((left, right) => born(left).localeCompare(born(right)));
  const [first, second] = rank === 'eldest' ? ordered : [...ordered].reverse();
  return born(first!) === born(second!) ? meant : [first!];
}

/** The editors' words for which of two relatives of one kind is meant (flows/nlu/people.yaml `seniority`). */
export type Seniority = { eldest: readonly string[]; youngest: readonly string[]; notMeant: readonly string[] };

/**
 * The relationship word a correction means: "不是大儿子，是小儿子的手机号错了" names the younger son; a word right after
 * one of `notMeant` is passed over while another is named.
 */
export function relationshipMeant(normalised: string, entities: readonly Entity[], seniority: Seniority, applicantToo = false): Extract<Entity, { kind: 'relationship' }> | undefined {
  const words = entities.filter((entity): entity is Extract<Entity, { kind: 'relationship' }> => entity.kind === 'relationship' && (applicantToo || entity.role !== 'applicant'));
  const denied = (word: Entity) => {
    const before = normalised.slice(0, word.start);
    return seniority.notMeant.some((cue) => new RegExp(`${cue}(?:我的?|俺的?)?(?:${[...seniority.eldest, ...seniority.youngest].join('|') || '(?!)'})?$`).test(before));
  };
  return words.find((word) => !denied(word)) ?? words[0];
}
