import type { Events } from '../ports/events.js';
import { createEventTally } from './eventTally.js';

/** Events in this process's memory (SESSION_STORE=memory, tests). */
export function createMemoryEvents(): Events {
  const tally = createEventTally();
  return {
    record: async (events) => {
      tally.add(events);
    },
    counts: async (query) => tally.counts(query),
    questions: async (query) => tally.questions(query),
    prune: async (cutoff) => tally.prune(cutoff),
  };
}
