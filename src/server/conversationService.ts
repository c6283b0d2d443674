import type { ChatResponse } from '../engine/state.js';
import type { StoredSession } from '../ports/sessionStore.js';

export type TranscriptEntry = StoredSession['transcript'][number];

export type ChatRequest = { sessionId?: string; text: string; region?: string };

export type ChatOutcome =
  | { ok: true; response: ChatResponse }
  | { ok: false; code: 'unknown_session' | 'invalid_region'; message: string };

export type OpenOutcome =
  | { ok: true; sessionId: string; transcript: TranscriptEntry[]; created: boolean }
  | { ok: false; code: 'invalid_region'; message: string };

/**
 * The runner at the edge: loads a conversation, steps the engine, executes its effects, stores the result.
 * Every channel (JSON API, Botkit websocket, terminal) talks to the engine only through this.
 */
export interface ConversationService {
  /** One turn. Without a sessionId a new session is created; an unknown sessionId is an error, never a silent new session. */
  chat(request: ChatRequest): Promise<ChatOutcome>;
  /** Opens a session (new, or the existing one when the id is known) and returns what was said so far. */
  open(request: { sessionId?: string; region?: string }): Promise<OpenOutcome>;
  /** Bot messages produced later (e.g. when a queued application is filed), per session. Returns unsubscribe. */
  subscribe(sessionId: string, listener: (entry: TranscriptEntry) => void): () => void;
  /** Stops timers and flushes stores. */
  close(): Promise<void>;
}
