import type { Flow, SlotKey } from '../content/schema.js';
import { checkPlausibility, maskIdNumber, maskPhone, parseIdNumber } from '../domain/index.js';
import type { Entity, Extraction, Role } from '../nlu/reading.js';
import type { Intent } from '../content/nluSchema.js';
import type { EngineContext } from './engineContext.js';
import { bindingFlow, completeMember, newForm, nextSlot, slotOf, slotValue, withSlot } from './formSlots.js';
import { memberGuidance, proofsText, regionName, relationshipChoices, relationshipLabel } from './memberGuidance.js';
import { policyFor } from './policyFor.js';
import { fillTemplate, say } from './render.js';
import type { ConsentRecord } from '../ports/bindingBackend.js';
import type { ConversationState, Effect, FormState, Member } from './state.js';
import { validate } from './validators.js';

/** What the form made of one turn: the new form, the words to say, and effects for the runner. */
export type FormTurn = {
  form: FormState;
  texts: string[];
  quickReplies?: string[];
  effects: Effect[];
  offeredHuman: boolean;
};

export type TurnReading = { text: string; extraction: Extraction; intents: readonly Intent[]; isQuestion: () => boolean };

export type Assignment = { slot: SlotKey; raw: string };

const nameSlots: readonly SlotKey[] = ['applicant.name', 'member.name'];
const idSlots: readonly SlotKey[] = ['applicant.idNumber', 'member.idNumber'];
const phoneSlots: readonly SlotKey[] = ['applicant.phone', 'member.phone'];

/** Starts a binding form, filling whatever the opening message already contains. */
export function startForm(context: EngineContext, state: ConversationState, reading: TurnReading, now: Date): FormTurn {
  const flow = bindingFlow(context.content);
  const form = newForm(flow, state.region);
  const intro = say(context.content, 'engine.form.started', { title: flow.title });
  const turn = collect(context, flow, form, reading, now, { fallbackToPending: () => false }) ?? askNext(context, flow, form, [], null);
  return { ...turn, texts: [intro, ...turn.texts] };
}

/** One turn of an active form; null when the message is not for the form (a question, a digression). */
export function continueForm(context: EngineContext, state: ConversationState, form: FormState, reading: TurnReading, now: Date): FormTurn | null {
  const flow = bindingFlow(context.content);
  const { extraction, intents } = reading;
  const yes = extraction.yesNo === 'yes';
  const no = extraction.yesNo === 'no';
  switch (form.status) {
    case 'collecting':
      return collect(context, flow, form, reading, now, { fallbackToPending: () => !reading.isQuestion() });
    case 'adding': {
      const mentionsMember = extraction.entities.some((entity) => entity.kind === 'relationship');
      const choice = reading.text.trim();
      if (choice === say(context.content, 'engine.quick.noMoreMembers')) return askConsent(context, flow, { ...form, status: 'consent' });
      const wantsMore = choice === say(context.content, 'engine.quick.addMember') || intents.includes('add_member');
      if (wantsMore || mentionsMember || (yes && !intents.includes('correction'))) {
        const next: FormState = { ...form, status: 'collecting', current: {}, pending: null };
        return collect(context, flow, next, reading, now, { fallbackToPending: () => false });
      }
      if (no) return askConsent(context, flow, { ...form, status: 'consent' });
      return hasAnswers(extraction) ? correctAndSummarise(context, flow, form, reading, now, 'adding') : null;
    }
    case 'consent':
      if (yes) return askConfirm(context, flow, { ...form, consent: true, consentRecord: consentRecord(context, flow, now, null), status: 'confirming' }, now);
      if (no) {
        return {
          form: { ...form, pending: 'consent' },
          texts: [say(context.content, 'engine.consent.required')],
          quickReplies: slotOf(flow, 'consent').quickReplies,
          effects: [],
          offeredHuman: false,
        };
      }
      return null;
    case 'confirming':
      if (hasAnswers(extraction)) return correctAndSummarise(context, flow, form, reading, now, 'confirming');
      if (yes) return submit(context, state, form);
      if (no || intents.includes('correction')) {
        return { form, texts: [say(context.content, 'engine.confirm.whatToChange')], effects: [], offeredHuman: false };
      }
      return null;
    default:
      return null;
  }
}

