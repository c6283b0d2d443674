import type { TranscriptEntry } from './sessionEvents.js';

/**
 * A change to the handoff queue, told to the agents' live streams. Only a notice: the queue itself is read from the
 * Handoffs port, so a stream that misses one (another instance made the change) still shows the queue as it is on
 * its next look. `message`: a new transcript entry in a conversation an agent holds (the person's words, an agent's,
 * the assistant's answer to an agent's edit), already masked as the transcript is.
 */
export type HandoffChange =
  | { kind: 'enqueued' | 'claimed' | 'released' | 'handed-back'; conversationId: string }
  | { kind: 'callback' | 'callback-closed'; conversationId: string; ticketNumber: string }
  | { kind: 'message'; conversationId: string; entry: TranscriptEntry };

export interface HandoffEvents {
  publish(change: HandoffChange): void;
  /** Returns unsubscribe. */
  subscribe(listener: (change: HandoffChange) => void): () => void;
}
