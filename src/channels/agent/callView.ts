import type { Content, SlotKey } from '../../content/schema.js';
import { maskIdNumber, maskPhone } from '../../domain/index.js';
import { bindingFlow } from '../../engine/formSlots.js';
import { memberAge, proofsText, regionName, relationshipLabel } from '../../engine/memberGuidance.js';
import { policyFor, type RegionPolicy } from '../../engine/policyFor.js';
import { renderRegionAnswer } from '../../engine/regionAnswers.js';
import { say } from '../../engine/render.js';
import type { ConversationState, FormState, Member, MemberDraft } from '../../engine/state.js';
import type { StoredSession } from '../../ports/sessionStore.js';
import { nextScriptLine } from './callScript.js';

const adultAge = 18;

export type FieldView = { slot: SlotKey; state: 'filled' | 'missing' | 'invalid'; value: string | null; reason: string | null; revealable: boolean };

type ProofItem = { documents: string[]; anyOf: boolean };

function field(form: FormState, slot: SlotKey, raw: string | undefined, shown: (value: string) => string = (value) => value): FieldView {
  const issue = form.issues.find((candidate) => candidate.slot === slot);
  const revealable = raw !== undefined && (slot.endsWith('.idNumber') || slot.endsWith('.phone'));
  if (raw !== undefined) return { slot, state: 'filled', value: shown(raw), reason: null, revealable };
  return issue ? { slot, state: 'invalid', value: null, reason: issue.message, revealable: false } : { slot, state: 'missing', value: null, reason: null, revealable: false };
}

/** The proofs to tick; null when the region has no sourced rule for this relationship (proofsNote says what then). */
function proofItems(policy: RegionPolicy, member: Pick<Member, 'relationship' | 'idNumber'>, now: Date): ProofItem[] | null {
  const age = memberAge(member, now);
  const minor = age !== null && age < adultAge;
  const listed = policy.relationships[member.relationship].proofs;
  if (listed === null) return null;
  return listed
    .filter((proof) => proof.when === 'always' || (proof.when === 'minor' && minor) || (proof.when === 'adult' && !minor))
    .map((proof) => ({ documents: proof.documents, anyOf: proof.anyOf }));
}

function memberView(content: Content, policy: RegionPolicy, member: Member, index: number, now: Date) {
  const age = memberAge(member, now);
  return {
    index,
    relationship: relationshipLabel(content, member.relationship),
    name: member.name,
    idNumber: maskIdNumber(member.idNumber),
    phone: maskPhone(member.phone),
    age,
    proofs: proofItems(policy, member, now) ?? [],
    /** The proofs in words, as the chat says them (also what applies when there is nothing to tick). */
    proofsNote: proofsText(content, policy, member, now),
    faceAuth: age !== null && age >= policy.faceAuthAge,
  };
}

function currentView(content: Content, form: FormState) {
  const current: MemberDraft = form.current;
  return {
    relationship: field(form, 'member.relationship', current.relationship, (relationship) => relationshipLabel(content, relationship)),
    name: field(form, 'member.name', current.name),
    idNumber: field(form, 'member.idNumber', current.idNumber, maskIdNumber),
    phone: field(form, 'member.phone', current.phone, maskPhone),
  };
}

function limits(content: Content, policy: RegionPolicy, form: FormState | null) {
  const members = form?.members ?? [];
  const relationships = (Object.entries(policy.relationships) as [string, RegionPolicy['relationships'][keyof RegionPolicy['relationships']]][])
    .filter(([, rule]) => rule.allowed)
    .map(([relationship, rule]) => {
      const used = members.filter((member) => member.relationship === relationship).length;
      return { relationship: relationshipLabel(content, relationship), max: rule.max ?? null, left: rule.max === undefined ? null : Math.max(0, rule.max - used) };
    });
  return {
    relationships,
    total: policy.totalLimit === null ? null : { max: policy.totalLimit, left: Math.max(0, policy.totalLimit - members.length) },
    lifetime: policy.lifetimeLimit,
  };
}

/** Everything the agent's workspace shows of a call, IDs and phones masked (revealing one is a separate, audited request). */
export function callView(content: Content, session: StoredSession, state: ConversationState, now: Date) {
  const form = state.form;
  const region = form?.region ?? state.region;
  const policy = policyFor(content, region);
  const regionLabel = regionName(content, region, policy);
  const relationship = form?.current.relationship;
  const script = nextScriptLine(content, state, {
    region: regionLabel,
    relationship: relationship ? relationshipLabel(content, relationship) : say(content, 'engine.member.defaultLabel'),
    applicantName: form?.applicant.name ?? '',
    memberName: form?.current.name ?? '',
    recordNumber: form?.recordNumber ?? '',
    pledge: policy.pledgeName,
    hotline: policy.hotlines[0] ?? '12393',
  });
  return {
    id: session.id,
    region: { code: region, name: regionLabel },
    script,
    form:
      form === null
        ? null
        : {
            status: form.status,
            pending: form.pending,
            applicant: {
              name: field(form, 'applicant.name', form.applicant.name),
              idNumber: field(form, 'applicant.idNumber', form.applicant.idNumber, maskIdNumber),
              phone: field(form, 'applicant.phone', form.applicant.phone, maskPhone),
            },
            current: currentView(content, form),
            members: form.members.map((member, index) => memberView(content, policy, member, index, now)),
            consent: form.consentRecord,
            recordNumber: form.recordNumber,
          },
    limits: limits(content, policy, form),
    policy: {
      name: policy.name,
      channels: policy.channels.map((channel) => ({ name: channel.name, path: channel.path })),
      review: renderRegionAnswer(content, 'review', region ?? null, { text: '' }).text,
      crossRegion: renderRegionAnswer(content, 'cross_region', region ?? null, { text: '' }).text,
      notes: policy.notes.map((note) => note.text),
      hotlines: policy.hotlines,
      faceAuthAge: policy.faceAuthAge,
      pledgeName: policy.pledgeName,
    },
    pledge: { title: bindingFlow(content).consent.title, text: bindingFlow(content).consent.text.trim() },
    transcript: session.transcript.slice(-10),
  };
}
