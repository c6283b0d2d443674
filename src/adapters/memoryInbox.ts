import type { Inbox } from '../ports/inbox.js';
import { addToInbox, emptyInboxBook, listInbox, pruneInbox, resolveInbox } from './inboxBook.js';

export function createMemoryInbox(): Inbox {
  const book = emptyInboxBook();
  return {
    record: async (question) => addToInbox(book, question),
    list: async (query) => structuredClone(listInbox(book, query)),
    resolve: async (keys, resolution) => resolveInbox(book, keys, resolution),
    prune: async (cutoff) => pruneInbox(book, cutoff),
  };
}
