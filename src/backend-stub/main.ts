import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { InvalidContentError, loadContent } from '../content/loadContent.js';
import { repoContentRules } from '../content/repoContentRules.js';
import type { Content } from '../content/schema.js';
import type { Clock } from '../ports/clock.js';
import type { Ids } from '../ports/ids.js';
import { randomIds } from '../adapters/randomIds.js';
import { systemClock } from '../adapters/systemClock.js';
import { createLogger, type Logger } from '../server/logger.js';
import { createBackendStubApp } from './app.js';
import { createBackendService, type BackendService } from './backendService.js';
import { demoRegistry, demoSeedApplications } from './demoRegistry.js';
import { openLowdbBackendStore } from './lowdbBackendStore.js';
import { createMemoryBackendStore } from './memoryBackendStore.js';
import type { BackendStore } from './backendStore.js';
import { defaultReviewDelayMs } from './defaultReviewDelay.js';
import { createSmsOutbox, type SmsMessage, type SmsOutbox } from './smsOutbox.js';
import type { PersonalDataCipher } from '../adapters/personalDataCipher.js';


export type BackendStubOptions = {
  /** 0 picks a free port (tests). */
  port?: number;
  /** Loopback unless told otherwise (BACKEND_HOST). */
  host?: string;
  /** Every call under /api/ must carry `Authorization: Bearer <secret>` (BACKEND_SECRET). */
  secret: string;
  /** Also told of each text the SMS stand-in sends (the terminal chat prints them). */
  onSms?: (message: SmsMessage) => void;
  /** Directory of the records (backend.log); without it (and without databaseUrl) they live in memory only. */
  dataDir?: string;
  /** PostgreSQL database of the records (BACKEND_DATABASE_URL, schema backend_stub); needs `cipher`. Wins over dataDir. */
  databaseUrl?: string;
  /** Seals the records at rest (they hold ID and phone numbers). */
  cipher?: PersonalDataCipher;
  reviewDelayMs?: number;
  /** Already loaded content (the assistant's process has it); otherwise loaded and checked from contentDir. */
  content?: Pick<Content, 'regions' | 'messages'>;
  contentDir?: string;
  clock?: Clock;
  logger?: Logger;
};

export type RunningBackendStub = {
  /** Base URL, e.g. http://127.0.0.1:3001 */
  url: string;
  service: BackendService;
  /** The SMS stand-in: the texts (one-time codes) it sent, per phone. */
  sms: SmsOutbox;
  /** A damaged data file was kept aside at start; the stub runs on what was recovered. */
  degraded: boolean;
  /** Stops accepting, lets requests in flight finish (each has written its records), then resolves. */
  close(): Promise<void>;
};

const repositoryRoot = fileURLToPath(new URL('../../', import.meta.url));
/** How long close() waits for requests in flight before cutting their connections. */
const closeGraceMs = 5_000;


export async function startBackendStub(options: BackendStubOptions): Promise<RunningBackendStub> {
  const clock = options.clock ?? systemClock;
  const logger = options.logger ?? createLogger({ level: 'info' });
  const content = options.content ?? (await loadCheckedContent(options.contentDir ?? repositoryRoot));
  const stored = await openStore(options, clock, logger);
  const store = stored ?? createMemoryBackendStore();
  const sms = createSmsOutbox({ clock, logger, ...(options.onSms ? { onSend: options.onSms } : {}) });
  const service = await createBackendService({
    store,
    clock,
    ids: randomIds,
    policies: content.regions,
    messages: content.messages,
    registry: demoRegistry,
    reviewDelayMs: options.reviewDelayMs ?? defaultReviewDelayMs,
    seedApplications: demoSeedApplications,
    sendSms: sms.send,
  });
  const server = createBackendStubApp({ service, logger, sms, secret: options.secret, degraded: stored?.degraded ?? false }).listen(options.port ?? 0, options.host ?? '127.0.0.1');
  await once(server, 'listening');
  const address = server.address() as AddressInfo;
  const url = `http://${address.family === 'IPv6' ? `[${address.address}]` : address.address}:${address.port}`;
  logger.info('backend stub ready', { url, dataDir: options.dataDir ?? null });

  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closing ??= new Promise<void>((resolve, reject) => {
      const force = setTimeout(() => server.closeAllConnections(), closeGraceMs).unref();
      server.close((error) => {
        clearTimeout(force);
        if (error) reject(error);
        else resolve();
      });
      server.closeIdleConnections();
    }).then(() => stored?.close());
    return closing;
  };
  return { url, service, sms, degraded: stored?.degraded ?? false, close };
}

async function openStore(options: BackendStubOptions, clock: Clock, logger: Logger): Promise<(BackendStore & { degraded?: boolean; close(): Promise<void> }) | undefined> {
  if (options.databaseUrl !== undefined) {
    if (options.cipher === undefined) throw new Error('the back-end stub keeps its records in PostgreSQL only sealed: give it the data key');
    // Loaded only when configured, like the assistant's own PostgreSQL stores.
    const { openPostgresBackendStore } = await import('./postgresBackendStore.js');
    return openPostgresBackendStore({ databaseUrl: options.databaseUrl, cipher: options.cipher });
  }
  if (options.dataDir === undefined) return undefined;
  return openLowdbBackendStore({ dataDir: options.dataDir, now: () => clock.now(), logger, ...(options.cipher ? { cipher: options.cipher } : {}) });
}

async function loadCheckedContent(rootDir: string): Promise<Pick<Content, 'regions' | 'messages'>> {
  const loaded = await loadContent(rootDir, repoContentRules);
  if (!loaded.ok) throw new InvalidContentError(loaded.problems);
  return loaded.content;
}
