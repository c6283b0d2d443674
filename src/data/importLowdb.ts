import type pg from 'pg';
import type { PersonalDataCipher } from '../adapters/personalDataCipher.js';
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
    const client = await options.pool.connect();
    try {
      await client.query('BEGIN');
      const result = await entry.copy({ dataDir: options.dataDir, cipher: options.sourceCipher }, { client, cipher: options.targetCipher });
      await client.query('COMMIT');
      reports.push({ store: entry.store, ...result });
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw new Error(`import of ${entry.store} failed and was rolled back: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    } finally {
      client.release();
    }
  }
  return reports;
}
