/**
 * The wire formats the widget reads (server → browser), checked by hand: zod would triple the bundle, and a
 * malformed frame must be ignored rather than break the page. Fields added to the API later (`expects`, `sources`,
 * `form.progress`) are read defensively: a value the widget does not know reads as absent.
 */

export type QuickReply = { title: string; payload: string };

/** What the question in a reply asks for, so the input can fit it (DESIGN.md: `replies[].expects`). */
export type Expects = 'id_number' | 'phone' | 'code' | 'choice' | 'text';

/** A source a reply cites; `url` only when it is a web address (http or https). */
export type Source = { title: string; url: string | null; tier: 'A' | 'B' | 'C' | 'D' | null; verifiedAt: string | null };

/** The step of the application the person is at; null when no application is under way. */
export type Progress = { step: number; of: number; phase: string; members: number } | null;

/** An assistant message with everything the widget shows beside its text; `agentName` on a hotline agent's message. */
export type BotReply = { text: string; quickReplies: QuickReply[]; expects: Expects | null; sources: Source[]; agentName: string | null };

/** Where the conversation stands with hotline agents (docs/agent-realtime.md). */
export type QueueStatus = { state: 'waiting'; place: number; estimateMinutes: number | null } | { state: 'claimed'; agentName: string } | { state: 'closed' };

export type ServerEvent =
  /** `progress` is undefined when the frame does not say (an older server, or a message sent later). */
  | ({ type: 'message'; seq: number; replyTo: string | null; progress: Progress | undefined; queue: QueueStatus | undefined } & BotReply)
  | { type: 'queue'; queue: QueueStatus }
  | { type: 'typing' }
  | { type: 'received'; replyTo: string }
  /** The answer to a heartbeat ping: the connection still carries frames. */
  | { type: 'pong' }
  /** The server refused a frame; with replyTo, the message the person sent (e.g. too long). */
  | { type: 'error'; code: string; message: string; replyTo: string | null };

export type TranscriptEntry = { seq: number; from: 'user'; text: string } | ({ seq: number; from: 'bot' } & BotReply);

/** `queue` undefined when the answer does not say (an older server); null when not queued or held. */
export type SessionOpened = { sessionId: string; token: string; transcript: TranscriptEntry[]; progress: Progress | undefined; queue: QueueStatus | null | undefined };

export type ChatReplied = { sessionId: string; replies: (BotReply & { seq: number | null })[]; progress: Progress | undefined; queue: QueueStatus | null | undefined };

/** The long poll's answer: the assistant's and agents' messages after the seq asked for, and the queue status now. */
export type UpdatesReceived = { messages: Extract<TranscriptEntry, { from: 'bot' }>[]; queue: QueueStatus | null };

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

const expectations: readonly string[] = ['id_number', 'phone', 'code', 'choice', 'text'];

function expectsOf(value: unknown): Expects | null {
  return typeof value === 'string' && expectations.includes(value) ? (value as Expects) : null;
}

/** Only an absolute http(s) address may become a link: never javascript:, data: or a relative path. */
export function webAddress(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : null;
  } catch {
    return null;
  }
}

function sourcesOf(value: unknown): Source[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((item): Source[] => {
    if (!isObject(item) || typeof item.title !== 'string' || item.title.trim() === '') return [];
    const tier = item.tier === 'A' || item.tier === 'B' || item.tier === 'C' || item.tier === 'D' ? item.tier : null;
    return [{ title: item.title, url: webAddress(item.url), tier, verifiedAt: typeof item.verifiedAt === 'string' ? item.verifiedAt : null }];
  });
}

const isCount = (value: unknown, minimum: number): value is number => typeof value === 'number' && Number.isInteger(value) && value >= minimum;

/** undefined when the value does not say; null when it says no application is under way. */
function progressOf(value: unknown): Progress | undefined {
  if (value === null) return null;
  if (!isObject(value)) return undefined;
  const { step, of, phase, members } = value;
  if (!isCount(step, 1) || !isCount(of, step) || typeof phase !== 'string' || !isCount(members, 0)) return undefined;
  return { step, of, phase, members };
}

/** The progress inside a `form` view: a null form means no application. */
function formProgressOf(form: unknown): Progress | undefined {
  if (form === null) return null;
  return isObject(form) ? progressOf(form.progress) : undefined;
}

