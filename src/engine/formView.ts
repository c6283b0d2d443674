import type { Content } from '../content/schema.js';
import { maskIdNumber, maskPhone } from '../domain/index.js';
import { formProgress } from './formProgress.js';
import { bindingFlow } from './formSlots.js';
import { regionName, relationshipLabel } from './memberGuidance.js';
import type { FormState, FormView, Member, MemberDraft } from './state.js';

function memberView(content: Content, member: MemberDraft | Member): Record<string, string> {
  const view: Record<string, string> = {};
  if (member.relationship) view.relationship = relationshipLabel(content, member.relationship);
  if (member.name) view.name = member.name;
  if (member.idNumber) view.idNumber = maskIdNumber(member.idNumber);
  if (member.phone) view.phone = maskPhone(member.phone);
  return view;
}

/** The form as the API, logs and other audiences see it: every ID and phone number masked. */
export function formView(content: Content, form: FormState | null): FormView {
  if (form === null) return null;
  const slots: Record<string, string> = {};
  if (form.region) slots.region = regionName(content, form.region);
  if (form.applicant.name) slots['applicant.name'] = form.applicant.name;
  if (form.applicant.idNumber) slots['applicant.idNumber'] = maskIdNumber(form.applicant.idNumber);
  if (form.applicant.phone) slots['applicant.phone'] = maskPhone(form.applicant.phone);
  for (const [field, value] of Object.entries(memberView(content, form.current))) slots[`member.${field}`] = value;
  if (form.consent) slots.consent = 'yes';
  return {
    flowId: form.flowId,
    status: form.status,
    pending: form.pending,
    slots,
    members: form.members.map((member) => memberView(content, member)),
    applicationId: form.applicationId,
    issues: form.issues,
    progress: formProgress(content.flows.find((flow) => flow.id === form.flowId) ?? bindingFlow(content), form),
  };
}
