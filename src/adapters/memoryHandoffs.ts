import type { Handoffs } from '../ports/handoffs.js';
import { addCallbackTicket, claimHandoff, closeCallbackTicket, heldHandoffs, openCallbacks, recentlyClosedHandoffs, currentHandoff, emptyHandoffBook, enqueueHandoff, handBackHandoff, presentAgentIds, releaseHandoff, waitingHandoffs, type HandoffBook } from './handoffBook.js';

/** One process's queue (no persistence configured); each change runs whole before the next, so claims cannot race. */
export function createMemoryHandoffs(): Handoffs {
  const book: HandoffBook = emptyHandoffBook();
  const copy = <T>(value: T): T => structuredClone(value);
  return {
    enqueue: async (request) => copy(enqueueHandoff(book, request)),
    current: async (conversationId) => copy(currentHandoff(book, conversationId)),
    waiting: async () => copy(waitingHandoffs(book)),
    held: async () => copy(heldHandoffs(book)),
    claim: async (conversationId, agent, at) => copy(claimHandoff(book, conversationId, agent, at)),
    release: async (conversationId, agentId) => copy(releaseHandoff(book, conversationId, agentId)),
    handBack: async (conversationId, agentId, at) => copy(handBackHandoff(book, conversationId, agentId, at)),
    requestCallback: async (request, at) => copy(addCallbackTicket(book, request, at)),
    callbacks: async () => copy(openCallbacks(book)),
    closeCallback: async (ticketNumber, agentId, at) => copy(closeCallbackTicket(book, ticketNumber, agentId, at)),
    recentlyClosed: async (limit) => copy(recentlyClosedHandoffs(book, limit)),
    markPresent: async (agentId, at) => {
      book.presence[agentId] = at.toISOString();
    },
    markAbsent: async (agentId) => {
      delete book.presence[agentId];
    },
    presentAgents: async (since) => presentAgentIds(book, since),
  };
}
