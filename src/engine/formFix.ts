import type { Flow, Relationship } from '../content/schema.js';
import type { Entity } from '../nlu/reading.js';
import type { EngineContext } from './engineContext.js';
import type { FormMeaning } from './formMeaning.js';
import { changedPersonLabel, editableFields, fieldLabel, maskedValue, peopleOf, personButton, personLabel, personNamed, slotFor, valueOf, withValue, type EditableField } from './formPeople.js';
import { slotOf } from './formSlots.js';
import { relationshipLabel } from './memberGuidance.js';
import { memberProblem } from './memberProblem.js';
import { say } from './render.js';
import type { Fix, FormState, Person } from './state.js';
import { validate } from './validators.js';
import { kinshipOf } from '../nlu/kinshipOf.js';

/**
 * Corrections that name their target. "手机号填错了" asks whose when more than one person has a phone number;
 * "修改一下" offers one button per field and person; the new value goes to that one field only. What follows a
 * change (the summary again, or the question that was pending) is the form's: `after`.
 */
export type FixTurn = { form: FormState; texts: string[]; quickReplies?: string[] };
/** `yesNo`: the message says yes or no ("确认提交", "不对"), which is never a new value; `asks`: it asks a question. */
export type FixReading = { text: string; entities: readonly Entity[]; meaning: FormMeaning; yesNo: 'yes' | 'no' | null; asks: () => boolean };
export type FixSteps = {
  /** The change is made: continue the form (the summary again, or the pending question). */
  after: (form: FormState, texts: string[]) => FixTurn;
  /** Nothing to change: back to what was pending. */
  resume: (form: FormState, texts: string[]) => FixTurn;
};

/** A correction without the new value: find whose field, then ask for it. */
export function startFix(context: EngineContext, flow: Flow, form: FormState, reading: FixReading, now: Date, steps: FixSteps): FixTurn {
  // "我妈的手机号错了" when no mother is in the form: nobody else's number is changed in her stead.
  const absent = absentRelative(form, reading.entities);
  if (absent !== null) return steps.resume({ ...form, fix: null }, [say(context.content, 'engine.fix.noSuchPerson', { relationship: relationshipLabel(context.content, absent) })]);
  const person = personNamed(form, reading, reading.meaning, kinshipOf(context.content.nlu.kinship));
  const field = reading.meaning.field;
  return resolve(context, flow, form, person, field, reading, now, steps);
}

function resolve(context: EngineContext, flow: Flow, form: FormState, person: Person | null, field: EditableField | null, reading: FixReading, now: Date, steps: FixSteps): FixTurn {
  if (person !== null && field !== null) {
    if (valueOf(form, person, field) === undefined) return steps.resume({ ...form, fix: null }, [say(context.content, 'engine.fix.nothing')]);
    const given = valueIn(reading, field);
    if (given !== null) return applyFix(context, flow, form, person, field, given, now, steps);
    return askFix(context, { ...form, fix: { step: 'value', person, field } });
  }
  if (field !== null) {
    const held = peopleOf(form).filter((candidate) => valueOf(form, candidate, field) !== undefined);
    // "她的电话错了，应该是…": the value's own cue (a member's pronoun, 我) narrows whose it can be.
    const role = roleOfValue(reading, field);
    const sameSide = role === null ? [] : held.filter((candidate) => (candidate === 'applicant') === (role === 'applicant'));
    const given = valueIn(reading, field);
    const people = slippedFrom(form, sameSide.length > 0 ? sameSide : held, field, given);
    if (people.length === 0) return steps.resume({ ...form, fix: null }, [say(context.content, 'engine.fix.nothing')]);
    if (people.length === 1) return resolve(context, flow, form, people[0]!, field, reading, now, steps);
    return askFix(context, { ...form, fix: { step: 'whose', field, people, ...(given === null ? {} : { value: given }) } });
  }
  if (person !== null) return askFix(context, { ...form, fix: { step: 'field', person } });
  return askFix(context, { ...form, fix: { step: 'what' } });
}

