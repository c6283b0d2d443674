import { loadStoredSecret } from './storedSecret.js';

/**
 * The secret the assistant and the back-end stub share (`Authorization: Bearer …` on every call): BACKEND_SECRET
 * when set; otherwise one generated into DATA_DIR/backend-secret, which both read when they share DATA_DIR.
 */
export function loadBackendSecret(dataDir: string, configured: string | undefined): Promise<string> {
  return loadStoredSecret({ dataDir, fileName: 'backend-secret', configured, variable: 'BACKEND_SECRET' });
}
