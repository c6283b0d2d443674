import { emptyContentRecord, type ContentRecord, type ContentStore } from '../ports/contentStore.js';

/** Content versions in this process's memory: for tests, previews and SESSION_STORE=memory servers. */
export function createMemoryContentStore(initial: ContentRecord = emptyContentRecord()): ContentStore {
  // Stored as JSON text, so no caller can change the record by holding on to what it read.
  let stored = JSON.stringify(initial);
  let queue: Promise<unknown> = Promise.resolve();
  return {
    read: async () => JSON.parse(stored) as ContentRecord,
    update(change) {
      const next = queue.then(() => {
        const { record, result } = change(JSON.parse(stored) as ContentRecord);
        stored = JSON.stringify(record);
        return result;
      });
      queue = next.catch(() => undefined);
      return next;
    },
  };
}
