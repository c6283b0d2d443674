import { checkPlausibility, parseIdNumber } from '../domain/index.js';
import type { SlotKey } from '../content/schema.js';
import type { EngineContext } from './engineContext.js';
import { regionName, relationshipLabel } from './memberGuidance.js';
import { policyFor } from './policyFor.js';
import type { FormState, Member } from './state.js';

/**
 * The region's limits, checked as soon as the relationship is known (before a name, ID or phone is asked): no more
 * of one relationship than the region allows, and no more members than its total.
 */
function limitProblem(context: EngineContext, form: FormState, relationship: Member['relationship']): { messageId: string; values: Record<string, string> } | null {
  const policy = policyFor(context.content, form.region);
  const rule = policy.relationships[relationship];
  const region = regionName(context.content, form.region, policy);
  const label = relationshipLabel(context.content, relationship);
  const same = form.members.filter((member) => member.relationship === relationship).length;
  if (rule.max !== undefined && same >= rule.max) return { messageId: 'engine.member.relationshipLimit', values: { relationship: label, max: String(rule.max), region } };
  if (policy.totalLimit !== null && form.members.length >= policy.totalLimit) return { messageId: 'engine.member.totalLimitReached', values: { max: String(policy.totalLimit), region } };
  return null;
}

/** Checks that need more than one slot: the member is not the applicant, not listed twice, and plausible by birth dates. */
export function memberProblem(context: EngineContext, form: FormState, slot: SlotKey, value: string, now: Date): { messageId: string; values?: Record<string, string> } | null {
  const memberId = slot === 'member.idNumber' ? value : form.current.idNumber;
  const applicantId = slot === 'applicant.idNumber' ? value : form.applicant.idNumber;
  const relationship = slot === 'member.relationship' ? value : form.current.relationship;
  if (slot !== 'member.idNumber' && slot !== 'member.relationship' && slot !== 'applicant.idNumber') return null;
  if (slot === 'member.relationship') {
    const limit = limitProblem(context, form, value as Member['relationship']);
    if (limit) return limit;
  }
  if (slot === 'applicant.idNumber' && form.members.some((member) => member.idNumber === value)) return { messageId: 'validation.plausibility.self' };
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

