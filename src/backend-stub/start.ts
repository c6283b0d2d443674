import path from 'node:path';
import { loadBackendSecret } from '../config/backendSecret.js';
import { preparePrivateDataDirectory } from '../config/dataDirectory.js';
import { loadDataCipher } from '../config/dataKey.js';
import { formatConfigProblems, parseConfig } from '../config/config.js';
import { createLogger } from '../server/logger.js';
import { startBackendStub } from './main.js';

/**
 * `tsx src/backend-stub/start.ts`: the stub alone, on BACKEND_HOST:BACKEND_PORT, with its records in
 * BACKEND_DATABASE_URL (default DATABASE_URL) or else DATA_DIR/backend.log, answering callers that carry BACKEND_SECRET (or the one generated into DATA_DIR).
 */
const config = parseConfig(process.env);
if (!config.ok) {
  process.stderr.write(`${formatConfigProblems(config.problems)}\n`);
  process.exit(1);
}
const logger = createLogger({ level: config.value.logLevel });
try {
  const dataDir = path.resolve(config.value.dataDir);
  await preparePrivateDataDirectory(dataDir);
  const stub = await startBackendStub({
    port: config.value.backendPort,
    host: config.value.backendHost,
    secret: await loadBackendSecret(dataDir, config.value.backendSecret),
    dataDir,
    ...(config.value.backendDatabaseUrl === undefined ? {} : { databaseUrl: config.value.backendDatabaseUrl }),
    cipher: await loadDataCipher(dataDir, { current: config.value.dataKey, previous: config.value.dataKeyPrevious }),
    reviewDelayMs: config.value.backendReviewDelayMs,
    contentDir: config.value.contentDir,
    logger,
  });
  const shutdown = (signal: string): void => {
    logger.info('backend stub shutting down', { signal });
    stub.close().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error('backend stub did not close cleanly', { error });
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
