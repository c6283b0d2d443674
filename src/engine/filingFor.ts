import type { Relationship, SlotKey } from '../content/schema.js';
import { namesGrandparentCouple, relationshipThrough } from '../domain/index.js';
import type { Entity } from '../nlu/reading.js';
import type { EngineContext } from './engineContext.js';
import { relationshipLabel } from './memberGuidance.js';
import { say } from './render.js';
import type { FormState, Member } from './state.js';

type RelationshipEntity = Extract<Entity, { kind: 'relationship' }>;
/** The relative filed for, and the word the person named them by ("爷爷", which tells 奶奶 apart as their spouse). */
export type ApplicantRelative = { relationship: Relationship; word: string | null };

/**
 * The relative the person says they file for, who is then the applicant (whose account pays, whose details "您的"
 * asks for, who agrees to the pledge): named together with another relative to bind ("我替我爸办……要绑我妈",
 * `actsFor`), in any message of the form; or — in a form that already knows whom to bind and asks for the applicant's
 * details — named as the one it is done for ("我是替我爸办的", `doneFor`) when that is not a relative being bound.
 * Alone, "帮我妈办个共济" binds her. Null once the form is filed for someone.
 */
export function applicantRelative(form: FormState | null, entities: readonly Entity[]): ApplicantRelative | null {
  if (form !== null && form.applicantIs !== null) return null;
  const word = entities.find((entity): entity is RelationshipEntity => entity.kind === 'relationship' && (entity.actsFor === true || entity.doneFor === true));
  if (word === undefined || word.match.kind !== 'eligible') return null;
  const found = { relationship: word.match.relationship, word: word.match.word };
  if (word.actsFor === true) return found;
  if (form === null || form.pending === null || !form.pending.startsWith('applicant.')) return null;
  const toBind = [form.current.relationship, ...form.members.map((member) => member.relationship)].filter((relationship) => relationship !== undefined);
  return toBind.length > 0 && !toBind.includes(word.match.relationship) ? found : null;
}

/** The relative filed for as a form holds them. */
export function applicantOf(form: FormState): ApplicantRelative | null {
  return form.applicantIs === null ? null : { relationship: form.applicantIs, word: form.applicantWord };
}

/**
 * A message read for a form filed for `applicantIs`: that relative's own mentions go (they are the applicant, no one to
 * bind); details no other relative in the message owns are the applicant's ("我是替我爸办的，他叫李福贵"); each other
 * relative, named as the typist's, becomes the applicant's ("我妈" is my father's spouse) or is left to be asked. The
 * first text tells the person whose details "您的" now means and who must agree to the pledge.
 */
export function forApplicantRelative(context: EngineContext, applicantIs: ApplicantRelative, entities: readonly Entity[]): { entities: Entity[]; texts: string[] } {
  const texts = [say(context.content, 'engine.form.actsFor', { applicant: relationshipLabel(context.content, applicantIs.relationship) })];
  const othersNamed = entities.some((entity) => entity.kind === 'relationship' && !isRelative(entity, applicantIs));
  const kept = entities.flatMap((entity): Entity[] => {
    if (entity.kind === 'relationship') {
      if (isRelative(entity, applicantIs)) return [];
      // "我替我老婆办，要绑她爸": a relative owned by the one filed for (她, 他) is already theirs.
      if (entity.match.kind !== 'eligible' || entity.ownedBy !== undefined) return [entity];
      const through = throughApplicant(context, applicantIs, entity.match.relationship, entity.match.word);
      texts.push(through.text);
      return through.relationship === null ? [] : [{ ...entity, match: { kind: 'eligible', relationship: through.relationship, word: relationshipLabel(context.content, through.relationship) } }];
    }
    if (!isPersonFact(entity) || entity.role === 'applicant') return [entity];
    // "…给我妈绑上，我爸叫李福贵": a detail after the relative's own word is theirs, wherever it stands.
    const owner = ownerOf(entities, entity);
    return (owner === undefined ? !othersNamed : isRelative(owner, applicantIs)) ? [{ ...entity, role: 'applicant' }] : [entity];
  });
  // "要给我妈绑，我妈叫…": a relative named twice is told of once.
  return { entities: kept, texts: [...new Set(texts)] };
}

/**
 * What the form held before the person said they file for a relative was typed as their own: the relatives named
 * become the applicant's (a member who cannot be is kept, with the relationship to be asked again), and the
 * applicant's details, which were the typist's, are cleared and asked again.
 */
export function formForApplicantRelative(context: EngineContext, form: FormState, applicantIs: ApplicantRelative): { form: FormState; texts: string[] } {
  const texts: string[] = [];
  const applicant = relationshipLabel(context.content, applicantIs.relationship);
  const { relationship: named, ...rest } = form.current;
  // "帮我爸弄" first read as binding him, then "我爸让我帮他办，给我妈绑上": he applies, and is no one to bind.
  const current = named === undefined ? form.current : named === applicantIs.relationship ? rest : withRelationship(rest, throughApplicant(context, applicantIs, named), texts);
  const members: Member[] = [];
  const queued = [...form.queued];
  for (const member of form.members) {
    const through = throughApplicant(context, applicantIs, member.relationship);
    texts.push(through.text);
    if (through.relationship !== null) members.push({ ...member, relationship: through.relationship });
    else queued.push([{ slot: 'member.name', raw: member.name }, { slot: 'member.idNumber', raw: member.idNumber }, { slot: 'member.phone', raw: member.phone }]);
  }
  const typed = Object.values(form.applicant).some((value) => value !== undefined);
  if (typed) texts.push(say(context.content, 'engine.form.actsForCleared', { applicant }));
  const isApplicants = (slot: SlotKey) => slot.startsWith('applicant.');
  return {
    form: {
      ...form,
      applicantIs: applicantIs.relationship,
      applicantWord: applicantIs.word,
      applicant: {},
      current,
      members,
      queued,
      lastFilled: form.lastFilled.filter((slot) => !isApplicants(slot)),
      issues: form.issues.filter((issue) => !isApplicants(issue.slot)),
      attempts: Object.fromEntries(Object.entries(form.attempts).filter(([slot]) => !isApplicants(slot as SlotKey))),
    },
    texts,
  };
}

