import { copyFile, mkdir, rename } from 'node:fs/promises';
import path from 'node:path';
import { Low } from 'lowdb';
import { DataFile } from 'lowdb/node';
import { z } from 'zod';
import { ExpectsSchema, ReplySourceSchema } from '../engine/state.js';
import type { NewOutboxEntry, Outbox } from '../ports/outbox.js';
import type { SessionStore, StoredSession } from '../ports/sessionStore.js';
import { MemorySessionStore, defaultTranscriptLimit, storedEntryOf, type StoredEntry } from './memorySessionStore.js';

/**
 * Sessions in one JSON file (DATA_DIR/sessions.json), served from memory and written behind: at thousands of turns
 * a second, rewriting the whole file per turn would be the bottleneck, so changes are coalesced into one atomic
 * write (lowdb's steno: temp file + rename), and flush() writes at once on shutdown. Writes come every
 * `writeDelayMs` while the file is small; as it grows, the gap grows with the time a write keeps the event loop
 * busy (joining and encoding the file), so persistence never takes more than about 1/20 of the server's time.
 * A crash loses at most the last gap of turns (`maxWriteDelayMs` at most), never the file.
 */

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

const SessionsFileSchema = z.object({ sessions: z.record(z.string(), z.unknown()) });

/** What happened to a sessions file that could not be read as it was: it is kept aside, never overwritten. */
export type SessionsFileProblem =
  | { kind: 'unreadable'; keptAs: string; reason: string }
  | { kind: 'invalid-sessions'; keptAs: string; dropped: number };

export type LowdbSessionStoreOptions = {
  file: string;
  /** Where the applications a turn confirms go; written before the session. */
  outbox: Outbox;
  writeDelayMs?: number;
  maxWriteDelayMs?: number;
  transcriptLimit?: number;
  /** A write behind the caller's back failed; it is retried on the next change or flush. */
  onWriteError: (error: unknown) => void;
  onFileProblem?: (problem: SessionsFileProblem) => void;
};

/** The gap between writes is at least this many times the event-loop time of the last write. */
const busyShare = 20;

class UnreadableSessionsFileError extends Error {
  override name = 'UnreadableSessionsFileError';
}

function parseSessionsFile(text: string, transcriptLimit: number): { entries: Map<string, StoredEntry>; dropped: number } {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    throw new UnreadableSessionsFileError(error instanceof Error ? error.message : String(error));
  }
  const file = SessionsFileSchema.safeParse(document);
  if (!file.success) throw new UnreadableSessionsFileError('missing "sessions" object');
  const entries = new Map<string, StoredEntry>();
  let dropped = 0;
  for (const [id, value] of Object.entries(file.data.sessions)) {
    const session = StoredSessionEnvelopeSchema.safeParse(value);
    if (session.success && session.data.id === id) {
      entries.set(id, storedEntryOf(session.data as StoredSession, transcriptLimit));
    } else {
      dropped += 1;
    }
  }
  return { entries, dropped };
}

/** Joins the already serialized sessions instead of serializing every session again on each write. */
function stringifySessionsFile(entries: Map<string, StoredEntry>): string {
  const parts: string[] = [];
  for (const [id, entry] of entries) parts.push(`${JSON.stringify(id)}:${entry.json}`);
  return `{"sessions":{${parts.join(',\n')}}}\n`;
}

function asideName(file: string, reason: string, now: Date): string {
  return `${file}.${reason}-${now.toISOString().replace(/[:.]/g, '-')}`;
}

export class LowdbSessionStore implements SessionStore {
  readonly #memory: MemorySessionStore;
  readonly #database: Low<Map<string, StoredEntry>>;
  readonly #writeDelayMs: number;
  readonly #maxWriteDelayMs: number;
  #delayMs: number;
  readonly #onWriteError: (error: unknown) => void;
  #timer: NodeJS.Timeout | undefined;
  #dirty = false;
  #writing: Promise<void> = Promise.resolve();

