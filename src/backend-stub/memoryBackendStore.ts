import { emptyBackendData, type BackendData } from './backendData.js';
import type { BackendStore } from './backendStore.js';

/** Keeps copies, so that a caller mutating what it read cannot change what was stored. */
export function createMemoryBackendStore(initial: BackendData = emptyBackendData()): BackendStore {
  let stored = structuredClone(initial);
  return {
    async read() {
      return structuredClone(stored);
    },
    async write(data) {
      stored = structuredClone(data);
    },
  };
}
