import { z } from 'zod';
import { RelationshipSchema } from '../content/schema.js';

/**
 * The insurance back end as the assistant sees it. The stub in src/backend-stub speaks this over HTTP;
 * a real back end can replace it behind the same port.
 */

export const PersonSchema = z.object({
  name: z.string(),
  idNumber: z.string(),
  phone: z.string(),
});

export const MemberRequestSchema = PersonSchema.extend({
  relationship: RelationshipSchema,
});

/**
 * How the applicant agreed to the 承诺书: online (read and accepted in the chat) or by phone (read aloud by a
 * hotline agent, whose staff id is kept), when, and which text (the flow and the content version it was read from).
 */
export const ConsentRecordSchema = z.object({
  channel: z.enum(['online', 'phone']),
  givenAt: z.string(),
  readBy: z.string().nullable(),
  pledgeVersion: z.string(),
});
export type ConsentRecord = z.infer<typeof ConsentRecordSchema>;

export const ApplicationRequestSchema = z.object({
  /** Region code (6 digits) where the applicant is insured. */
  region: z.string(),
  applicant: PersonSchema,
  members: z.array(MemberRequestSchema).min(1),
  consent: ConsentRecordSchema.optional(),
});
export type ApplicationRequest = z.infer<typeof ApplicationRequestSchema>;

export const ApplicationStatusSchema = z.enum(['submitted', 'under_review', 'approved', 'rejected', 'cancelled']);
export type ApplicationStatus = z.infer<typeof ApplicationStatusSchema>;

export const RejectionSchema = z.object({
  /** Stable code; the assistant words it from prompts/messages (backend.rejection.<code>). */
  code: z.string(),
  message: z.string(),
  /** Index into members when one member caused it. */
  memberIndex: z.number().int().optional(),
});
export type Rejection = z.infer<typeof RejectionSchema>;

export const ApplicationSchema = z.object({
  id: z.string(),
  /** Authorization record number shown to the person, e.g. GJ2102002026112200001. */
  recordNumber: z.string(),
  status: ApplicationStatusSchema,
  rejection: RejectionSchema.nullable(),
  region: z.string(),
  applicant: PersonSchema,
  members: z.array(MemberRequestSchema),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** When the review decides (ISO), while submitted/under_review. */
  decidesAt: z.string().nullable(),
  consent: ConsentRecordSchema.optional(),
});
export type Application = z.infer<typeof ApplicationSchema>;

export const BindingSchema = z.object({
  applicationId: z.string(),
  recordNumber: z.string(),
  member: MemberRequestSchema,
  since: z.string(),
});
export type Binding = z.infer<typeof BindingSchema>;

/** Expected outcomes of a call: the back end answered, refused, or could not be reached. */
export type BackendOutcome<T> =
  | { ok: true; value: T }
  | { ok: false; kind: 'refused'; status: number; code: string; message: string }
  | { ok: false; kind: 'unavailable'; message: string };

/** Whose records a code is asked for: an applicant's ID number, or the record number of one of their applications. */
export const CodeSubjectSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('idNumber'), value: z.string() }),
  z.object({ kind: z.literal('recordNumber'), value: z.string() }),
]);
export type CodeSubject = z.infer<typeof CodeSubjectSchema>;

/**
 * Who asks for a code, for the back end's caps and lockouts: a chat session (or a staff member's call) and the
 * network address it came from. A stranger's failures count against the stranger, never against the owner.
 */
export const RequesterSchema = z.object({ session: z.string().min(1).max(200), address: z.string().min(1).max(100) });
export type Requester = z.infer<typeof RequesterSchema>;

/** A code was sent to the phone on file — or there is no such record; the answer is the same either way. */
export const CodeRequestedSchema = z.object({ expiresAt: z.string(), resendAfter: z.string() });
export type CodeRequested = z.infer<typeof CodeRequestedSchema>;

/** Proof that the caller controls the applicant's phone: short-lived, accepted by the status and unbind calls. */
export const GrantSchema = z.object({ grant: z.string(), expiresAt: z.string() });
export type Grant = z.infer<typeof GrantSchema>;

/** How a call shows it may see an applicant's records: a grant from a verified code, or the key the caller filed with. */
export type Access = { grant: string } | { filingKey: string };

export interface BindingBackend {
  /** Files an application; the same idempotency key never creates two. */
  submit(request: ApplicationRequest, idempotencyKey: string): Promise<BackendOutcome<Application>>;
  get(applicationId: string, access: Access): Promise<BackendOutcome<Application>>;
  /** Applications and current bindings of the applicant with this ID number. */
  listForApplicant(applicantIdNumber: string, access: Access): Promise<BackendOutcome<{ applications: Application[]; bindings: Binding[] }>>;
  /** One application by its record number (the status key a person keeps). */
  findByRecordNumber(recordNumber: string, access: Access): Promise<BackendOutcome<Application>>;
  /** Ends the binding of one member. */
  unbind(applicantIdNumber: string, memberIdNumber: string, idempotencyKey: string, access: Access): Promise<BackendOutcome<Binding>>;
  /** Sends a 6-digit code to the phone on file for the subject, if there is one (the answer never says). */
  requestCode(subject: CodeSubject, requester: Requester): Promise<BackendOutcome<CodeRequested>>;
  /** Checks a code; a right one gives a grant for the subject's applicant. */
  verifyCode(subject: CodeSubject, code: string, requester: Requester): Promise<BackendOutcome<Grant>>;
}
