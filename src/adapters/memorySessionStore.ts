import type { NewOutboxEntry, Outbox } from '../ports/outbox.js';
import type { SessionStore, StoredSession } from '../ports/sessionStore.js';

/**
 * A session as kept in memory: one compact JSON string (far smaller than the object graph, and every get()
 * hands out a fresh copy, so a caller changing what it got cannot change what is stored) and its last-turn time
 * for expiry without parsing.
 */
export type StoredEntry = { json: string; updatedAt: number; retainUntil?: number };

/**
 * A reloading or reconnecting client needs only the recent past (the last dozen exchanges); an unbounded transcript
 * would grow memory without end, and long FAQ answers make each entry large (bar: ≤ 4 KB per idle session).
 */
export const defaultTranscriptLimit = 24;

/**
 * …and at most about this many characters (text and quick replies): long FAQ answers would otherwise keep an idle
 * session far above the memory bar (≤ 4 KB). What is dropped is old history; the conversation's state is kept whole.
 */
export const transcriptCharacterBudget = 500;

type Transcript = StoredSession['transcript'];

function sizeOf(entry: Transcript[number]): number {
  return entry.text.length + (entry.quickReplies?.join('').length ?? 0);
}

function recentTranscript(transcript: Transcript, transcriptLimit: number): Transcript {
  // The latest exchange is kept whole, however long: a client reconnecting after it still gets every reply.
  const latestExchange = transcript.findLastIndex((entry) => entry.from === 'user');
  let first = transcript.length;
  let characters = 0;
  while (first > 0 && transcript.length - first < transcriptLimit) {
    characters += sizeOf(transcript[first - 1]!);
    if (characters > transcriptCharacterBudget && first <= latestExchange) break;
    first -= 1;
  }
  const recent = first === 0 ? transcript : transcript.slice(first);
  // Only the last message's quick replies are ever offered again; older ones are stale.
  const lastBot = recent.findLastIndex((entry) => entry.from === 'bot');
  const stale = (entry: Transcript[number], index: number) => index !== lastBot && entry.quickReplies !== undefined;
  return recent.some(stale) ? recent.map((entry, index) => (stale(entry, index) ? withoutQuickReplies(entry) : entry)) : recent;
}

function withoutQuickReplies({ quickReplies: _stale, ...entry }: Transcript[number]): Transcript[number] {
  return entry;
}

export function storedEntryOf(session: StoredSession, transcriptLimit: number): StoredEntry {
  const transcript = recentTranscript(session.transcript, transcriptLimit);
  const entry: StoredEntry = { json: JSON.stringify({ ...session, transcript }), updatedAt: Date.parse(session.updatedAt) };
  if (session.retainUntil !== undefined) entry.retainUntil = Date.parse(session.retainUntil);
  return entry;
}

export type MemorySessionStoreOptions = {
  /** Where the applications a turn confirms go (commitTurn); in memory there is no crash to be atomic against. */
  outbox: Outbox;
  transcriptLimit?: number;
  /** The map to keep entries in, when another store persists it. */
  entries?: Map<string, StoredEntry>;
  /** Called after every change, so a persisting store can schedule a write. */
  onChange?: () => void;
};

export class MemorySessionStore implements SessionStore {
  readonly #entries: Map<string, StoredEntry>;
  readonly #transcriptLimit: number;
  readonly #onChange: () => void;
  readonly #outbox: Outbox;

  constructor(options: MemorySessionStoreOptions) {
    this.#outbox = options.outbox;
    this.#entries = options.entries ?? new Map();
    this.#transcriptLimit = options.transcriptLimit ?? defaultTranscriptLimit;
    this.#onChange = options.onChange ?? (() => undefined);
  }

  async get(id: string): Promise<StoredSession | undefined> {
    const entry = this.#entries.get(id);
    return entry === undefined ? undefined : (JSON.parse(entry.json) as StoredSession);
  }

  async commitTurn(session: StoredSession, outboxEntries: readonly NewOutboxEntry[]): Promise<void> {
    for (const entry of outboxEntries) await this.#outbox.add(entry);
    this.put(session);
  }

  /** Replaces a session in memory (commitTurn, and stores that persist this map themselves). */
  put(session: StoredSession): void {
    this.#entries.set(session.id, storedEntryOf(session, this.#transcriptLimit));
    this.#onChange();
  }

  async delete(id: string): Promise<void> {
    if (this.#entries.delete(id)) this.#onChange();
  }

  async expire(cutoff: Date, now: Date): Promise<number> {
    const limit = cutoff.getTime();
    let removed = 0;
    for (const [id, entry] of this.#entries) {
      if (entry.updatedAt < limit && (entry.retainUntil === undefined || entry.retainUntil <= now.getTime())) {
        this.#entries.delete(id);
        removed += 1;
      }
    }
    if (removed > 0) this.#onChange();
    return removed;
  }

  async flush(): Promise<void> {}
}

export function createMemorySessionStore(options: MemorySessionStoreOptions): MemorySessionStore {
  return new MemorySessionStore(options);
}
