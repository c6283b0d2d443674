import type { ConversationState, Expects, ReplySource } from '../engine/state.js';

export type StoredSession = {
  id: string;
  state: ConversationState;
  /** ISO time of the last turn; sessions expire after inactivity. */
  updatedAt: string;
  /** Replies already sent, so a reconnecting client can catch up without repeats. */
  transcript: { seq: number; from: 'user' | 'bot'; text: string; quickReplies?: string[]; /** Absent: nothing pending. */ expects?: Expects; sources?: ReplySource[] }[];
};

/** Where conversations live between turns (lowdb file or memory). */
export interface SessionStore {
  get(id: string): Promise<StoredSession | undefined>;
  put(session: StoredSession): Promise<void>;
  delete(id: string): Promise<void>;
  /** Removes sessions idle since before `cutoff`; returns how many. */
  expire(cutoff: Date): Promise<number>;
  /** Writes anything buffered to durable storage (graceful shutdown). */
  flush(): Promise<void>;
}
