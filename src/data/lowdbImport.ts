import type pg from 'pg';
import type { PersonalDataCipher } from '../adapters/personalDataCipher.js';

/** Where an embedded installation is read from: its DATA_DIR, opened with every key its files were sealed with. */
export type ImportSource = { dataDir: string; cipher: PersonalDataCipher };

/** Where it goes: one transaction on the PostgreSQL database, sealing under the database's DATA_KEY. */
export type ImportTarget = { client: pg.PoolClient; cipher: PersonalDataCipher };

export type ImportResult = {
  /** Records found in the embedded files. */
  read: number;
  /** Rows added or brought up to date; 0 when the database already had everything (a second run). */
  written: number;
  /** What an operator must know: damaged lines not copied, files not found. */
  warnings: string[];
};

/**
 * One store's move from the embedded files into PostgreSQL (`npm run data -- import-lowdb`). It reads the files and
 * never changes them; it writes in the transaction it is given, and throws to roll it back (e.g. when an
 * application still to be filed did not arrive). Running it again writes nothing new: rows already there are kept,
 * unless the files hold a newer version of them.
 */
export type LowdbImport = {
  /** What is copied, as the report names it. */
  store: string;
  copy(source: ImportSource, target: ImportTarget): Promise<ImportResult>;
};