/** The question of the correction under way (also asked again after a digression). */
export function askFix(context: EngineContext, form: FormState): FixTurn {
  const fix = form.fix;
  if (fix === null) throw new Error('askFix without a correction under way');
  switch (fix.step) {
    case 'whose':
      return {
        form,
        texts: [say(context.content, 'engine.fix.whose', { field: fieldLabel(context, fix.field) })],
        quickReplies: fix.people.map((person) => personButton(context, form, person)),
      };
    case 'what':
      return { form, texts: [say(context.content, 'engine.fix.what')], quickReplies: fieldButtons(context, form).map((button) => button.label) };
    case 'field':
      return {
        form,
        texts: [say(context.content, 'engine.fix.whichField', { person: personLabel(context, form, fix.person) })],
        quickReplies: filledFields(form, fix.person).map((field) => fieldLabel(context, field)),
      };
    case 'value':
      return {
        form,
        texts: [say(context.content, 'engine.fix.value', { person: personLabel(context, form, fix.person), field: fieldLabel(context, fix.field as EditableField) })],
      };
  }
}

/** The answer to the correction's question; null when the message is not one (a question: answered, then asked again). */
export function continueFix(context: EngineContext, flow: Flow, form: FormState, fix: Fix, reading: FixReading, now: Date, steps: FixSteps): FixTurn | null {
  const chosen = reading.text.trim();
  switch (fix.step) {
    case 'whose': {
      const byButton = fix.people.find((person) => personButton(context, form, person) === chosen);
      const named = byButton ?? personNamed(form, reading, reading.meaning, kinshipOf(context.content.nlu.kinship));
      if (named === null || !fix.people.includes(named)) return valueIn(reading, fix.field as EditableField) === null && !reading.meaning.self ? null : askFix(context, form);
      // The value typed with the correction goes to the one chosen, unless they type another now.
      if (fix.value !== undefined && valueIn(reading, fix.field as EditableField) === null) return applyFix(context, flow, form, named, fix.field as EditableField, fix.value, now, steps);
      return resolve(context, flow, form, named, fix.field as EditableField, reading, now, steps);
    }
    case 'what': {
      const button = fieldButtons(context, form).find((candidate) => candidate.label === chosen);
      if (button) return resolve(context, flow, form, button.person, button.field, reading, now, steps);
      const person = personNamed(form, reading, reading.meaning, kinshipOf(context.content.nlu.kinship));
      if (person === null && reading.meaning.field === null) return null;
      return resolve(context, flow, form, person, reading.meaning.field, reading, now, steps);
    }
    case 'field': {
      const field = filledFields(form, fix.person).find((candidate) => fieldLabel(context, candidate) === chosen) ?? reading.meaning.field;
      if (field === null) return null;
      return resolve(context, flow, form, fix.person, field, reading, now, steps);
    }
    case 'value': {
      const field = fix.field as EditableField;
      if (reading.meaning.nonAnswer) return null;
      const value = valueIn(reading, field);
      // "我妈身份证号也错了，是…" while a phone number is asked: that correction is the one made now.
      if (value === null && reading.meaning.field !== null && reading.meaning.field !== field) return startFix(context, flow, { ...form, fix: null }, reading, now, steps);
      // A phone or ID number holds digits: "就她一个", "确认提交" are no new value, and the person is never held at this
      // question. The number on file stays, and the form goes on from where it was. (A question is answered first.)
      if (value === null && field !== 'name' && !/\d/.test(reading.text) && !reading.asks()) {
        const kept = say(context.content, 'engine.fix.kept', { person: personLabel(context, form, fix.person), field: fieldLabel(context, field), value: maskedValue(field, valueOf(form, fix.person, field) ?? '') });
        return steps.resume({ ...form, fix: null }, [kept]);
      }
      // A stale "确认提交" pressed while the new value is asked is no name: the question is asked again.
      if (value === null && reading.yesNo !== null) return askFix(context, form);
      return applyFix(context, flow, form, fix.person, field, value ?? chosen, now, steps);
    }
  }
}

/** The new value checked like any answer to that slot, and against the other people (no duplicate, not the applicant). */
export function applyFix(context: EngineContext, flow: Flow, form: FormState, person: Person, field: EditableField, raw: string, now: Date, steps: FixSteps): FixTurn {
  const slot = slotFor(person, field);
  const validated = validate(slotOf(flow, slot).validator, raw, { content: context.content, now, region: form.region ?? null });
  // A member already added is checked as if it were being collected again, without itself among the members.
  const asCollected: FormState = typeof person === 'number' ? { ...form, current: form.members[person]!, members: form.members.filter((_, index) => index !== person) } : form;
  const problem = validated.ok ? memberProblem(context, asCollected, slot, validated.value, now) : validated;
  if (!validated.ok || problem !== null) {
    const failure = problem ?? (validated.ok ? null : validated);
    const reason = failure ? say(context.content, failure.messageId, failure.values ?? {}) : '';
    const again = askFix(context, { ...form, fix: { step: 'value', person, field } });
    return { ...again, texts: [reason, ...again.texts] };
  }
  const changed = { ...withValue(form, person, field, validated.value), fix: null };
  const text = say(context.content, 'engine.fix.changed', { person: changedPersonLabel(context, changed, person, field), field: fieldLabel(context, field), value: maskedValue(field, validated.value) });
  return steps.after(changed, [text]);
}

