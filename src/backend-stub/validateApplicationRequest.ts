import { formatContentPath } from '../content/formatContentPath.js';
import { parseIdNumber, parsePersonName, parsePhone, regionLineage } from '../domain/index.js';
import { ApplicationRequestSchema, type ApplicationRequest, type MemberRequestSchema, type PersonSchema } from '../ports/bindingBackend.js';
import type { z } from 'zod';
import type { BackendErrorCode } from './backendErrorCodes.js';

/** Whose field a problem is in: the subject the message starts with. */
export type ProblemSubject = { role: 'applicant'; name: string } | { role: 'member'; index: number; name: string };

/** Why a request cannot even be reviewed; nothing is written. `detailId` names a validation message that explains more. */
export type RequestProblem = {
  code: Extract<BackendErrorCode, 'invalid_request' | 'invalid_id_number' | 'invalid_name' | 'invalid_phone' | 'unknown_region'>;
  field: string;
  subject?: ProblemSubject;
  detailId?: string;
};

/**
 * Checks the shape, the region and every name, ID number and phone number, and returns the request with each
 * value normalised (18-character ID with upper-case X, 11-digit phone), so equal requests compare equal.
 */
export function validateApplicationRequest(raw: unknown, today: Date): { ok: true; value: ApplicationRequest } | { ok: false; problem: RequestProblem } {
  const shaped = ApplicationRequestSchema.safeParse(raw);
  if (!shaped.success) {
    const issue = shaped.error.issues[0];
    return { ok: false, problem: { code: 'invalid_request', field: issue ? formatContentPath(issue.path) || '(body)' : '(body)' } };
  }
  const { region, applicant, members, consent } = shaped.data;
  if (!isKnownRegion(region)) return { ok: false, problem: { code: 'unknown_region', field: 'region' } };

  const normalisedApplicant = normalisePerson(applicant, 'applicant', today, { role: 'applicant', name: applicant.name });
  if (!normalisedApplicant.ok) return normalisedApplicant;
  const normalisedMembers: ApplicationRequest['members'] = [];
  for (const [index, member] of members.entries()) {
    const normalised = normalisePerson(member, `members[${index}]`, today, { role: 'member', index, name: member.name });
    if (!normalised.ok) return normalised;
    normalisedMembers.push({ ...normalised.value, relationship: member.relationship });
  }
  return { ok: true, value: { region, applicant: normalisedApplicant.value, members: normalisedMembers, ...(consent ? { consent } : {}) } };
}

/** A 6-digit code the region table knows, or a district of a city or province it knows. */
export function isKnownRegion(code: string): boolean {
  return /^\d{6}$/.test(code) && regionLineage(code).length > 1;
}

type Person = z.infer<typeof PersonSchema> | z.infer<typeof MemberRequestSchema>;

function normalisePerson(
  person: Person,
  path: string,
  today: Date,
  subject: ProblemSubject,
): { ok: true; value: z.infer<typeof PersonSchema> } | { ok: false; problem: RequestProblem } {
  const name = parsePersonName(person.name);
  const named = { ...subject, name: name.ok ? name.value : '' };
  if (!name.ok) return { ok: false, problem: { code: 'invalid_name', field: `${path}.name`, subject: named, detailId: `validation.personName.${name.problem}` } };
  const idNumber = parseIdNumber(person.idNumber, today);
  if (!idNumber.ok) {
    return { ok: false, problem: { code: 'invalid_id_number', field: `${path}.idNumber`, subject: named, detailId: `validation.idNumber.${idNumber.problem}` } };
  }
  const phone = parsePhone(person.phone);
  if (!phone.ok) return { ok: false, problem: { code: 'invalid_phone', field: `${path}.phone`, subject: named, detailId: `validation.phone.${phone.problem}` } };
  return { ok: true, value: { name: name.value, idNumber: idNumber.value.value, phone: phone.value } };
}
