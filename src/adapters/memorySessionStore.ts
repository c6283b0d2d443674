import type { SessionStore, StoredSession } from '../ports/sessionStore.js';

/**
 * A session as kept in memory: one compact JSON string (far smaller than the object graph, and every get()
 * hands out a fresh copy, so a caller changing what it got cannot change what is stored) and its last-turn time
 * for expiry without parsing.
 */
export type StoredEntry = { json: string; updatedAt: number };

/**
 * A reloading or reconnecting client needs only the recent past (the last dozen exchanges); an unbounded transcript
 * would grow memory without end, and long FAQ answers make each entry large (bar: ≤ 4 KB per idle session).
 */
export const defaultTranscriptLimit = 24;

export function storedEntryOf(session: StoredSession, transcriptLimit: number): StoredEntry {
  const transcript = session.transcript.length > transcriptLimit ? session.transcript.slice(-transcriptLimit) : session.transcript;
  return { json: JSON.stringify({ ...session, transcript }), updatedAt: Date.parse(session.updatedAt) };
}

export type MemorySessionStoreOptions = {
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

  constructor(options: MemorySessionStoreOptions = {}) {
    this.#entries = options.entries ?? new Map();
    this.#transcriptLimit = options.transcriptLimit ?? defaultTranscriptLimit;
    this.#onChange = options.onChange ?? (() => undefined);
  }

  async get(id: string): Promise<StoredSession | undefined> {
    const entry = this.#entries.get(id);
    return entry === undefined ? undefined : (JSON.parse(entry.json) as StoredSession);
  }

  async put(session: StoredSession): Promise<void> {
    this.#entries.set(session.id, storedEntryOf(session, this.#transcriptLimit));
    this.#onChange();
  }

  async delete(id: string): Promise<void> {
    if (this.#entries.delete(id)) this.#onChange();
  }

  async expire(cutoff: Date): Promise<number> {
    const limit = cutoff.getTime();
    let removed = 0;
    for (const [id, entry] of this.#entries) {
      if (entry.updatedAt < limit) {
        this.#entries.delete(id);
        removed += 1;
      }
    }
    if (removed > 0) this.#onChange();
    return removed;
  }

  async flush(): Promise<void> {}
}

export function createMemorySessionStore(options: MemorySessionStoreOptions = {}): MemorySessionStore {
  return new MemorySessionStore(options);
}
