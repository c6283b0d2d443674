import { z } from 'zod';
import { CallbackTicketSchema, HandoffSchema, type CallbackOutcome, type CallbackTicket, type Handoff, type HandoffAgent, type HoldOutcome, type NewCallback } from '../ports/handoffs.js';

/** Everything a Handoffs store holds, as one value: the memory and file stores apply the same changes to it. */
export const HandoffBookSchema = z.object({
  handoffs: z.array(HandoffSchema),
  tickets: z.array(CallbackTicketSchema),
  /** Agent id → when last seen. */
  presence: z.record(z.string(), z.string()),
  /** The last ticket number's running count. */
  ticketCount: z.number().int().min(0),
});
export type HandoffBook = z.infer<typeof HandoffBookSchema>;

export const emptyHandoffBook = (): HandoffBook => ({ handoffs: [], tickets: [], presence: {}, ticketCount: 0 });

const isOpen = (handoff: Handoff) => handoff.state !== 'closed';
const byArrival = (first: Handoff, second: Handoff) => first.enqueuedAt.localeCompare(second.enqueuedAt);

export function currentHandoff(book: HandoffBook, conversationId: string): Handoff | undefined {
  return book.handoffs.find((handoff) => handoff.conversationId === conversationId && isOpen(handoff));
}

export function waitingHandoffs(book: HandoffBook): Handoff[] {
  return book.handoffs.filter((handoff) => handoff.state === 'waiting').sort(byArrival);
}

export function heldHandoffs(book: HandoffBook): Handoff[] {
  return book.handoffs.filter((handoff) => handoff.state === 'claimed').sort((first, second) => (first.claimedAt ?? '').localeCompare(second.claimedAt ?? ''));
}

function placeOf(book: HandoffBook, handoff: Handoff): number {
  return handoff.state === 'waiting' ? waitingHandoffs(book).findIndex((candidate) => candidate.conversationId === handoff.conversationId) + 1 : 0;
}

export function enqueueHandoff(book: HandoffBook, request: { conversationId: string; region: string | null; at: Date }): { handoff: Handoff; place: number } {
  const existing = currentHandoff(book, request.conversationId);
  if (existing !== undefined) return { handoff: existing, place: placeOf(book, existing) };
  const handoff: Handoff = { conversationId: request.conversationId, region: request.region, state: 'waiting', enqueuedAt: request.at.toISOString(), agent: null, claimedAt: null, closedAt: null };
  // Closed handoffs of this conversation are kept no longer: the new one stands for it.
  book.handoffs = [...book.handoffs.filter((candidate) => candidate.conversationId !== request.conversationId), handoff];
  return { handoff, place: placeOf(book, handoff) };
}

/** Replaces the conversation's open handoff when `change` allows it; the outcome says why not otherwise. */
function change(book: HandoffBook, conversationId: string, update: (handoff: Handoff) => Handoff | 'taken'): HoldOutcome {
  const existing = currentHandoff(book, conversationId);
  if (existing === undefined) return { ok: false, reason: 'gone' };
  const updated = update(existing);
  if (updated === 'taken') return { ok: false, reason: 'taken' };
  book.handoffs = book.handoffs.map((handoff) => (handoff === existing ? updated : handoff));
  return { ok: true, handoff: updated };
}

export function claimHandoff(book: HandoffBook, conversationId: string, agent: HandoffAgent, at: Date): HoldOutcome {
  return change(book, conversationId, (handoff) => (handoff.state === 'waiting' ? { ...handoff, state: 'claimed', agent: { ...agent }, claimedAt: at.toISOString() } : 'taken'));
}

export function releaseHandoff(book: HandoffBook, conversationId: string, agentId: string): HoldOutcome {
  return change(book, conversationId, (handoff) => (handoff.agent?.id === agentId ? { ...handoff, state: 'waiting', agent: null, claimedAt: null } : 'taken'));
}

/** Closed takeovers kept for the wait estimate; older ones are dropped as new ones close. */
export const keptClosedHandoffs = 100;

const byClosing = (first: Handoff, second: Handoff) => (second.closedAt ?? '').localeCompare(first.closedAt ?? '');

export function handBackHandoff(book: HandoffBook, conversationId: string, agentId: string, at: Date): HoldOutcome {
  const outcome = change(book, conversationId, (handoff) => (handoff.agent?.id === agentId ? { ...handoff, state: 'closed', closedAt: at.toISOString() } : 'taken'));
  const closed = book.handoffs.filter((handoff) => !isOpen(handoff)).sort(byClosing);
  if (closed.length > keptClosedHandoffs) {
    const dropped = new Set(closed.slice(keptClosedHandoffs));
    book.handoffs = book.handoffs.filter((handoff) => !dropped.has(handoff));
  }
  return outcome;
}

export function recentlyClosedHandoffs(book: HandoffBook, limit: number): Handoff[] {
  return book.handoffs
    .filter((handoff) => handoff.state === 'closed' && handoff.claimedAt !== null)
    .sort(byClosing)
    .slice(0, Math.max(0, limit));
}

export function openCallbacks(book: HandoffBook): CallbackTicket[] {
  return book.tickets.filter((ticket) => ticket.closedAt === null);
}

/** Closed tickets are kept a while for the audit trail's sake, then dropped (the audit log has the action). */
export const keptClosedTickets = 500;

export function closeCallbackTicket(book: HandoffBook, ticketNumber: string, agentId: string, at: Date): CallbackOutcome {
  const existing = book.tickets.find((ticket) => ticket.ticketNumber === ticketNumber && ticket.closedAt === null);
  if (existing === undefined) return { ok: false, reason: 'gone' };
  const closed: CallbackTicket = { ...existing, closedAt: at.toISOString(), closedBy: agentId };
  const tickets = book.tickets.map((ticket) => (ticket === existing ? closed : ticket));
  const closedOnes = tickets.filter((ticket) => ticket.closedAt !== null);
  const dropped = new Set(closedOnes.slice(0, Math.max(0, closedOnes.length - keptClosedTickets)));
  book.tickets = tickets.filter((ticket) => !dropped.has(ticket));
  return { ok: true, ticket: closed };
}

/** Ticket numbers read aloud on the phone: the day in China (UTC+8, no daylight saving) and a running count, e.g. 20261130-0007. */
export function callbackTicketNumber(at: Date, count: number): string {
  const day = new Date(at.getTime() + 8 * 60 * 60 * 1000).toISOString().slice(0, 10).replaceAll('-', '');
  return `${day}-${String(count).padStart(4, '0')}`;
}

export function addCallbackTicket(book: HandoffBook, request: NewCallback, at: Date): CallbackTicket {
  book.ticketCount += 1;
  const ticket: CallbackTicket = {
    ...request,
    conversation: request.conversation ?? null,
    ticketNumber: callbackTicketNumber(at, book.ticketCount),
    createdAt: at.toISOString(),
    closedAt: null,
    closedBy: null,
  };
  book.tickets = [...book.tickets, ticket];
  return ticket;
}

export function presentAgentIds(book: HandoffBook, since: Date): string[] {
  return Object.entries(book.presence)
    .filter(([, seen]) => Date.parse(seen) >= since.getTime())
    .map(([agentId]) => agentId);
}
