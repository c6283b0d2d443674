import type { Content, Flow, Slot, SlotKey } from '../content/schema.js';
import type { FormState, Member } from './state.js';

export const memberFields = ['relationship', 'name', 'idNumber', 'phone'] as const;
type MemberField = (typeof memberFields)[number];

/** Slots answered by yes/no at their own stage rather than collected in order. */
const stageSlots: readonly SlotKey[] = ['consent', 'confirm'];

export function bindingFlow(content: Content): Flow {
  const flow = content.flows.find((candidate) => candidate.id === 'binding');
  if (!flow) throw new Error('content has no binding flow');
  return flow;
}

export function slotOf(flow: Flow, key: SlotKey): Slot {
  const slot = flow.slots.find((candidate) => candidate.key === key);
  if (!slot) throw new Error(`binding flow has no slot ${key}`);
  return slot;
}

export function newForm(flow: Flow, region: string | null): FormState {
  return {
    flowId: flow.id,
    status: 'collecting',
    pausedFrom: null,
    fix: null,
    asked: null,
    correctingFrom: null,
    pending: null,
    ...(region ? { region } : {}),
    applicant: {},
    members: [],
    current: {},
    queued: [],
    attempts: {},
    issues: [],
    lastFilled: [],
    consent: false,
    idempotencyKey: null,
    filingKey: null,
    applicationId: null,
    recordNumber: null,
    consentRecord: null,
    applicantIs: null,
    applicantWord: null,
    spokenOf: null,
  };
}

function memberField(key: SlotKey): MemberField | null {
  const [owner, field] = key.split('.');
  return owner === 'member' && (memberFields as readonly string[]).includes(field ?? '') ? (field as MemberField) : null;
}

export function slotValue(form: FormState, key: SlotKey): string | undefined {
  if (key === 'region') return form.region;
  if (key === 'consent') return form.consent ? 'yes' : undefined;
  if (key === 'confirm') return undefined;
  const field = memberField(key);
  if (field) return form.current[field];
  const applicantField = key.split('.')[1] as keyof FormState['applicant'];
  return form.applicant[applicantField];
}

export function withSlot(form: FormState, key: SlotKey, value: string | undefined): FormState {
  if (key === 'region') return { ...form, region: value };
  if (key === 'consent') return { ...form, consent: value === 'yes' };
  if (key === 'confirm') return form;
  const field = memberField(key);
  if (field) return { ...form, current: { ...form.current, [field]: value } };
  const applicantField = key.split('.')[1] as keyof FormState['applicant'];
  return { ...form, applicant: { ...form.applicant, [applicantField]: value } };
}

/** The first slot still missing, in the flow's order; null when the applicant and the current member are complete. */
export function nextSlot(flow: Flow, form: FormState): Slot | null {
  return flow.slots.find((slot) => !stageSlots.includes(slot.key) && !slot.optional && slotValue(form, slot.key) === undefined) ?? null;
}

export function completeMember(form: FormState): Member | null {
  const { relationship, name, idNumber, phone } = form.current;
  return relationship && name && idNumber && phone ? { relationship, name, idNumber, phone } : null;
}

export function isFormActive(form: FormState | null): form is FormState {
  return form !== null && ['collecting', 'adding', 'consent', 'confirming', 'paused'].includes(form.status);
}
