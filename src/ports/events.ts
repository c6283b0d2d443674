import { z } from 'zod';

/**
 * What happened in conversations, for the editors' insights and the answer diff (docs/events.md). Recorded by the
 * runner at the edge from each step's outputs, never by the engine; nothing here names a person: questions are
 * masked before they reach a store, and a conversation appears only as a pseudonym.
 */

export const eventTypes = [
  /** One message of the person's, as it was read. */
  'turn',
  'form_started',
  'slot_filled',
  'slot_invalid',
  'slot_corrected',
  'consent_given',
  'confirmed',
  'filed',
  'queued',
  'filing_refused',
  'approved',
  'rejected',
  'form_cancelled',
  'handoff',
] as const;
export const EventTypeSchema = z.enum(eventTypes);
export type EventType = z.infer<typeof EventTypeSchema>;

/** How a message was answered: `flow` is an answer to the assistant's own question or a request it carried out. */
export const TurnOutcomeSchema = z.enum(['answered', 'clarify', 'fallback', 'refused', 'flow', 'handoff']);
export type TurnOutcome = z.infer<typeof TurnOutcomeSchema>;

export const RecordedEventSchema = z.object({
  /** ISO time. */
  at: z.string(),
  /** A pseudonym of the conversation (never its id, which opens it). */
  conversation: z.string(),
  /** Administrative code of the region the conversation is about, when known. */
  region: z.string().nullable(),
  type: EventTypeSchema,
  /** turn: the message, masked (ID and phone numbers, names), only when it asked something (not a form answer). */
  question: z.string().optional(),
  /** turn: the reading's strongest intent, its FAQ topic and entry, how sure, and what came of it. */
  intent: z.string().optional(),
  topic: z.string().optional(),
  faqId: z.string().optional(),
  confidence: z.number().optional(),
  outcome: TurnOutcomeSchema.optional(),
  /** turn: why it was refused (out_of_scope, fraud, private_data, injection). */
  refusal: z.string().optional(),
  /** Form steps: the slot key (applicant.phone, member.idNumber…). */
  slot: z.string().optional(),
  /** Member slots: which family member, 0 the first. */
  member: z.number().int().min(0).optional(),
  /** handoff: queued, hotline (no agent or outside hours), offered (after repeated invalid answers). */
  detail: z.string().optional(),
  /** Kept once per key: what the runner may learn more than once (a decision seen at every status query). */
  once: z.string().optional(),
});
export type RecordedEvent = z.infer<typeof RecordedEventSchema>;

/** Days are calendar days in China (UTC+8, no daylight saving), as YYYY-MM-DD; both ends included. */
export type EventQuery = { from: string; to: string; region?: string };

/**
 * Events counted per day and kind: what every insight is computed from, at a cost that follows the number of days
 * and kinds asked for, not the number of events. `member`: 0 for the first family member, 1 for any later one.
 */
export const EventCountSchema = z.object({
  day: z.string(),
  region: z.string().nullable(),
  type: EventTypeSchema,
  slot: z.string().nullable(),
  member: z.number().int().nullable(),
  outcome: TurnOutcomeSchema.nullable(),
  topic: z.string().nullable(),
  detail: z.string().nullable(),
  count: z.number().int(),
});
export type EventCount = z.infer<typeof EventCountSchema>;

/** A question people asked, masked, with how often and where (for the answer diff). */
export const AskedQuestionSchema = z.object({ question: z.string(), count: z.number().int(), regions: z.array(z.string()), lastAt: z.string() });
export type AskedQuestion = z.infer<typeof AskedQuestionSchema>;

export interface Events {
  /** Appends events; one whose `once` key is already stored is left out. */
  record(events: readonly RecordedEvent[]): Promise<void>;
  /** Counts per day, region and kind within the days asked (and the region, when given), in no particular order. */
  counts(query: EventQuery): Promise<EventCount[]>;
  /** Distinct questions asked at or after `since`, most asked first. */
  questions(query: { since: Date; limit?: number }): Promise<AskedQuestion[]>;
  /** Drops events from before `cutoff` (EVENTS_RETENTION_DAYS); returns how many. */
  prune(cutoff: Date): Promise<number>;
}

const chinaOffsetMs = 8 * 60 * 60 * 1000;

/** The calendar day in China of an instant, YYYY-MM-DD. */
export function chinaDay(at: Date | string): string {
  return new Date(new Date(at).getTime() + chinaOffsetMs).toISOString().slice(0, 10);
}

/** The grouping an event is counted under. */
export function countKeyOf(event: RecordedEvent): Omit<EventCount, 'count'> {
  return {
    day: chinaDay(event.at),
    region: event.region,
    type: event.type,
    slot: event.slot ?? null,
    member: event.member === undefined ? null : Math.min(event.member, 1),
    outcome: event.outcome ?? null,
    topic: event.topic ?? null,
    detail: event.detail ?? null,
  };
}