/** The question the form is waiting on, asked again after a digression. */
export function askPending(context: EngineContext, form: FormState, now: Date): FormTurn {
  const flow = bindingFlow(context.content);
  switch (form.status) {
    case 'adding':
      return askAddAnother(context, form, []);
    case 'consent':
      return { form, texts: [say(context.content, 'engine.form.backTo'), slotOf(flow, 'consent').prompt], quickReplies: slotOf(flow, 'consent').quickReplies, effects: [], offeredHuman: false };
    case 'confirming':
      return askConfirm(context, flow, form, now);
    default: {
      const turn = askNext(context, flow, form, [], null);
      return { ...turn, texts: [say(context.content, 'engine.form.backTo'), ...turn.texts] };
    }
  }
}

function hasAnswers(extraction: Extraction): boolean {
  return extraction.entities.some((entity) => isPersonFact(entity) || entity.kind === 'relationship');
}

function isPersonFact(entity: Entity): entity is Extract<Entity, { kind: 'idNumber' | 'phone' | 'name' }> {
  return entity.kind === 'idNumber' || entity.kind === 'phone' || entity.kind === 'name';
}

function collect(
  context: EngineContext,
  flow: Flow,
  form: FormState,
  reading: TurnReading,
  now: Date,
  /** Whether a message with nothing recognisable answers the pending question as typed (asked only when needed: it may rank FAQ). */
  options: { fallbackToPending: () => boolean },
): FormTurn | null {
  let assignments = assignEntities(form, reading.extraction.entities, reading.intents);
  if (assignments.length === 0 && form.pending && slotValue(form, form.pending) === undefined && options.fallbackToPending()) {
    assignments = [{ slot: form.pending, raw: reading.text }];
  }
  if (assignments.length === 0 && form.pending !== null) return null;
  const applied = applyAssignments(context, flow, form, assignments, now);
  return advance(context, flow, applied.form, applied.texts, applied.failedSlot, now);
}

/** During confirmation or the add-another question, a message with details corrects them and shows the summary again. */
function correctAndSummarise(context: EngineContext, flow: Flow, form: FormState, reading: TurnReading, now: Date, stage: 'adding' | 'confirming'): FormTurn {
  const target = correctionTarget(form, reading.extraction.entities);
  let working: FormState = target === null ? form : { ...form, current: { ...form.members[target] }, members: form.members.filter((_, index) => index !== target) };
  const assignments = assignEntities(working, reading.extraction.entities, ['correction'], true);
  const applied = applyAssignments(context, flow, working, assignments, now);
  working = applied.form;
  const member = completeMember(working);
  if (target !== null && member) {
    const members = [...working.members];
    members.splice(target, 0, member);
    working = { ...working, members, current: {} };
  }
  if (applied.failedSlot || (target !== null && !member)) {
    return advance(context, flow, { ...working, status: 'collecting' }, applied.texts, applied.failedSlot, now);
  }
  if (stage === 'adding') return askAddAnother(context, working, [...applied.texts, say(context.content, 'engine.form.corrected')]);
  const turn = askConfirm(context, flow, working, now);
  return { ...turn, texts: [...applied.texts, say(context.content, 'engine.form.corrected'), ...turn.texts] };
}

/** Which completed member a correction is about: the one whose relationship the message names, else the last one. */
function correctionTarget(form: FormState, entities: readonly Entity[]): number | null {
  if (form.members.length === 0) return null;
  const relationship = entities.find((entity) => entity.kind === 'relationship');
  const memberFacts = entities.some((entity) => isPersonFact(entity) && entity.role !== 'applicant');
  if (relationship?.kind === 'relationship' && relationship.match.kind === 'eligible') {
    const wanted = relationship.match.relationship;
    const index = form.members.findIndex((member) => member.relationship === wanted);
    if (index >= 0) return index;
  }
  return memberFacts && !entities.some((entity) => 'role' in entity && entity.role === 'applicant') ? form.members.length - 1 : null;
}

