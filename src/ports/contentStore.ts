import { z } from 'zod';

/** Who did something to content: a staff account (id and login), or `repository` for files read at start. */
export const ContentActorSchema = z.object({ id: z.string().min(1), login: z.string().min(1) });
export type ContentActor = z.infer<typeof ContentActorSchema>;

/**
 * One version of all content. Files are kept by the hash of their text (`blobs` in the record), so versions that
 * change one file out of seventy cost one file. Statuses: a `draft` is edited; `submitted` waits for approval;
 * `approved` waits for its publish time; `published` is live; `retired` was live before; `discarded` was dropped.
 */
export const ContentVersionSchema = z.object({
  number: z.number().int().positive(),
  status: z.enum(['draft', 'submitted', 'approved', 'published', 'retired', 'discarded']),
  /** Where it came from: files in the repository at start, an editor's draft, or a rollback. */
  origin: z.enum(['repository', 'editor', 'rollback']),
  /** The version it was drafted from (null for the first seed). */
  basedOn: z.number().int().positive().nullable(),
  /** Repository path (flows/…, prompts/…) → hash of its text. */
  files: z.record(z.string(), z.string()),
  author: ContentActorSchema,
  /** Everyone who changed the draft: none of them may approve it. */
  editors: z.array(ContentActorSchema),
  message: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  submittedAt: z.string().nullable(),
  approver: ContentActorSchema.nullable(),
  approvedAt: z.string().nullable(),
  /** When an approved version goes live (生效日); null: at approval. */
  publishAt: z.string().nullable(),
  publishedAt: z.string().nullable(),
  /** For a rollback: the version whose content it restores. */
  rollbackOf: z.number().int().positive().nullable(),
  /** Why an approver sent it back to draft, shown to its author. */
  returnNote: z.string().nullable(),
});
export type ContentVersion = z.infer<typeof ContentVersionSchema>;

export const ContentRecordSchema = z.object({
  versions: z.array(ContentVersionSchema),
  /** Hash → file text. */
  blobs: z.record(z.string(), z.string()),
  /** The live version. */
  published: z.number().int().positive().nullable(),
  /** The repository files last taken in at start (their hash), so the same files never come in twice. */
  repositoryHash: z.string().nullable(),
});
export type ContentRecord = z.infer<typeof ContentRecordSchema>;

export const emptyContentRecord = (): ContentRecord => ({ versions: [], blobs: {}, published: null, repositoryHash: null });

/**
 * Where content versions live (lowdb file or memory). The lifecycle (drafts, approval, publishing) is pure logic
 * over one record; the store only guarantees that every change is a read-modify-write of the record as stored
 * now, one at a time, also across processes sharing the store.
 */
export interface ContentStore {
  /** The record as stored now. */
  read(): Promise<ContentRecord>;
  /**
   * Applies `change` to the record as stored now and stores what it returns, unless it throws (then nothing is
   * stored and the error reaches the caller). Resolves to the change's result.
   */
  update<Result>(change: (record: ContentRecord) => { record: ContentRecord; result: Result }): Promise<Result>;
}
