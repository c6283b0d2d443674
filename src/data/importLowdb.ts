import type pg from 'pg';
import type { PersonalDataCipher } from '../adapters/personalDataCipher.js';
import { inTransaction } from '../adapters/postgresTransaction.js';
import type { ImportResult, LowdbImport } from './lowdbImport.js';
import { lowdbImports } from './lowdbImports.js';

export type StoreImportReport = ImportResult & { store: string };

/**
 * Copies an embedded installation (DATA_DIR) into a migrated PostgreSQL database, one store per transaction: a
 * store arrives whole or not at all, and running it again adds nothing that is already there.
 */
export async function importLowdb(options: {
  dataDir: string;
  /** Opens the files: every key they may have been sealed with (DATA_DIR/data-key, DATA_KEY, DATA_KEY_PREVIOUS). */
  sourceCipher: PersonalDataCipher;
  pool: pg.Pool;
  /** Seals into the database (DATA_KEY). */
  targetCipher: PersonalDataCipher;
  imports?: readonly LowdbImport[];
}): Promise<StoreImportReport[]> {
  const reports: StoreImportReport[] = [];
  for (const entry of options.imports ?? lowdbImports) {
    try {
      const result = await inTransaction(options.pool, (client) => entry.copy({ dataDir: options.dataDir, cipher: options.sourceCipher }, { client, cipher: options.targetCipher }));
      reports.push({ store: entry.store, ...result });
    } catch (error) {
      throw new Error(`import of ${entry.store} failed and was rolled back: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    }
  }
  return reports;
}
