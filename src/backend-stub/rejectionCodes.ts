/**
 * Why a review rejects an application. Stable: the assistant words each as backend.rejection.<code>
 * (prompts/messages/backend.yaml), and a real back end would be mapped onto the same codes.
 */
export const rejectionCodes = [
  'applicant_not_insured',
  'applicant_resident_insurance',
  'applicant_zero_balance',
  'applicant_other_region',
  'applicant_is_bound',
  'self_binding',
  'duplicate_member',
  'relationship_not_allowed',
  'member_not_insured',
  'member_outside_area',
  'member_is_authorizer',
  'member_bound_by_you',
  'member_already_bound',
  'relationship_limit',
  'total_limit',
  'lifetime_limit',
] as const;
export type RejectionCode = (typeof rejectionCodes)[number];
