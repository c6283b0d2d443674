import type { BackendChange, BackendData } from './backendData.js';

/** Where the back end's records live (an append-only log file or memory). */
export interface BackendStore {
  /** The records as durably stored: the service takes them over at start, and again after a failed change. */
  read(): Promise<BackendData>;
  /** Makes one change durable: only the records it names, so its cost does not grow with the records kept. */
  commit(change: BackendChange): Promise<void>;
}
