import type { ConversationState, Expects, ReplySource } from '../engine/state.js';
import type { NewOutboxEntry } from './outbox.js';
import type { QueueStatus } from './handoffs.js';

export type StoredSession = {
  id: string;
  state: ConversationState;
  /** ISO time of the last turn; sessions expire after inactivity. */
  updatedAt: string;
  /** ISO time until which a half-filled form keeps the session past the idle expiry (FORM_RETENTION_HOURS). */
  retainUntil?: string;
  /** Replies already sent, so a reconnecting client can catch up without repeats. */
  transcript: { seq: number; from: 'user' | 'bot' | 'agent'; /** An agent's display name (never the login), on their messages. */ agentName?: string; text: string; quickReplies?: string[]; /** Absent: nothing pending. */ expects?: Expects; sources?: ReplySource[]; /** On an entry that says where the conversation stands with agents (queued, taken, released, handed back). */ queue?: QueueStatus }[];
};

/** Where conversations live between turns (an embedded log, memory, later PostgreSQL). */
export interface SessionStore {
  get(id: string): Promise<StoredSession | undefined>;
  /**
   * The one durable step of a turn: the session's new version and the applications it confirmed (outbox entries)
   * become durable together — both or neither — before it resolves, so the reply is sent only for what survives a
   * crash. An entry whose key the outbox already holds is left as it is. (PostgreSQL: one transaction.)
   */
  commitTurn(session: StoredSession, outboxEntries: readonly NewOutboxEntry[]): Promise<void>;
  delete(id: string): Promise<void>;
  /**
   * Removes sessions idle since before `cutoff`, except those whose `retainUntil` is still ahead of `now` (a form
   * the person will come back to); returns how many. Removing a session removes every personal detail it held.
   */
  expire(cutoff: Date, now: Date): Promise<number>;
  /** Writes anything buffered to durable storage (graceful shutdown). */
  flush(): Promise<void>;
}
