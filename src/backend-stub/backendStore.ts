import type { BackendData } from './backendData.js';

/** Where the back end's records live (a lowdb file or memory). The service writes the whole data after each change. */
export interface BackendStore {
  read(): Promise<BackendData>;
  /** Resolves once the data is durable: a failed write rejects and the service keeps its previous data. */
  write(data: BackendData): Promise<void>;
}
