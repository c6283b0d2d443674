import type { Expects, FormProgress, ReplySource } from '../../engine/state.js';
import type { TranscriptEntry } from '../../server/conversationService.js';
import type { QueueStatus } from '../../ports/handoffs.js';

/** What the server sends over the websocket (the protocol the widget codes against). */
export type ServerFrame =
  | {
      type: 'message';
      text: string;
      quick_replies?: { title: string; payload: string }[];
      expects?: Expects;
      sources?: ReplySource[];
      seq: number;
      /** Set on a hotline agent's message (absent: the assistant's), with the agent's display name. */
      from?: 'agent';
      agentName?: string;
      replyTo?: string;
      /** The application's progress after the turn (null: none under way); absent on messages resent or pushed later. */
      progress?: FormProgress;
      /** On a message saying where the conversation stands with agents (queued, taken, released, handed back). */
      queue?: QueueStatus;
    }
  /** Where the conversation stands with agents now: after a hello, and whenever it changes (the place moves up). */
  | { type: 'queue'; queue: QueueStatus }
  | { type: 'typing' }
  /** The message reached the conversation and nothing answers it now (an agent holds it; their words come later). */
  | { type: 'received'; replyTo: string }
  | { type: 'pong' }
  | { type: 'error'; code: string; message: string; replyTo?: string };

export function messageFrame(entry: TranscriptEntry, replyTo?: string, progress?: FormProgress): ServerFrame {
  return {
    type: 'message',
    text: entry.text,
    ...(entry.quickReplies && entry.quickReplies.length > 0 ? { quick_replies: entry.quickReplies.map((title) => ({ title, payload: title })) } : {}),
    ...(entry.expects === undefined ? {} : { expects: entry.expects }),
    ...(entry.sources && entry.sources.length > 0 ? { sources: entry.sources } : {}),
    seq: entry.seq,
    ...(entry.from === 'agent' ? { from: 'agent' as const, agentName: entry.agentName ?? '' } : {}),
    ...(replyTo === undefined ? {} : { replyTo }),
    ...(progress === undefined ? {} : { progress }),
    ...(entry.queue === undefined ? {} : { queue: entry.queue }),
  };
}
