import { loadStoredSecret } from './storedSecret.js';

/** SESSION_SECRET when set; otherwise a random secret kept in DATA_DIR/secret, so session tokens survive a restart. */
export function loadSessionSecret(dataDir: string, configured: string | undefined): Promise<string> {
  return loadStoredSecret({ dataDir, fileName: 'secret', configured, variable: 'SESSION_SECRET' });
}