/** The relative a message names when no one of that kind is in the form (added, or being collected). */
function absentRelative(form: FormState, entities: readonly Entity[]): Relationship | null {
  const relationship = entities.find((entity) => entity.kind === 'relationship' && entity.role !== 'applicant');
  if (relationship?.kind !== 'relationship' || relationship.match.kind !== 'eligible') return null;
  const wanted = relationship.match.relationship;
  return form.current.relationship === wanted || form.members.some((member) => member.relationship === wanted) ? null : wanted;
}

/** At most this many characters differ between a value on file and the one typed to put a slip right, by field. */
const SLIP_CHARACTERS: Partial<Record<EditableField, number>> = { idNumber: 5, name: 1 };

/**
 * "身份证号生日那几位打错了，应该是620502199804130262" naming no one: an ID number a slip away from exactly one
 * person's on file (a few characters differ, the rest as typed before) puts that one right; two family members' numbers
 * differ in their birth dates and more. A name likewise ("打错字，名字系黄晓琳" with 黄小琳 and 黄志明 on file): one
 * character of the same length differs from the name mistyped, while another family member's name differs in more.
 * Phone numbers are not guessed so: a family's numbers often differ in a digit or two, and a new number may be nothing
 * like the old one. Otherwise everyone who could be meant stays to be asked.
 */
function slippedFrom(form: FormState, people: Person[], field: EditableField, given: string | null): Person[] {
  const allowed = SLIP_CHARACTERS[field];
  if (given === null || allowed === undefined) return people;
  const typed = [...(field === 'idNumber' ? given.replace(/[^\dXx]/g, '') : given).toUpperCase()];
  const slipped = people.filter((person) => {
    const held = [...(valueOf(form, person, field) ?? '').toUpperCase()];
    if (held.length !== typed.length || held.join('') === typed.join('')) return false;
    const differing = held.filter((character, index) => character !== typed[index]).length;
    return differing <= allowed;
  });
  return slipped.length === 1 ? slipped : people;
}

/** Whose the new value is by the words around it ("她的…是139…": a member's), when they say. */
function roleOfValue(reading: FixReading, field: EditableField): 'applicant' | 'member' | null {
  const kind = field === 'name' ? 'name' : field;
  const entity = reading.entities.find((candidate) => candidate.kind === kind);
  return entity !== undefined && 'role' in entity && entity.kind !== 'relationship' ? entity.role : null;
}

/** Digits typed as a number that is neither a phone nor an ID number: "是1390531000" (one digit short). */
const strayNumber = /\d[\d\s-]{3,}\d[xX]?/;

function valueIn(reading: FixReading, field: EditableField): string | null {
  const kind = field === 'name' ? 'name' : field;
  const entity = reading.entities.find((candidate) => candidate.kind === kind);
  // A number too short or too long for the field is still the value meant: checked, its fault is explained.
  if (!entity) return field === 'name' || reading.entities.some((candidate) => candidate.kind === 'idNumber' || candidate.kind === 'phone') ? null : (reading.text.match(strayNumber)?.[0] ?? null);
  return entity.kind === 'name' ? entity.value : 'raw' in entity ? entity.raw : null;
}

function filledFields(form: FormState, person: Person): EditableField[] {
  return editableFields.filter((field) => valueOf(form, person, field) !== undefined);
}

/** One button per field and person: 我本人的手机号, 母亲王淑珍的身份证号… */
function fieldButtons(context: EngineContext, form: FormState): { label: string; person: Person; field: EditableField }[] {
  return peopleOf(form).flatMap((person) =>
    filledFields(form, person).map((field) => ({
      label: say(context.content, 'engine.fix.button', { person: personButton(context, form, person), field: fieldLabel(context, field) }),
      person,
      field,
    })),
  );
}
