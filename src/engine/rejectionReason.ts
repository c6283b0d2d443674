import type { Application } from '../ports/bindingBackend.js';
import type { EngineContext } from './engineContext.js';
import { relationshipLabel } from './memberGuidance.js';
import { policyFor } from './policyFor.js';
import { say } from './render.js';

/**
 * Why an application was rejected, in plain words: whom it concerns, the region's rule behind it (from the policy,
 * read through policyFor), and what to do next (backend.rejection.<code>). All wording is the editors' (prompts/).
 */
export function rejectionReason(context: EngineContext, application: Application): string {
  const rejection = application.rejection;
  if (!rejection) return '';
  const { content } = context;
  const policy = policyFor(content, application.region);
  const member = rejection.memberIndex === undefined ? undefined : application.members[rejection.memberIndex];
  const values = { hotline: policy.hotlines[0] ?? '12393', region: policy.name };
  const subject = member
    ? say(content, 'engine.rejection.subject', { person: say(content, 'engine.person.member', { relationship: relationshipLabel(content, member.relationship), name: member.name }) })
    : '';
  const rule = ruleBehind(context, rejection.code, policy, member?.relationship);
  return `${subject}${rule}${say(content, `backend.rejection.${rejection.code}`, values)}`;
}

function ruleBehind(context: EngineContext, code: string, policy: ReturnType<typeof policyFor>, relationship: string | undefined): string {
  const { content } = context;
  const region = policy.name;
  switch (code) {
    case 'member_outside_area':
      return say(content, `engine.rule.insuredArea.${policy.insuredArea}`, { region });
    case 'applicant_other_region':
      return say(content, 'engine.rule.applicantRegion', { region });
    case 'relationship_not_allowed': {
      const reason = relationship ? policy.relationships[relationship as keyof typeof policy.relationships]?.reason : undefined;
      return reason ? `${reason}` : '';
    }
    case 'total_limit':
      return policy.totalLimit === null ? '' : say(content, 'engine.rule.totalLimit', { region, max: String(policy.totalLimit) });
    default:
      return '';
  }
}
