import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { Low } from 'lowdb';
import { JSONFile } from 'lowdb/node';
import { z } from 'zod';
import { InputSchema } from '../engine/state.js';
import { ApplicationRequestSchema } from '../ports/bindingBackend.js';
import type { FilingResult, Outbox, OutboxEntry } from '../ports/outbox.js';
import { createPersistedOutbox } from './persistedOutbox.js';

export const outboxFileName = 'outbox.json';

const FilingResultSchema = z.custom<FilingResult>((value) => {
  const parsed = InputSchema.safeParse(value);
  return parsed.success && (parsed.data.type === 'application-filed' || parsed.data.type === 'application-refused');
}, 'not a filing result');

const OutboxFileSchema = z.object({
  entries: z.array(
    z.object({
      key: z.string().min(1),
      sessionId: z.string(),
      request: ApplicationRequestSchema,
      createdAt: z.string(),
      attempts: z.number().int().min(0),
      state: z.enum(['pending', 'filed', 'refused']),
      result: FilingResultSchema.optional(),
      settledAt: z.string().optional(),
    }),
  ),
});
type OutboxFile = { entries: OutboxEntry[] };

/**
 * An outbox file that cannot be read would mean confirmed applications nobody files. The assistant refuses to
 * start rather than start empty; the operator decides (the file is left untouched).
 */
export class CorruptOutboxError extends Error {
  constructor(
    readonly file: string,
    readonly problem: string,
  ) {
    super(`outbox file ${file} cannot be used (${problem}); it was left as it is — repair or move it, then start again`);
    this.name = 'CorruptOutboxError';
  }
}

/**
 * The outbox in DATA_DIR/outbox.json. Every change is written before the operation resolves; lowdb's steno writes
 * a temp file and renames it over the old one, so a crash leaves the previous or the new list, never a torn file.
 */
export async function openLowdbOutbox(dataDir: string): Promise<Outbox> {
  await mkdir(dataDir, { recursive: true });
  const file = path.join(dataDir, outboxFileName);
  const database = new Low<OutboxFile>(new JSONFile<OutboxFile>(file), { entries: [] });
  try {
    await database.read();
  } catch (error) {
    if (error instanceof SyntaxError) throw new CorruptOutboxError(file, `not valid JSON: ${error.message}`);
    throw error;
  }
  const parsed = OutboxFileSchema.safeParse(database.data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new CorruptOutboxError(file, issue === undefined ? 'unexpected shape' : `${issue.path.join('.') || '(root)'}: ${issue.message}`);
  }
  return createPersistedOutbox(parsed.data.entries, async (entries) => {
    database.data = { entries };
    await database.write();
  });
}