function assignEntities(form: FormState, entities: readonly Entity[], intents: readonly Intent[], overwrite = false): Assignment[] {
  const correcting = overwrite || intents.includes('correction');
  const assignments: Assignment[] = [];
  const taken = new Set<SlotKey>();
  const add = (slot: SlotKey | null, raw: string) => {
    if (slot === null || taken.has(slot)) return;
    taken.add(slot);
    assignments.push({ slot, raw });
  };
  const pick = (slots: readonly SlotKey[], role: Role): SlotKey | null => {
    if (role === 'applicant') return slots[0]!;
    if (role === 'member') return slots[1]!;
    if (form.pending && slots.includes(form.pending)) return form.pending;
    if (correcting) return [...form.lastFilled].reverse().find((slot) => slots.includes(slot)) ?? null;
    return slots.find((slot) => slotValue(form, slot) === undefined) ?? null;
  };
  for (const entity of entities) {
    switch (entity.kind) {
      case 'region':
        if (form.region === undefined || form.pending === 'region' || correcting) add('region', entity.name);
        break;
      case 'relationship':
        if (form.pending === 'member.relationship' || form.current.relationship === undefined || correcting) add('member.relationship', entity.match.word);
        break;
      case 'name': {
        const slot = entity.role === null && !(form.pending && nameSlots.includes(form.pending)) && !correcting ? null : pick(nameSlots, entity.role);
        add(slot, entity.value);
        break;
      }
      case 'idNumber':
        add(pick(idSlots, entity.role), entity.raw);
        break;
      case 'phone':
        add(pick(phoneSlots, entity.role), entity.raw);
        break;
    }
  }
  return assignments;
}

export function applyAssignments(context: EngineContext, flow: Flow, form: FormState, assignments: Assignment[], now: Date) {
  let working = form;
  const texts: string[] = [];
  let failedSlot: SlotKey | null = null;
  // Region first: which relationships are allowed depends on it.
  const ordered = [...assignments].sort((left, right) => Number(right.slot === 'region') - Number(left.slot === 'region'));
  for (const { slot, raw } of ordered) {
    const slotDefinition = slotOf(flow, slot);
    const validated = validate(slotDefinition.validator, raw, { content: context.content, now, region: working.region ?? null });
    const problem = validated.ok ? memberProblem(context, working, slot, validated.value, now) : validated;
    if (problem === null && validated.ok) {
      working = withSlot(working, slot, validated.value);
      working = {
        ...working,
        attempts: { ...working.attempts, [slot]: 0 },
        issues: working.issues.filter((issue) => issue.slot !== slot),
        lastFilled: [...working.lastFilled.filter((filled) => filled !== slot), slot],
      };
      continue;
    }
    const failure = problem ?? (validated.ok ? null : validated);
    if (!failure) continue;
    const message = say(context.content, failure.messageId, failure.values ?? {});
    texts.push(message);
    failedSlot = slot;
    working = {
      ...withSlot(working, slot, undefined),
      attempts: { ...working.attempts, [slot]: (working.attempts[slot] ?? 0) + 1 },
      issues: [...working.issues.filter((issue) => issue.slot !== slot), { slot, message }],
    };
  }
  return { form: working, texts, failedSlot };
}