  constructor(database: Low<Map<string, StoredEntry>>, options: LowdbSessionStoreOptions) {
    this.#database = database;
    this.#writeDelayMs = options.writeDelayMs ?? 100;
    this.#maxWriteDelayMs = Math.max(this.#writeDelayMs, options.maxWriteDelayMs ?? 1_000);
    this.#delayMs = this.#writeDelayMs;
    this.#onWriteError = options.onWriteError;
    this.#memory = new MemorySessionStore({
      outbox: options.outbox,
      entries: database.data,
      transcriptLimit: options.transcriptLimit ?? defaultTranscriptLimit,
      onChange: () => this.#changed(),
    });
  }

  get(id: string): Promise<StoredSession | undefined> {
    return this.#memory.get(id);
  }

  /** Durable before it resolves: the outbox entries first, then the whole file is written at once. */
  async commitTurn(session: StoredSession, outboxEntries: readonly NewOutboxEntry[]): Promise<void> {
    await this.#memory.commitTurn(session, outboxEntries);
    await this.flush();
  }

  async delete(id: string): Promise<void> {
    await this.#memory.delete(id);
    await this.flush();
  }

  async expire(cutoff: Date): Promise<number> {
    const removed = await this.#memory.expire(cutoff);
    await this.flush();
    return removed;
  }

  /** Writes now whatever changed and waits for it; errors reach the caller (shutdown reports them). */
  async flush(): Promise<void> {
    if (this.#timer !== undefined) {
      clearTimeout(this.#timer);
      this.#timer = undefined;
    }
    // A failed background write was already reported and left the store dirty, so it is retried just below.
    await this.#writing.catch(() => undefined);
    if (this.#dirty) await this.#write();
  }

  #changed(): void {
    this.#dirty = true;
    if (this.#timer !== undefined) return;
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      this.#write().catch((error: unknown) => {
        this.#onWriteError(error);
      });
    }, this.#delayMs);
    this.#timer.unref();
  }

  #write(): Promise<void> {
    this.#dirty = false;
    const writing = this.#writing
      // Whoever started the previous write has its failure; this one starts afresh with the latest data.
      .catch(() => undefined)
      .then(() => {
        const started = performance.now();
        const written = this.#database.write();
        const busyMs = performance.now() - started;
        this.#delayMs = Math.min(this.#maxWriteDelayMs, Math.max(this.#writeDelayMs, busyMs * busyShare));
        return written;
      })
      .catch((error: unknown) => {
        this.#dirty = true;
        throw error;
      });
    this.#writing = writing;
    return writing;
  }
}

/**
 * Opens (or creates) the sessions file. A file that cannot be parsed is renamed aside and the store starts
 * empty; sessions with a broken envelope are dropped after a copy of the whole file is kept aside.
 */
export async function createLowdbSessionStore(options: LowdbSessionStoreOptions): Promise<LowdbSessionStore> {
  const transcriptLimit = options.transcriptLimit ?? defaultTranscriptLimit;
  await mkdir(path.dirname(options.file), { recursive: true });
  let dropped = 0;
  const adapter = new DataFile<Map<string, StoredEntry>>(options.file, {
    parse: (text) => {
      const parsed = parseSessionsFile(text, transcriptLimit);
      dropped = parsed.dropped;
      return parsed.entries;
    },
    stringify: stringifySessionsFile,
  });
  const database = new Low(adapter, new Map<string, StoredEntry>());
  try {
    await database.read();
  } catch (error) {
    if (!(error instanceof UnreadableSessionsFileError)) throw error;
    const keptAs = asideName(options.file, 'unreadable', new Date());
    await rename(options.file, keptAs);
    options.onFileProblem?.({ kind: 'unreadable', keptAs, reason: error.message });
  }
  if (dropped > 0) {
    const keptAs = asideName(options.file, 'invalid', new Date());
    await copyFile(options.file, keptAs);
    options.onFileProblem?.({ kind: 'invalid-sessions', keptAs, dropped });
  }
  return new LowdbSessionStore(database, options);
}
