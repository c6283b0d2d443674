import type { RegionPolicy } from '../engine/policyFor.js';
import { regionLineage } from '../domain/index.js';
import type { ApplicationRequest } from '../ports/bindingBackend.js';
import type { StoredBinding } from './backendData.js';
import type { InsuranceRegistry } from './insuranceRegistry.js';
import type { RejectionCode } from './rejectionCodes.js';

export type ReviewDecision = { approved: true } | { approved: false; code: RejectionCode; memberIndex?: number };

export type ReviewContext = {
  policy: RegionPolicy;
  registry: InsuranceRegistry;
  /** Every binding the back end has made, ended ones included (they count towards a lifetime limit). */
  bindings: readonly StoredBinding[];
};

/**
 * The review of one application against the region's policy and the bindings that exist when it is decided.
 * The applicant is checked first, then each member in order; the first problem found decides.
 */
export function reviewApplication(request: ApplicationRequest, context: ReviewContext): ReviewDecision {
  const { policy, registry } = context;
  const applicantId = request.applicant.idNumber;
  const applicant = registry.lookup(applicantId, request.region);
  const current = context.bindings.filter((binding) => binding.endedAt === null);

  if (applicant.insurance === 'none') return { approved: false, code: 'applicant_not_insured' };
  if (applicant.insurance === 'resident') return { approved: false, code: 'applicant_resident_insurance' };
  if (applicant.balance <= 0) return { approved: false, code: 'applicant_zero_balance' };
  if (!regionLineage(applicant.insuredRegion).includes(request.region) && applicant.insuredRegion !== request.region) {
    return { approved: false, code: 'applicant_other_region' };
  }
  if (current.some((binding) => binding.member.idNumber === applicantId)) return { approved: false, code: 'applicant_is_bound' };

  const applicantCurrent = current.filter((binding) => binding.applicantIdNumber === applicantId);
  const everBound = new Set(context.bindings.filter((binding) => binding.applicantIdNumber === applicantId).map((binding) => binding.member.idNumber));

  for (const [memberIndex, member] of request.members.entries()) {
    const reject = (code: RejectionCode): ReviewDecision => ({ approved: false, code, memberIndex });
    const earlier = request.members.slice(0, memberIndex);
    const rule = policy.relationships[member.relationship];

    if (member.idNumber === applicantId) return reject('self_binding');
    if (earlier.some((other) => other.idNumber === member.idNumber)) return reject('duplicate_member');
    if (rule?.allowed !== true) return reject('relationship_not_allowed');

    const insured = registry.lookup(member.idNumber, applicant.insuredRegion);
    if (insured.insurance === 'none') return reject('member_not_insured');
    if (areaOf(insured.insuredRegion, policy.insuredArea) !== areaOf(applicant.insuredRegion, policy.insuredArea)) return reject('member_outside_area');
    if (current.some((binding) => binding.applicantIdNumber === member.idNumber)) return reject('member_is_authorizer');
    if (applicantCurrent.some((binding) => binding.member.idNumber === member.idNumber)) return reject('member_bound_by_you');
    if (policy.oneAuthorizerPerMember && current.some((binding) => binding.member.idNumber === member.idNumber)) return reject('member_already_bound');

    const sameRelationship = [...applicantCurrent.map((binding) => binding.member), ...earlier, member].filter((other) => other.relationship === member.relationship);
    if (rule.max !== undefined && sameRelationship.length > rule.max) return reject('relationship_limit');
    if (policy.totalLimit !== null && applicantCurrent.length + memberIndex + 1 > policy.totalLimit) return reject('total_limit');
    everBound.add(member.idNumber);
    if (policy.lifetimeLimit !== null && everBound.size > policy.lifetimeLimit) return reject('lifetime_limit');
  }
  return { approved: true };
}

/** 直辖市 are one 统筹区 however their districts are coded. */
const municipalityPrefixes = new Set(['11', '12', '31', '50']);

/** The 统筹区 (city) or province a region code belongs to, as a comparable key. */
function areaOf(code: string, level: RegionPolicy['insuredArea']): string {
  const province = code.slice(0, 2);
  return level === 'province' || municipalityPrefixes.has(province) ? province : code.slice(0, 4);
}
