import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseConfig } from '../../src/config/config.js';
import { startServer, type RunningServer } from '../../src/server/main.js';

/**
 * The real assistant, in process: the composition root of `npm start` with the real engine and content, lowdb
 * persistence in a temp DATA_DIR, and the back-end stub beside it, everything on port 0. `environment` adds or
 * overrides variables (e.g. AGENT_HOURS, so agents answer whenever the suite runs).
 */
export async function startAssistant(environment: Record<string, string> = {}): Promise<RunningServer & { dataDir: string }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'gongji-e2e-'));
  const config = parseConfig({
    PORT: '0',
    BACKEND_PORT: '0',
    DATA_DIR: dataDir,
    SESSION_STORE: 'lowdb',
    LOG_LEVEL: 'error',
    // The tests drive many turns from one address in a few seconds.
    RATE_LIMIT_PER_MINUTE: '10000',
    CONTENT_DIR: process.env.CONTENT_DIR,
    ...environment,
  });
  if (!config.ok) throw new Error(`e2e config: ${JSON.stringify(config.problems)}`);
  // Review delay 0: the stub decides at once, so the record number comes back within the conversation.
  const server = await startServer(config.value, { backendReviewDelayMs: 0 });
  return {
    ...server,
    dataDir,
    close: async () => {
      await server.close();
      // A store file can still be renamed into place as the last write settles (seen once in CI as ENOTEMPTY): retry.
      rmSync(dataDir, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
    },
  };
}