function botReplyOf(value: Json, quickReplies: unknown): BotReply | null {
  if (typeof value.text !== 'string') return null;
  const agentName = value.from === 'agent' && typeof value.agentName === 'string' && value.agentName.trim() !== '' ? value.agentName : null;
  return { text: value.text, quickReplies: quickRepliesOf(quickReplies), expects: expectsOf(value.expects), sources: sourcesOf(value.sources), agentName };
}

/** undefined when the value does not say; null for "not queued or held". */
export function queueOf(value: unknown): QueueStatus | null | undefined {
  if (value === null) return null;
  if (!isObject(value)) return undefined;
  if (value.state === 'waiting' && isCount(value.place, 1)) {
    return { state: 'waiting', place: value.place, estimateMinutes: isCount(value.estimateMinutes, 1) ? value.estimateMinutes : null };
  }
  if (value.state === 'claimed' && typeof value.agentName === 'string') return { state: 'claimed', agentName: value.agentName };
  if (value.state === 'closed') return { state: 'closed' };
  return undefined;
}

/** A transcript entry as the session and the long poll give it: the person's, the assistant's or an agent's. */
function transcriptEntryOf(entry: unknown): TranscriptEntry | null {
  if (!isObject(entry) || typeof entry.seq !== 'number' || typeof entry.text !== 'string') return null;
  if (entry.from === 'user') return { seq: entry.seq, from: 'user', text: entry.text };
  const reply = entry.from === 'bot' || entry.from === 'agent' ? botReplyOf(entry, entry.quickReplies) : null;
  return reply ? { seq: entry.seq, from: 'bot', ...reply } : null;
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
  if (value.type === 'pong') return { type: 'pong' };
  if (value.type === 'received') return typeof value.replyTo === 'string' ? { type: 'received', replyTo: value.replyTo } : null;
  if (value.type === 'queue') {
    const queue = queueOf(value.queue);
    return queue ? { type: 'queue', queue } : null;
  }
  if (value.type === 'error') {
    const error = errorOf({ error: value });
    return error && { type: 'error', ...error, replyTo: typeof value.replyTo === 'string' ? value.replyTo : null };
  }
  const reply = value.type === 'message' && typeof value.seq === 'number' ? botReplyOf(value, value.quick_replies) : null;
  if (!reply || typeof value.seq !== 'number') return null;
  return {
    type: 'message',
    ...reply,
    seq: value.seq,
    replyTo: typeof value.replyTo === 'string' ? value.replyTo : null,
    progress: progressOf(value.progress),
    queue: queueOf(value.queue) ?? undefined,
  };
}

export function parseSessionOpened(value: unknown): SessionOpened | null {
  if (!isObject(value) || typeof value.sessionId !== 'string' || typeof value.token !== 'string') return null;
  if (!Array.isArray(value.transcript)) return null;
  const transcript = value.transcript.flatMap((entry) => transcriptEntryOf(entry) ?? []);
  return { sessionId: value.sessionId, token: value.token, transcript, progress: 'form' in value ? formProgressOf(value.form) : undefined, queue: queueOf(value.queue) };
}

export function parseUpdates(value: unknown): UpdatesReceived | null {
  if (!isObject(value) || !Array.isArray(value.messages)) return null;
  const messages = value.messages.flatMap((entry) => {
    const parsed = transcriptEntryOf(entry);
    return parsed !== null && parsed.from === 'bot' ? [parsed] : [];
  });
  return { messages, queue: queueOf(value.queue) ?? null };
}

export function parseChatReplied(value: unknown): ChatReplied | null {
  if (!isObject(value) || typeof value.sessionId !== 'string' || !Array.isArray(value.replies)) return null;
  const replies = value.replies.flatMap((reply) => {
    const parsed = isObject(reply) ? botReplyOf(reply, reply.quickReplies) : null;
    return parsed ? [{ ...parsed, seq: isObject(reply) && isCount(reply.seq, 1) ? reply.seq : null }] : [];
  });
  return { sessionId: value.sessionId, replies, progress: 'form' in value ? formProgressOf(value.form) : undefined, queue: queueOf(value.queue) };
}

/** The Chinese message of an `{ error: { code, message } }` body, when there is one. */
export function errorOf(value: unknown): { code: string; message: string } | null {
  if (!isObject(value) || !isObject(value.error)) return null;
  const { code, message } = value.error;
  return typeof message === 'string' ? { code: typeof code === 'string' ? code : 'unknown', message } : null;
}
