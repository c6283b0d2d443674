import { z } from 'zod';

/**
 * Questions the assistant did not answer confidently, for editors to teach it (docs/events.md): masked before they
 * are stored, counted per day and region, kept INBOX_RETENTION_DAYS. `key` is the question as the understanding
 * reads it (normalised, people and places as marks), so "我妈能绑吗" from two people is one question.
 */
export const InboxOutcomeSchema = z.enum(['clarify', 'fallback', 'refused']);
export type InboxOutcome = z.infer<typeof InboxOutcomeSchema>;

export const NewInboxQuestionSchema = z.object({ key: z.string().min(1), question: z.string().min(1), region: z.string().nullable(), outcome: InboxOutcomeSchema, at: z.date() });
export type NewInboxQuestion = z.infer<typeof NewInboxQuestionSchema>;

/** What an editor did with a question: made it an example of an intent or an FAQ entry in a draft, started a new FAQ entry, or set it aside. */
export const InboxResolutionSchema = z.object({
  action: z.enum(['example', 'new-faq', 'dismissed']),
  /** The label it became an example of (an intent, a refusal class, or an FAQ entry id), or the new entry's id. */
  target: z.string().nullable(),
  /** The draft it went into. */
  draftId: z.string().nullable(),
  staffId: z.string(),
  at: z.string(),
});
export type InboxResolution = z.infer<typeof InboxResolutionSchema>;

/** One question over the days asked: how often, where, how it was answered, the latest masked wording. */
export const InboxQuestionSchema = z.object({
  key: z.string(),
  question: z.string(),
  count: z.number().int(),
  /** Region code (or "" for none) → count. */
  regions: z.record(z.string(), z.number().int()),
  outcomes: z.record(z.string(), z.number().int()),
  lastAt: z.string(),
  resolution: InboxResolutionSchema.nullable(),
});
export type InboxQuestion = z.infer<typeof InboxQuestionSchema>;

export type InboxQuery = { since: Date; region?: string; /** Include questions already resolved (default: only open ones). */ resolved?: boolean; limit?: number };

export interface Inbox {
  record(question: NewInboxQuestion): Promise<void>;
  /** Questions asked at or after `since` (in the region, when given), most asked first. */
  list(query: InboxQuery): Promise<InboxQuestion[]>;
  /** Records what an editor did with these questions; they leave the open list. */
  resolve(keys: readonly string[], resolution: InboxResolution): Promise<void>;
  /** Drops what was asked before `cutoff` (INBOX_RETENTION_DAYS), and resolutions of questions no longer held; returns how many day rows went. */
  prune(cutoff: Date): Promise<number>;
}

/** The region key of a count: "" for a conversation whose region was not known. */
export const noRegion = '';