/** Checks that need more than one slot: the member is not the applicant, not listed twice, and plausible by birth dates. */
function memberProblem(context: EngineContext, form: FormState, slot: SlotKey, value: string, now: Date): { messageId: string; values?: Record<string, string> } | null {
  const memberId = slot === 'member.idNumber' ? value : form.current.idNumber;
  const applicantId = slot === 'applicant.idNumber' ? value : form.applicant.idNumber;
  const relationship = slot === 'member.relationship' ? value : form.current.relationship;
  if (slot !== 'member.idNumber' && slot !== 'member.relationship' && slot !== 'applicant.idNumber') return null;
  if (slot === 'member.idNumber' && form.members.some((member) => member.idNumber === value)) return { messageId: 'engine.member.duplicate' };
  if (!memberId || !applicantId) return null;
  if (memberId === applicantId) return { messageId: 'validation.plausibility.self' };
  if (!relationship) return null;
  const member = parseIdNumber(memberId, now);
  const applicant = parseIdNumber(applicantId, now);
  if (!member.ok || !applicant.ok) return null;
  const plausible = checkPlausibility({ relationship: relationship as Member['relationship'], applicant: applicant.value, member: member.value, today: now });
  return plausible.ok ? null : { messageId: `validation.plausibility.${plausible.problem}`, values: { relationship: relationshipLabel(context.content, relationship) } };
}

/** After answers were applied: a finished member is checked against the region's limits, then the next question. */
export function advance(context: EngineContext, flow: Flow, form: FormState, texts: string[], failedSlot: SlotKey | null, now: Date): FormTurn {
  const member = completeMember(form);
  if (member === null) return askNext(context, flow, form, texts, failedSlot);
  const policy = policyFor(context.content, form.region);
  const rule = policy.relationships[member.relationship];
  const sameRelationship = form.members.filter((existing) => existing.relationship === member.relationship).length;
  const label = relationshipLabel(context.content, member.relationship);
  const region = regionName(context.content, form.region, policy);
  if (rule.max !== undefined && sameRelationship + 1 > rule.max) {
    const limited = { ...form, current: {}, status: 'collecting' as const };
    return askNext(context, flow, limited, [...texts, say(context.content, 'engine.member.relationshipLimit', { relationship: label, max: String(rule.max), region })], null);
  }
  if (policy.totalLimit !== null && form.members.length + 1 > policy.totalLimit) {
    const full = { ...form, current: {} };
    return askConsent(context, flow, { ...full, status: 'consent' }, [...texts, say(context.content, 'engine.member.totalLimit', { max: String(policy.totalLimit), region })]);
  }
  const added: FormState = { ...form, members: [...form.members, member], current: {}, issues: [] };
  return askAddAnother(context, added, [...texts, memberGuidance(context.content, policy, member, now)]);
}

function askNext(context: EngineContext, flow: Flow, form: FormState, texts: string[], failedSlot: SlotKey | null): FormTurn {
  const slot = nextSlot(flow, form);
  if (slot === null) return askAddAnother(context, form, texts);
  const attempts = form.attempts[slot.key] ?? 0;
  const retry = failedSlot === slot.key;
  const values = promptValues(context, form);
  if (retry && attempts >= slot.maxAttempts) {
    const offer = say(context.content, 'engine.form.offerHuman', { hotline: policyFor(context.content, form.region).hotlines[0] ?? '12393' });
    return {
      form: { ...form, status: 'collecting', pending: slot.key, attempts: { ...form.attempts, [slot.key]: 0 } },
      texts: [...texts, offer],
      quickReplies: [say(context.content, 'engine.quick.human'), say(context.content, 'engine.quick.continue')],
      effects: [],
      offeredHuman: true,
    };
  }
  const question = fillTemplate(retry ? slot.reprompt : slot.prompt, values);
  const quickReplies = slot.key === 'member.relationship' ? relationshipChoices(policyFor(context.content, form.region), slot.quickReplies) : slot.quickReplies;
  return {
    form: { ...form, status: 'collecting', pending: slot.key },
    texts: [...texts, question],
    ...(quickReplies.length > 0 ? { quickReplies } : {}),
    effects: [],
    offeredHuman: false,
  };
}

