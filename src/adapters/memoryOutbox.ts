import { createPersistedOutbox, type PersistedOutbox } from './persistedOutbox.js';

/** For tests and for running without a data directory: entries last as long as the process. */
export function createMemoryOutbox(): PersistedOutbox {
  return createPersistedOutbox([], async (_changes, apply) => apply());
}