/**
 * Once filed for a relative, "我爸手机13700007777" — and, while the applicant's details are asked, "他身份证…" — give
 * the applicant's details, not a member's; the relative's word itself names no one to bind. The typist's other
 * relatives are the applicant's as in the first message: "就我妈一个" in a form filed for the father is his spouse,
 * already added, not a mother to add.
 */
export function applicantsWords(context: EngineContext, form: FormState, entities: readonly Entity[]): readonly Entity[] {
  const applicantIs = applicantOf(form);
  const asksApplicant = form.pending !== null && form.pending.startsWith('applicant.');
  if (applicantIs === null) return asksApplicant && nobodyElseSpokenOf(form, entities) ? entities.map((entity) => (isPersonFact(entity) && entity.role === 'member' ? { ...entity, role: 'applicant' } : entity)) : entities;
  return entities.flatMap((entity): Entity[] => {
    if (entity.kind === 'relationship' && isRelative(entity, applicantIs)) return [];
    // "再加他闺女": likewise in a later message.
    if (entity.kind === 'relationship' && entity.role !== 'applicant' && entity.match.kind === 'eligible' && entity.ownedBy === undefined) {
      const through = throughRelationship(applicantIs, entity.match.relationship, entity.match.word);
      return [through === null ? entity : { ...entity, match: { kind: 'eligible', relationship: through, word: relationshipLabel(context.content, through) } }];
    }
    if (!isPersonFact(entity) || entity.role !== 'member') return [entity];
    const owner = ownerOf(entities, entity);
    const applicants = owner === undefined ? asksApplicant : isRelative(owner, applicantIs);
    return [applicants ? { ...entity, role: 'applicant' } : entity];
  });
}

/** Who a relative the person named (by `word`, when known) is to the applicant. */
function throughRelationship(applicantIs: ApplicantRelative, relative: Relationship, word: string | null = null): Relationship | null {
  if (relative === applicantIs.relationship && word !== null && applicantIs.word !== null && namesGrandparentCouple(word, applicantIs.word)) return 'spouse';
  return relationshipThrough(applicantIs.relationship, relative);
}

/**
 * "她手机136…" typed while the applicant's phone is asked, by someone filing for another (a hospital's social worker:
 * "帮一个病人家属办……申请人叫冯慧敏"), in a form that knows no one to bind yet and a message that names no relative:
 * the pronoun can only mean the applicant, the one person spoken of — there is no one else it could be.
 */
function nobodyElseSpokenOf(form: FormState, entities: readonly Entity[]): boolean {
  return form.members.length === 0 && Object.keys(form.current).length === 0 && form.queued.length === 0 && !entities.some((entity) => entity.kind === 'relationship');
}

/** Who a relative the person named is to the applicant, with the sentence that says so (or asks). */
function throughApplicant(context: EngineContext, applicantIs: ApplicantRelative, relative: Relationship, word: string | null = null): { relationship: Relationship | null; text: string } {
  const relationship = throughRelationship(applicantIs, relative, word);
  // A grandparent couple is told of by the person's own words ("您的奶奶是您爷爷的配偶"): the label is the same for both.
  const couple = relative === applicantIs.relationship && relationship !== null;
  const applicant = couple && applicantIs.word !== null ? applicantIs.word : relationshipLabel(context.content, applicantIs.relationship);
  const named = couple && word !== null ? word : relationshipLabel(context.content, relative);
  if (relationship === null) return { relationship, text: say(context.content, 'engine.form.actsForAsk', { applicant, relative: named }) };
  const label = relationshipLabel(context.content, relationship);
  return { relationship, text: say(context.content, 'engine.form.actsForRelative', { applicant, relative: named, relationship: label }) };
}

function withRelationship(draft: Omit<FormState['current'], 'relationship'>, through: { relationship: Relationship | null; text: string }, texts: string[]): FormState['current'] {
  texts.push(through.text);
  return through.relationship === null ? draft : { ...draft, relationship: through.relationship };
}

/** The relationship word last named before a detail. */
function ownerOf(entities: readonly Entity[], detail: Entity): Entity | undefined {
  return entities.findLast((other) => other.kind === 'relationship' && other.end <= detail.start);
}

/** The applicant's own word ("我爷爷"): the same relationship, and not the other of a grandparent couple (奶奶). */
function isRelative(entity: Entity, applicantIs: ApplicantRelative): boolean {
  if (entity.kind !== 'relationship' || entity.match.kind !== 'eligible' || entity.match.relationship !== applicantIs.relationship) return false;
  return applicantIs.word === null || !namesGrandparentCouple(entity.match.word, applicantIs.word);
}

function isPersonFact(entity: Entity): entity is Extract<Entity, { kind: 'idNumber' | 'phone' | 'name' }> {
  return entity.kind === 'idNumber' || entity.kind === 'phone' || entity.kind === 'name';
}