function promptValues(context: EngineContext, form: FormState): Record<string, string> {
  const relationship = form.current.relationship;
  return {
    region: regionName(context.content, form.region),
    'applicant.name': form.applicant.name ?? '',
    'member.relationship': relationship ? relationshipLabel(context.content, relationship) : say(context.content, 'engine.member.defaultLabel'),
    'member.name': form.current.name ?? '',
  };
}

function askAddAnother(context: EngineContext, form: FormState, texts: string[]): FormTurn {
  return {
    form: { ...form, status: 'adding', pending: null },
    texts: [...texts, say(context.content, 'engine.form.addAnother')],
    quickReplies: [say(context.content, 'engine.quick.addMember'), say(context.content, 'engine.quick.noMoreMembers')],
    effects: [],
    offeredHuman: false,
  };
}

function askConsent(context: EngineContext, flow: Flow, form: FormState, texts: string[] = []): FormTurn {
  const slot = slotOf(flow, 'consent');
  return {
    form: { ...form, status: 'consent', pending: 'consent' },
    texts: [...texts, `${flow.consent.title}\n${flow.consent.text.trim()}`, flow.consent.prompt],
    quickReplies: slot.quickReplies,
    effects: [],
    offeredHuman: false,
  };
}

/** The applicant's agreement to the 承诺书 as filed: online, or read aloud by the agent `readBy` on a call. */
export function consentRecord(context: EngineContext, flow: Flow, now: Date, readBy: string | null): ConsentRecord {
  return { channel: readBy === null ? 'online' : 'phone', givenAt: now.toISOString(), readBy, pledgeVersion: `${flow.id}@${context.content.version}` };
}

/** The summary with every ID and phone number masked. */
export function formSummary(context: EngineContext, flow: Flow, form: FormState, now: Date): string {
  const policy = policyFor(context.content, form.region);
  const members = form.members
    .map((member, index) =>
      fillTemplate(flow.memberSummaryTemplate, {
        index: String(index + 1),
        'member.relationship': relationshipLabel(context.content, member.relationship),
        'member.name': member.name,
        'member.idNumber': maskIdNumber(member.idNumber),
        'member.phone': maskPhone(member.phone),
        proofs: proofsText(context.content, policy, member, now),
      }),
    )
    .join('\n');
  return fillTemplate(flow.summaryTemplate, {
    region: regionName(context.content, form.region, policy),
    'applicant.name': form.applicant.name ?? '',
    'applicant.idNumber': form.applicant.idNumber ? maskIdNumber(form.applicant.idNumber) : '',
    'applicant.phone': form.applicant.phone ? maskPhone(form.applicant.phone) : '',
    members,
  });
}

export function askConfirm(context: EngineContext, flow: Flow, form: FormState, now: Date): FormTurn {
  const slot = slotOf(flow, 'confirm');
  return {
    form: { ...form, status: 'confirming', pending: 'confirm' },
    texts: [formSummary(context, flow, form, now), slot.prompt],
    quickReplies: slot.quickReplies,
    effects: [],
    offeredHuman: false,
  };
}

export function submit(context: EngineContext, state: ConversationState, form: FormState): FormTurn {
  const { name, idNumber, phone } = form.applicant;
  if (!name || !idNumber || !phone || !form.region || form.members.length === 0) {
    throw new Error('a form reached confirmation without its required slots');
  }
  // The turn number is committed together with the outbox entry under this key, so it never names two filings.
  const filingKey = form.filingKey ?? form.idempotencyKey ?? `${state.conversationId}-${state.turn}`;
  return {
    form: { ...form, status: 'submitting', pending: null, filingKey },
    texts: [say(context.content, 'engine.submit.sending')],
    effects: [
      {
        type: 'submit-application',
        idempotencyKey: filingKey,
        request: { region: form.region, applicant: { name, idNumber, phone }, members: form.members, ...(form.consentRecord ? { consent: form.consentRecord } : {}) },
      },
    ],
    offeredHuman: false,
  };
}
