import type { StoredSession } from './sessionStore.js';

export type TranscriptEntry = StoredSession['transcript'][number];

/**
 * Messages a conversation gets outside a request of its own (a queued application filed later, an agent's words),
 * delivered to whoever holds that conversation's socket — in this process, or (several instances) in another.
 */
export interface SessionEvents {
  publish(sessionId: string, entries: readonly TranscriptEntry[]): void;
  /** Returns unsubscribe. */
  subscribe(sessionId: string, listener: (entry: TranscriptEntry) => void): () => void;
}
