import { z } from 'zod';
import { ApplicationSchema, BindingSchema } from '../ports/bindingBackend.js';

/** An application as the back end keeps it: what the API shows plus what idempotency and the review need. */
export const StoredApplicationSchema = ApplicationSchema.extend({
  /** Creation order; breaks ties between reviews due at the same moment. */
  sequence: z.number().int().positive(),
  idempotencyKey: z.string(),
  /** The normalised request, so a retry with the same key can be told from a different request. */
  fingerprint: z.string(),
  /** When the status moves from submitted to under_review; null once decided. */
  reviewStartsAt: z.string().nullable(),
});
export type StoredApplication = z.infer<typeof StoredApplicationSchema>;

export const StoredBindingSchema = BindingSchema.extend({
  applicantIdNumber: z.string(),
  /** When it was unbound; ended bindings stay for the lifetime limit and for idempotent unbinding. */
  endedAt: z.string().nullable(),
  unbindKey: z.string().nullable(),
});
export type StoredBinding = z.infer<typeof StoredBindingSchema>;

export const BackendDataSchema = z.object({
  version: z.literal(1),
  /** Whether the demo bindings were written once; they are never written again, even after being unbound. */
  seeded: z.boolean(),
  lastSequence: z.number().int().min(0),
  /** Last authorization record sequence per region and day (e.g. "21020020261122"). */
  recordSequences: z.record(z.string(), z.number().int().positive()),
  applications: z.array(StoredApplicationSchema),
  bindings: z.array(StoredBindingSchema),
});
export type BackendData = z.infer<typeof BackendDataSchema>;

export function emptyBackendData(): BackendData {
  return { version: 1, seeded: false, lastSequence: 0, recordSequences: {}, applications: [], bindings: [] };
}

/** Everything but the records: written with every change (a few bytes). */
export type BackendMeta = Pick<BackendData, 'version' | 'seeded' | 'lastSequence' | 'recordSequences'>;

export function metaOf(data: BackendData): BackendMeta {
  return { version: data.version, seeded: data.seeded, lastSequence: data.lastSequence, recordSequences: data.recordSequences };
}

/** What one change wrote: the meta and only the records it created or changed. */
export type BackendChange = { meta: BackendMeta; applications: StoredApplication[]; bindings: StoredBinding[] };
