import type { SessionEvents, TranscriptEntry } from '../ports/sessionEvents.js';

/** One process: listeners per session. Also the local half of the PostgreSQL version, which adds other instances. */
export function createProcessSessionEvents(): SessionEvents & { hasListeners(sessionId: string): boolean } {
  const listeners = new Map<string, Set<(entry: TranscriptEntry) => void>>();
  return {
    publish(sessionId, entries) {
      for (const listener of listeners.get(sessionId) ?? []) for (const entry of entries) listener(entry);
    },
    subscribe(sessionId, listener) {
      const set = listeners.get(sessionId) ?? new Set();
      set.add(listener);
      listeners.set(sessionId, set);
      return () => {
        set.delete(listener);
        if (set.size === 0) listeners.delete(sessionId);
      };
    },
    hasListeners: (sessionId) => listeners.has(sessionId),
  };
}
