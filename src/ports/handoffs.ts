import { z } from 'zod';

/** The signed-in staff member who holds a conversation; `name` is the display name the person sees, never the login. */
export const HandoffAgentSchema = z.object({ id: z.string(), name: z.string() });
export type HandoffAgent = z.infer<typeof HandoffAgentSchema>;

/** A conversation handed to people: waiting for an agent, held by one, or handed back (closed). */
export const HandoffSchema = z.object({
  conversationId: z.string(),
  region: z.string().nullable(),
  state: z.enum(['waiting', 'claimed', 'closed']),
  /** Kept through a release, so a conversation an agent lets go of keeps its place. */
  enqueuedAt: z.string(),
  agent: HandoffAgentSchema.nullable(),
  claimedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
});
export type Handoff = z.infer<typeof HandoffSchema>;

/**
 * What an agent who calls back needs of the conversation, kept with the ticket because the conversation itself may
 * expire before the call: its recent transcript and the form, both already masked.
 */
export const CallbackConversationSchema = z.object({
  transcript: z.array(z.object({ seq: z.number().int(), from: z.enum(['user', 'bot', 'agent']), text: z.string(), agentName: z.string().optional() })),
  /** The form as staff see it (FormView: every ID and phone number masked), null without one. */
  form: z.record(z.string(), z.unknown()).nullable(),
});
export type CallbackConversation = z.infer<typeof CallbackConversationSchema>;

/** A request to be called back, left when no agent could take the conversation; the ticket number is said to the person. */
export const CallbackTicketSchema = z.object({
  ticketNumber: z.string(),
  conversationId: z.string(),
  region: z.string().nullable(),
  /** As given (the person's own); every view masks it. */
  phone: z.string(),
  preferredTime: z.string(),
  createdAt: z.string(),
  /** Added later (tickets stored before read as none): the masked conversation when the ticket was left. */
  conversation: CallbackConversationSchema.nullable().default(null),
  /** Set once an agent has called back (or closed it); closed tickets leave the queue. */
  closedAt: z.string().nullable().default(null),
  closedBy: z.string().nullable().default(null),
});
export type CallbackTicket = z.infer<typeof CallbackTicketSchema>;

export type NewCallback = Omit<CallbackTicket, 'ticketNumber' | 'createdAt' | 'conversation' | 'closedAt' | 'closedBy'> & { conversation?: CallbackConversation | null };

export type CallbackOutcome = { ok: true; ticket: CallbackTicket } | { ok: false; reason: 'gone' };

/**
 * Where a person's conversation stands with the agents, as their widget shows it: waiting at a place (with an
 * estimate only when real handle times give one), held by an agent (their display name), or no longer with agents.
 */
export const QueueStatusSchema = z.discriminatedUnion('state', [
  z.object({ state: z.literal('waiting'), place: z.number().int().min(1), estimateMinutes: z.number().int().min(1).nullable() }),
  z.object({ state: z.literal('claimed'), agentName: z.string() }),
  z.object({ state: z.literal('closed') }),
]);
export type QueueStatus = z.infer<typeof QueueStatusSchema>;

/** `taken`: another agent holds it; `gone`: nobody is waiting with that conversation (handed back, or never queued). */
export type HoldOutcome = { ok: true; handoff: Handoff } | { ok: false; reason: 'taken' | 'gone' };

/**
 * The queue of conversations handed to hotline agents, their callback tickets and which agents are present. Every
 * change is atomic across processes sharing the store: two agents can never both claim one conversation.
 */
export interface Handoffs {
  /** Queues the conversation; while it is waiting or held, enqueuing it again changes nothing. `place` is 1-based, 0 when held. */
  enqueue(request: { conversationId: string; region: string | null; at: Date }): Promise<{ handoff: Handoff; place: number }>;
  /** The conversation's waiting or held handoff. */
  current(conversationId: string): Promise<Handoff | undefined>;
  /** Waiting conversations, first come first (a place is the index + 1). */
  waiting(): Promise<Handoff[]>;
  /** Conversations agents hold now, longest held first. */
  held(): Promise<Handoff[]>;
  claim(conversationId: string, agent: HandoffAgent, at: Date): Promise<HoldOutcome>;
  /** The holding agent lets go: the conversation waits again at its old place. */
  release(conversationId: string, agentId: string): Promise<HoldOutcome>;
  /** The holding agent gives the conversation back to the assistant. */
  handBack(conversationId: string, agentId: string, at: Date): Promise<HoldOutcome>;
  /** Files a callback request under a new ticket number (unique per store). */
  requestCallback(request: NewCallback, at: Date): Promise<CallbackTicket>;
  /** Open callback tickets (not yet closed), oldest first. */
  callbacks(): Promise<CallbackTicket[]>;
  /** An agent called back (or closed the ticket): it leaves the queue. `gone`: no open ticket with that number. */
  closeCallback(ticketNumber: string, agentId: string, at: Date): Promise<CallbackOutcome>;
  /**
   * Takeovers handed back, newest first, at most `limit` (stores keep at least the last 100): their claimedAt →
   * closedAt is what an agent took, the basis of the wait estimate people are given.
   */
  recentlyClosed(limit: number): Promise<Handoff[]>;
  /** An agent's console says it is there (on sign-in and while open). */
  markPresent(agentId: string, at: Date): Promise<void>;
  markAbsent(agentId: string): Promise<void>;
  /** Agents seen at or after `since`. */
  presentAgents(since: Date): Promise<string[]>;
}
