import { UnknownOutboxEntryError, type NewOutboxEntry, type Outbox, type OutboxEntry } from '../ports/outbox.js';

/** One entry's new version, or null when it is forgotten (pruned). */
export type OutboxChange = { key: string; entry: OutboxEntry | null };

/**
 * Makes changes durable, then runs `apply` (which adopts them in memory) before resolving; a failed write rejects
 * and applies nothing. Memory: apply at once. The embedded log: one appended batch.
 */
export type OutboxPersistence = (changes: OutboxChange[], apply: () => void) => Promise<void>;

export interface PersistedOutbox extends Outbox {
  /**
   * Adds the entries whose keys are new as part of a larger durable write (a turn's commit): `write` receives the
   * changes and must make them durable together with its own, then call `apply`.
   */
  addWithin(entries: readonly NewOutboxEntry[], write: OutboxPersistence): Promise<void>;
  /** Every entry as it is now, for a snapshot of the store (not copies: read only). */
  values(): Iterable<OutboxEntry>;
}

/**
 * The outbox's rules over entries kept by key; `persist` makes each change durable (only the entries that changed,
 * so a filing costs the same however many past applications are kept). Operations run one at a time.
 */
export function createPersistedOutbox(initial: Iterable<OutboxEntry>, persist: OutboxPersistence): PersistedOutbox {
  const entries = new Map<string, OutboxEntry>();
  const pending = new Set<string>();
  const reserved = new Set<string>();
  const adopt = (key: string, entry: OutboxEntry | null): void => {
    if (entry === null) entries.delete(key);
    else entries.set(key, entry);
    if (entry?.state === 'pending') pending.add(key);
    else pending.delete(key);
  };
  // Taken over as they are (the caller hands them over): cloning 100 k past entries would slow every start.
  for (const entry of initial) adopt(entry.key, entry);
  let queue: Promise<unknown> = Promise.resolve();

  /** Runs operations one after another; a failed one fails its caller only, the next still runs. */
  const serially = <T>(operation: () => Promise<T>): Promise<T> => {
    const run = queue.then(operation);
    queue = run.catch(() => undefined);
    return run;
  };
  const write = (changes: OutboxChange[], through: OutboxPersistence = persist): Promise<void> =>
    through(changes, () => {
      for (const change of changes) adopt(change.key, change.entry);
    });
  const update = (key: string, change: (entry: OutboxEntry) => OutboxEntry): Promise<OutboxEntry> =>
    serially(async () => {
      const current = entries.get(key);
      if (current === undefined) throw new UnknownOutboxEntryError(key);
      const changed = change(current);
      await write([{ key, entry: changed }]);
      return structuredClone(changed);
    });
  const fresh = (entry: NewOutboxEntry): OutboxEntry => ({ ...structuredClone(entry), attempts: 0, state: 'pending' });

  return {
    add: (entry) =>
      serially(async () => {
        const existing = entries.get(entry.key);
        if (existing !== undefined) return structuredClone(existing);
        // A turn's commit is adding this key right now: the entry it adds is the one.
        if (reserved.has(entry.key)) throw new Error(`outbox entry ${entry.key} is being committed; add it after the commit`);
        const added = fresh(entry);
        await write([{ key: added.key, entry: added }]);
        return structuredClone(added);
      }),
    // Not queued behind the other operations: every turn commits through here, and queueing would make each wait
    // for the previous one's write instead of sharing it. Keys being added are reserved so none is added twice.
    addWithin: async (added, through) => {
      const changes: OutboxChange[] = [];
      for (const entry of added) {
        if (entries.has(entry.key) || reserved.has(entry.key)) continue;
        reserved.add(entry.key);
        changes.push({ key: entry.key, entry: fresh(entry) });
      }
      try {
        await write(changes, through);
      } finally {
        for (const change of changes) reserved.delete(change.key);
      }
    },
    get: async (key) => {
      const entry = entries.get(key);
      return entry === undefined ? undefined : structuredClone(entry);
    },
    pending: async () =>
      [...pending].map((key) => structuredClone(entries.get(key)!)).sort((left, right) => left.createdAt.localeCompare(right.createdAt)),
    recordAttempt: async (key) => {
      await update(key, (entry) => ({ ...entry, attempts: entry.attempts + 1 }));
    },
    settle: (key, result, at) =>
      update(key, (entry) => ({ ...entry, state: result.type === 'application-filed' ? 'filed' : 'refused', result, settledAt: at.toISOString() })),
    prune: (cutoff) =>
      serially(async () => {
        const changes: OutboxChange[] = [];
        for (const entry of entries.values()) {
          if (entry.state !== 'pending' && entry.settledAt !== undefined && Date.parse(entry.settledAt) < cutoff.getTime()) changes.push({ key: entry.key, entry: null });
        }
        if (changes.length > 0) await write(changes);
        return changes.length;
      }),
    values: () => entries.values(),
  };
}
