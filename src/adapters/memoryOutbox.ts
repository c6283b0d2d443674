import type { Outbox } from '../ports/outbox.js';
import { createPersistedOutbox } from './persistedOutbox.js';

/** For tests and for running without a data directory: entries last as long as the process. */
export function createMemoryOutbox(): Outbox {
  return createPersistedOutbox([], async () => {});
}
