import { UnknownOutboxEntryError, type Outbox, type OutboxEntry } from '../ports/outbox.js';

/**
 * The outbox's rules over a list of entries; `persist` makes a new list durable (a file, or nothing in memory).
 * Operations run one at a time and a new list replaces the current one only after it was persisted, so a failed
 * write rejects the operation and changes nothing.
 */
export function createPersistedOutbox(initial: readonly OutboxEntry[], persist: (entries: OutboxEntry[]) => Promise<void>): Outbox {
  let entries: OutboxEntry[] = structuredClone([...initial]);
  let queue: Promise<unknown> = Promise.resolve();

  /** Runs operations one after another; a failed one fails its caller only, the next still runs. */
  const serially = <T>(operation: () => Promise<T>): Promise<T> => {
    const run = queue.then(operation);
    queue = run.catch(() => undefined);
    return run;
  };
  const replace = async (next: OutboxEntry[]): Promise<void> => {
    await persist(next);
    entries = next;
  };
  const update = (key: string, change: (entry: OutboxEntry) => OutboxEntry): Promise<OutboxEntry> =>
    serially(async () => {
      const index = entries.findIndex((entry) => entry.key === key);
      const current = entries[index];
      if (current === undefined) throw new UnknownOutboxEntryError(key);
      const changed = change(current);
      await replace(entries.map((entry, position) => (position === index ? changed : entry)));
      return structuredClone(changed);
    });

  return {
    add: (entry) =>
      serially(async () => {
        const existing = entries.find((candidate) => candidate.key === entry.key);
        if (existing !== undefined) return structuredClone(existing);
        const added: OutboxEntry = { ...structuredClone(entry), attempts: 0, state: 'pending' };
        await replace([...entries, added]);
        return structuredClone(added);
      }),
    get: async (key) => {
      const entry = entries.find((candidate) => candidate.key === key);
      return entry === undefined ? undefined : structuredClone(entry);
    },
    pending: async () =>
      structuredClone(entries.filter((entry) => entry.state === 'pending').sort((left, right) => left.createdAt.localeCompare(right.createdAt))),
    recordAttempt: async (key) => {
      await update(key, (entry) => ({ ...entry, attempts: entry.attempts + 1 }));
    },
    settle: (key, result, at) =>
      update(key, (entry) => ({ ...entry, state: result.type === 'application-filed' ? 'filed' : 'refused', result, settledAt: at.toISOString() })),
    prune: (cutoff) =>
      serially(async () => {
        const kept = entries.filter((entry) => entry.state === 'pending' || entry.settledAt === undefined || Date.parse(entry.settledAt) >= cutoff.getTime());
        const removed = entries.length - kept.length;
        if (removed > 0) await replace(kept);
        return removed;
      }),
  };
}
