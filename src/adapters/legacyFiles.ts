import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { ExpectsSchema, InputSchema, ReplySourceSchema } from '../engine/state.js';
import { ApplicationRequestSchema } from '../ports/bindingBackend.js';
import type { FilingResult, OutboxEntry } from '../ports/outbox.js';
import type { StoredSession } from '../ports/sessionStore.js';

/**
 * The files the release before the append-only log wrote (DATA_DIR/sessions.json and outbox.json, whole-file
 * lowdb documents). They are read once, imported into the log, and then kept under another name, never deleted.
 */

export const legacySessionsFileName = 'sessions.json';
export const legacyOutboxFileName = 'outbox.json';

/** The envelope is checked here; the conversation state inside is the runner's to check and migrate. */
const StoredSessionEnvelopeSchema = z.object({
  id: z.string().min(1),
  updatedAt: z.string().refine((value) => !Number.isNaN(Date.parse(value))),
  state: z.record(z.string(), z.unknown()),
  transcript: z.array(
    z.object({
      seq: z.number().int(),
      from: z.enum(['user', 'bot']),
      text: z.string(),
      quickReplies: z.array(z.string()).optional(),
      expects: ExpectsSchema.optional(),
      sources: z.array(ReplySourceSchema).optional(),
    }),
  ),
});

const FilingResultSchema = z.custom<FilingResult>((value) => {
  const parsed = InputSchema.safeParse(value);
  return parsed.success && (parsed.data.type === 'application-filed' || parsed.data.type === 'application-refused');
}, 'not a filing result');

const OutboxEntrySchema = z.object({
  key: z.string().min(1),
  sessionId: z.string(),
  request: ApplicationRequestSchema,
  createdAt: z.string(),
  attempts: z.number().int().min(0),
  state: z.enum(['pending', 'filed', 'refused']),
  result: FilingResultSchema.optional(),
  settledAt: z.string().optional(),
});

/** What a legacy file held: the items that could be read, how many could not, or why none could. */
export type LegacyReading<T> = { kind: 'absent' } | { kind: 'read'; items: T[]; dropped: number } | { kind: 'unreadable'; reason: string };

async function readDocument<T>(file: string, listOf: (document: unknown) => unknown[] | Record<string, unknown> | null, schema: z.ZodType<T>, matches: (item: T, name: string | number) => boolean): Promise<LegacyReading<T>> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if (error instanceof Error && 'code' in error && error.code === 'ENOENT') return { kind: 'absent' };
    throw error;
  }
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    return { kind: 'unreadable', reason: `not valid JSON: ${error instanceof Error ? error.message : String(error)}` };
  }
  const list = listOf(document);
  if (list === null) return { kind: 'unreadable', reason: 'not the expected shape' };
  const items: T[] = [];
  let dropped = 0;
  for (const [name, value] of Object.entries(list)) {
    const parsed = schema.safeParse(value);
    if (parsed.success && matches(parsed.data, name)) items.push(parsed.data);
    else dropped += 1;
  }
  return { kind: 'read', items, dropped };
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

export function readLegacySessions(file: string): Promise<LegacyReading<StoredSession>> {
  return readDocument(
    file,
    (document) => (isRecord(document) && isRecord(document.sessions) ? document.sessions : null),
    StoredSessionEnvelopeSchema as unknown as z.ZodType<StoredSession>,
    (session, name) => session.id === name,
  );
}

export function readLegacyOutbox(file: string): Promise<LegacyReading<OutboxEntry>> {
  return readDocument(
    file,
    (document) => (isRecord(document) && Array.isArray(document.entries) ? document.entries : null),
    OutboxEntrySchema as unknown as z.ZodType<OutboxEntry>,
    () => true,
  );
}
