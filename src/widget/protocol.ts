/**
 * The wire formats the widget reads (server → browser), checked by hand: zod would triple the bundle, and a
 * malformed frame must be ignored rather than break the page.
 */

export type QuickReply = { title: string; payload: string };

export type ServerEvent =
  | { type: 'message'; text: string; quickReplies: QuickReply[]; seq: number; replyTo: string | null }
  | { type: 'typing' }
  /** The server refused a frame; with replyTo, the message the person sent (e.g. too long). */
  | { type: 'error'; code: string; message: string; replyTo: string | null };

export type TranscriptEntry = { seq: number; from: 'user' | 'bot'; text: string; quickReplies: QuickReply[] };

export type SessionOpened = { sessionId: string; token: string; transcript: TranscriptEntry[] };

export type ChatReplied = { sessionId: string; replies: { text: string; quickReplies: QuickReply[] }[] };

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Quick replies come as [{ title, payload }] on the websocket and as plain strings in the JSON API. */
function quickRepliesOf(value: unknown): QuickReply[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((item): QuickReply[] => {
    if (typeof item === 'string') return [{ title: item, payload: item }];
    if (isObject(item) && typeof item.title === 'string') {
      return [{ title: item.title, payload: typeof item.payload === 'string' ? item.payload : item.title }];
    }
    return [];
  });
}

/** A websocket frame, or null when it is not one the widget understands. */
export function parseServerEvent(data: unknown): ServerEvent | null {
  let value: unknown;
  try {
    value = typeof data === 'string' ? JSON.parse(data) : null;
  } catch {
    return null;
  }
  if (!isObject(value)) return null;
  if (value.type === 'typing') return { type: 'typing' };
  if (value.type === 'error') {
    const error = errorOf({ error: value });
    return error && { type: 'error', ...error, replyTo: typeof value.replyTo === 'string' ? value.replyTo : null };
  }
  if (value.type !== 'message' || typeof value.text !== 'string' || typeof value.seq !== 'number') return null;
  return {
    type: 'message',
    text: value.text,
    quickReplies: quickRepliesOf(value.quick_replies),
    seq: value.seq,
    replyTo: typeof value.replyTo === 'string' ? value.replyTo : null,
  };
}

export function parseSessionOpened(value: unknown): SessionOpened | null {
  if (!isObject(value) || typeof value.sessionId !== 'string' || typeof value.token !== 'string') return null;
  if (!Array.isArray(value.transcript)) return null;
  const transcript = value.transcript.flatMap((entry): TranscriptEntry[] => {
    if (!isObject(entry) || typeof entry.seq !== 'number' || typeof entry.text !== 'string') return [];
    if (entry.from !== 'user' && entry.from !== 'bot') return [];
    return [{ seq: entry.seq, from: entry.from, text: entry.text, quickReplies: quickRepliesOf(entry.quickReplies) }];
  });
  return { sessionId: value.sessionId, token: value.token, transcript };
}

export function parseChatReplied(value: unknown): ChatReplied | null {
  if (!isObject(value) || typeof value.sessionId !== 'string' || !Array.isArray(value.replies)) return null;
  const replies = value.replies.flatMap((reply) =>
    isObject(reply) && typeof reply.text === 'string' ? [{ text: reply.text, quickReplies: quickRepliesOf(reply.quickReplies) }] : [],
  );
  return { sessionId: value.sessionId, replies };
}

/** The Chinese message of an `{ error: { code, message } }` body, when there is one. */
export function errorOf(value: unknown): { code: string; message: string } | null {
  if (!isObject(value) || !isObject(value.error)) return null;
  const { code, message } = value.error;
  return typeof message === 'string' ? { code: typeof code === 'string' ? code : 'unknown', message } : null;
}
