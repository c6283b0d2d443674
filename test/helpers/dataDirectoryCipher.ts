import type { PersonalDataCipher } from '../../src/adapters/personalDataCipher.js';
import { loadDataCipher } from '../../src/config/dataKey.js';

/** The cipher a server sealed a data directory's logs with (its generated DATA_DIR/data-key), to read them in a test. */
export async function dataDirectoryCipher(dataDir: string): Promise<PersonalDataCipher> {
  return loadDataCipher(dataDir, { current: undefined });
}
