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

export const ApplicationRequestSchema = z.object({
  /** Region code (6 digits) where the applicant is insured. */
  region: z.string(),
  applicant: PersonSchema,
  members: z.array(MemberRequestSchema).min(1),
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

export interface BindingBackend {
  /** Files an application; the same idempotency key never creates two. */
  submit(request: ApplicationRequest, idempotencyKey: string): Promise<BackendOutcome<Application>>;
  get(applicationId: string): Promise<BackendOutcome<Application>>;
  /** Applications and current bindings of the applicant with this ID number. */
  listForApplicant(applicantIdNumber: string): Promise<BackendOutcome<{ applications: Application[]; bindings: Binding[] }>>;
  /** Ends the binding of one member. */
  unbind(applicantIdNumber: string, memberIdNumber: string, idempotencyKey: string): Promise<BackendOutcome<Binding>>;
}
