import { storeLogFileName } from '../adapters/embeddedStores.js';
import { backendLogFileName } from '../backend-stub/lowdbBackendStore.js';
import { handoffsFileName } from '../adapters/lowdbHandoffs.js';

/**
 * Everything that holds personal data sealed under the data key, as `npm run data -- rotate-key` re-seals it.
 * A store that seals something new adds its file or its columns here.
 */

/** Append-only logs in DATA_DIR whose records are sealed (see AppendLog). */
export const sealedLogFiles: readonly string[] = [storeLogFileName, backendLogFileName];

/** JSON documents in DATA_DIR holding some values sealed (written under their file lock, see withFileLock). */
export const sealedJsonFiles: readonly string[] = [handoffsFileName];

/** PostgreSQL columns holding sealed text, by table and the column that identifies a row. */
export type SealedColumns = { table: string; key: string; columns: readonly string[] };

export const sealedColumns: readonly SealedColumns[] = [
  { table: 'sessions', key: 'id', columns: ['document'] },
  { table: 'outbox', key: 'key', columns: ['request', 'result'] },
  { table: 'callback_tickets', key: 'ticket_number', columns: ['sealed'] },
  // The back-end stub's, when it keeps its records in this database (BACKEND_DATABASE_URL unset or the same).
  { table: 'backend_stub.backend_applications', key: 'id', columns: ['sealed'] },
  { table: 'backend_stub.backend_bindings', key: 'key', columns: ['sealed'] },
];
