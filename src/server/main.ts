import { once } from 'node:events';
import { readFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createHttpBindingBackend } from '../adapters/httpBindingBackend.js';
import { randomIds } from '../adapters/randomIds.js';
import { systemClock } from '../adapters/systemClock.js';
import { openEmbeddedStores } from '../adapters/embeddedStores.js';
import { createMemoryOutbox } from '../adapters/memoryOutbox.js';
import { createMemorySessionStore } from '../adapters/memorySessionStore.js';
import { startBackendStub, type RunningBackendStub } from '../backend-stub/main.js';
import { createSessionTokens, defaultTokenLifetimeMs } from '../channels/http/sessionTokens.js';
import { createWebMessages } from '../channels/http/webMessages.js';
import { createUpdatesEndpoint } from '../channels/http/createUpdatesEndpoint.js';
import { formatConfigProblems, parseConfig, type Config } from '../config/config.js';
import { loadBackendSecret } from '../config/backendSecret.js';
import { loadSessionSecret } from '../config/sessionSecret.js';
import { preparePrivateDataDirectory } from '../config/dataDirectory.js';
import { loadDataCipher } from '../config/dataKey.js';
import { InvalidContentError, formatProblems } from '../content/loadContent.js';
import type { Clock } from '../ports/clock.js';
import type { Ids } from '../ports/ids.js';
import type { SessionStore } from '../ports/sessionStore.js';
import type { Outbox } from '../ports/outbox.js';
import type { RequestLimiter } from '../ports/requestLimiter.js';
import type { SessionEvents } from '../ports/sessionEvents.js';
import type { Events } from '../ports/events.js';
import type { Inbox } from '../ports/inbox.js';
import type { TurnLocks } from '../ports/turnLocks.js';
import { createMemoryRequestLimiter } from '../adapters/flexibleRequestLimiter.js';
import { buildWidget } from '../widget/buildWidget.js';
import { attachOnFirstUpgrade } from './attachOnFirstUpgrade.js';
import { createLimitedServer, defaultConnectionLimits, type ConnectionLimits } from './connectionLimits.js';
import { createWebServer } from './createApp.js';
import { createConversationService, type ConversationService } from './conversationService.js';
import { createMemoryHandoffs } from '../adapters/memoryHandoffs.js';
import { openLowdbHandoffs } from '../adapters/lowdbHandoffs.js';
import { createProcessHandoffEvents } from '../adapters/processHandoffEvents.js';
import { createEditorSide } from './createEditorSide.js';
import { openInsightStores, type InsightStores } from './openInsightStores.js';
import { createStaffSide, type StaffSide } from './createStaffSide.js';
import { createFilingWorker } from './filingWorker.js';
import { createLogger, type Logger } from './logger.js';
import { startRetentionSweeper } from './retentionSweeper.js';
import { startContent, type ContentSide } from './startContent.js';

/**
 * The composition root: the only place that wires the pieces together. `npm start` runs main(); tests and
 * benchmarks call startServer() with their own config (port 0, a temp DATA_DIR, the stub on port 0).
 */



// Relative to src/<folder>/: the same from this file and from the bundle `npm start` runs (src/server/main.bundle.mjs).
const demoPagePath = fileURLToPath(new URL('../widget/demoPage.html', import.meta.url));

/** The back end is on loopback beside us; a slow answer means it is down, and the outbox retries later. */
const backendTimeoutMs = 5_000;
const filingRetryDelayMs = 2_000;
/** How often an instance on a shared database looks for applications whose lease ended (see outboxLeaseSeconds). */
const outboxSweepMs = 15_000;
/** An agent counts as present this long after their console last polled the queue (it polls every few seconds). */
const agentPresenceMs = 60_000;
/** The optional language model only picks among FAQ entries; a person should never wait long on it. */
const modelTimeoutMs = 3_000;
/** How long shutdown waits for requests in flight before cutting their connections. */
const closeGraceMs = 5_000;

export type StartOptions = {
  /** Where log lines go (stdout by default); benchmarks pass a sink that formats but discards. */
  writeLog?: (line: string) => void;
  clock?: Clock;
  /** Review delay of the back-end stub started beside us (ms). */
  backendReviewDelayMs?: number;
  /** Slow-client timeouts (tests shorten them; the per-address cap comes from the configuration). */
  connectionLimits?: Partial<Omit<ConnectionLimits, 'perAddress'>>;
  /** How often sessions and settled outbox entries past their retention are swept (default once a minute). */
  sessionSweepMs?: number;
};

export type RunningServer = {
  url: string;
  backendUrl: string;
  service: ConversationService;
  /** Content versions and the live engine context (publish without restart). */
  content: ContentSide;
  store: SessionStore;
  staff: StaffSide;
  logger: Logger;
  /** Conversation events and the editors' inbox (docs/events.md). */
  insights: InsightStores;
  /** Milliseconds from startServer() to answering HTTP (websockets are accepted from then on, see attachOnFirstUpgrade). */
  readyMs: number;
  close(): Promise<void>;
};

export async function startServer(config: Config, options: StartOptions = {}): Promise<RunningServer> {
  const started = performance.now();
  const clock = options.clock ?? systemClock;
  const logger = createLogger({ level: config.logLevel, ...(options.writeLog ? { write: options.writeLog } : {}) });
  const dataDir = path.resolve(config.dataDir);
  await preparePrivateDataDirectory(dataDir);
  const persistent = config.sessionStore === 'lowdb';
  // ID and phone numbers are sealed wherever they are stored: the embedded logs, the stub's, PostgreSQL.
  const cipher =
    persistent || config.databaseUrl !== undefined || config.backendDatabaseUrl !== undefined ? await loadDataCipher(dataDir, { current: config.dataKey, previous: config.dataKeyPrevious }) : undefined;

  // Opened before content: with a database, content versions live there too.
  const postgres =
    config.databaseUrl !== undefined && cipher !== undefined
      ? await (await import('./openPostgresStores.js')).openPostgresStores({
          databaseUrl: config.databaseUrl,
          cipher,
          perMinute: config.rateLimitPerMinute,
          ids: randomIds,
          clock,
          staffSessionIdleMinutes: config.staffSessionIdleMinutes,
          onError: (error) => logger.error('PostgreSQL connection failed', { error }),
        })
      : undefined;

  const contentSide = await startContent({
    contentDir: config.contentDir,
    dataDir,
    store: postgres?.content ?? config.contentStore,
    approval: config.contentApproval,
    syncSeconds: config.contentSyncSeconds,
    modelAvailable: config.openai !== undefined,
    formRetentionHours: config.formRetentionHours,
    clock,
    logger,
  });
  // The wording of the web API, the widget and the stub is read once here; the engine follows each publish.
  const { content } = contentSide.live.context();
  const webMessages = createWebMessages(content.messages);

  /** Damaged files found at start (kept aside, logged): the service runs on what was recovered and says it is degraded. */
  let degraded = false;
  const openStores = async (): Promise<{
    store: SessionStore;
    outbox: Outbox;
    requestLimiter: RequestLimiter;
    /** Set when several instances share the stores; this process's own otherwise. */
    turnLocks?: TurnLocks;
    events?: SessionEvents;
    /** Conversation events and the editors' inbox, when they live beside the conversations (PostgreSQL). */
    insights?: { events: Events; inbox: Inbox };
    close?: () => Promise<void>;
  }> => {
    if (postgres !== undefined) return postgres;
    const requestLimiter = createMemoryRequestLimiter(config.rateLimitPerMinute);
    if (!persistent) {
      const outbox = createMemoryOutbox();
      return { store: createMemorySessionStore({ outbox }), outbox, requestLimiter };
    }
    const stores = await openEmbeddedStores({
      dataDir,
      now: () => clock.now(),
      ...(cipher ? { cipher } : {}),
      onCompactionError: (error) => logger.error('store log compaction failed; the log keeps growing until one succeeds', { error }),
    });
    for (const problem of stores.problems) logger.error('a data file could not be used as it was and was kept aside; running on what was recovered', problem);
    if (stores.problems.length > 0) degraded = true;
    if (stores.imported.sessions + stores.imported.outboxEntries > 0) logger.info('imported the previous release\'s data files', stores.imported);
    return { store: stores.sessions, outbox: stores.outbox, requestLimiter, close: stores.close };
  };
  const backendSecret = await loadBackendSecret(dataDir, config.backendSecret);
  const [script, demoPage, secret, { store, outbox, requestLimiter, turnLocks, events, insights: sharedInsights, close: closeStores }, stub] = await Promise.all([
    buildWidget(content.messages),
    readFile(demoPagePath, 'utf8'),
    loadSessionSecret(dataDir, config.sessionSecret),
    openStores(),
    config.startBackendStub
      ? startBackendStub({
          port: config.backendPort,
          host: config.backendHost,
          secret: backendSecret,
          dataDir: persistent ? dataDir : undefined,
          ...(config.backendDatabaseUrl === undefined ? {} : { databaseUrl: config.backendDatabaseUrl }),
          ...(cipher ? { cipher } : {}),
          content,
          clock,
          logger,
          reviewDelayMs: options.backendReviewDelayMs ?? config.backendReviewDelayMs,
        })
      : Promise.resolve<RunningBackendStub | undefined>(undefined),
  ]);
  const backendUrl = stub?.url ?? config.backendUrl;
  const backend = createHttpBindingBackend({ baseUrl: backendUrl, secret: backendSecret, timeoutMs: backendTimeoutMs, retries: 2 });

  // The worker reports late outcomes to the service, which itself files through the worker (started only below).
  const filing = createFilingWorker({
    outbox,
    backend,
    clock,
    retryDelayMs: filingRetryDelayMs,
    // With several instances, an application leased to one that died is taken over once its lease ends.
    ...(config.databaseUrl === undefined ? {} : { sweepEveryMs: outboxSweepMs }),
    onResult: (sessionId, result) => service.deliver(sessionId, result),
    logger,
  });
  // Loaded only when configured: the OpenAI client costs about 0.1 s of start-up.
  const languageModel = config.openai
    ? (await import('../adapters/openAiLanguageModel.js')).createOpenAiLanguageModel({ baseUrl: config.openai.baseUrl, apiKey: config.openai.apiKey, model: config.openai.model, timeoutMs: modelTimeoutMs })
    : undefined;
  // On disk whenever conversations are: a person's place in the queue survives a restart like their form.
  const handoffs = postgres?.handoffs ?? (persistent ? await openLowdbHandoffs(dataDir, { ...(cipher ? { cipher } : {}) }) : createMemoryHandoffs());
  const handoffEvents = postgres?.handoffEvents ?? createProcessHandoffEvents((error) => logger.error('a handoff change listener failed', { error }));
  const insights = await openInsightStores({
    dataDir,
    persistent,
    ...(sharedInsights ? { shared: sharedInsights } : {}),
    clock,
    logger,
    eventsRetentionDays: config.eventsRetentionDays,
    inboxRetentionDays: config.inboxRetentionDays,
  });
  const service = createConversationService({
    context: contentSide.live.context,
    store,
    backend,
    filing,
    clock,
    ids: randomIds,
    ...(turnLocks ? { turnLocks } : {}),
    ...(events ? { events } : {}),
    handoffs: { queue: handoffs, hours: config.agentHours, presenceMs: agentPresenceMs, events: handoffEvents },
    recordRun: insights.recorder.recordRun,
    ...(languageModel ? { languageModel, onModelError: (error: unknown) => logger.warn('language model failed; asked the person instead', { error }) } : {}),
  });
  await filing.start();

  const staff = await createStaffSide({
    dataDir,
    clock,
    ids: randomIds,
    logger,
    messages: content.messages,
    webMessages,
    idleMinutes: config.staffSessionIdleMinutes,
    perMinute: config.staffRateLimitPerMinute,
    auditRetentionDays: config.auditRetentionDays,
    service,
    store,
    context: contentSide.live.context,
    handoffs,
    handoffEvents,
    ...(postgres ? { stores: postgres.staff } : {}),
  });
  // A publish on any instance goes live here at once; the periodic sync stays for what a broken connection missed.
  const stopContentListening = postgres?.onContentChange(() => {
    contentSide.live.sync().catch((error: unknown) => logger.error('content sync failed; retrying', { error }));
  });
  const editorSide = createEditorSide({
    staff,
    content: contentSide,
    clock,
    modelAvailable: config.openai !== undefined,
    staleDays: config.contentStaleDays,
    logger,
    insights: { events: insights.events, inbox: insights.inbox, inboxRetentionDays: config.inboxRetentionDays, eventsRetentionDays: config.eventsRetentionDays },
  });
  // A token must outlive a half-filled form kept for the person (FORM_RETENTION_HOURS), or the reload could not resume it.
  const tokens = createSessionTokens({ secret, clock, lifetimeMs: Math.max(defaultTokenLifetimeMs, (config.formRetentionHours * 60 + config.sessionTtlMinutes) * 60_000) });
  const web = createWebServer({
    service,
    tokens,
    messages: content.messages,
    logger,
    corsOrigins: config.corsOrigins,
    rateLimitPerMinute: config.rateLimitPerMinute,
    requestLimiter,
    trustedProxies: config.trustedProxies,
    staffRoutes: [...staff.routes, ...editorSide.routes],
    widget: { script, demoPage },
    updates: createUpdatesEndpoint({ service, store, tokens, messages: webMessages, handoffEvents }),
    health: () => (degraded || stub?.degraded === true ? 'degraded' : 'ok'),
  });
  const server = createLimitedServer(
    web.listener,
    { ...defaultConnectionLimits, ...options.connectionLimits, perAddress: config.connectionsPerAddress },
    (address) => logger.debug('connection refused: too many from one address', { address }),
  );
  const sweeper = startRetentionSweeper({
    store,
    outbox,
    clock,
    ttlMinutes: config.sessionTtlMinutes,
    outboxRetentionDays: config.outboxRetentionDays,
    dataDir,
    logger,
    ...(options.sessionSweepMs === undefined ? {} : { everyMs: options.sessionSweepMs }),
  });

  const websocket = attachOnFirstUpgrade(
    server,
    async () => {
      const { createBotkitChannel } = await import('../channels/botkit/createBotkitChannel.js');
      return createBotkitChannel({
        server,
        service,
        store,
        tokens,
        messages: webMessages,
        logger,
        allowedOrigins: config.corsOrigins,
        requestLimiter,
        trustedProxies: config.trustedProxies,
        handoffEvents,
      });
    },
    logger,
  );

  server.listen(config.port, config.host);
  await once(server, 'listening');
  const address = server.address() as AddressInfo;
  const url = `http://${address.family === 'IPv6' ? `[${address.address}]` : address.address}:${address.port}`;
  const readyMs = performance.now() - started;
  logger.info('ready', { url, backendUrl, startMs: Math.round(readyMs), sinceProcessStartMs: Math.round(performance.now()), nluTrainingMs: contentSide.live.context().reader.model.trainingMs });

  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closing ??= (async () => {
      const stopped = new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
      server.closeIdleConnections();
      const force = setTimeout(() => server.closeAllConnections(), closeGraceMs).unref();
      await websocket.close();
      sweeper.stop();
      await staff.stop();
      await contentSide.stop();
      stopContentListening?.();
      await editorSide.stop();
      await stopped;
      clearTimeout(force);
      await filing.stop();
      await insights.close();
      await store.flush();
      await closeStores?.();
      await stub?.close();
    })();
    return closing;
  };

  return { url, backendUrl, service, content: contentSide, store, staff, insights, logger, readyMs, close };
}

/** Every store on one PostgreSQL database (DATABASE_URL), migrated at start; personal data sealed under DATA_KEY. */

async function main(): Promise<void> {
  const config = parseConfig(process.env);
  if (!config.ok) {
    process.stderr.write(`${formatConfigProblems(config.problems)}\n`);
    process.exit(1);
  }
  let running: RunningServer;
  try {
    running = await startServer(config.value);
  } catch (error) {
    if (error instanceof InvalidContentError) {
      process.stderr.write(`内容有误，服务未启动：\n${formatProblems(error.problems)}\n`);
      process.exit(1);
    }
    const busy = busyPort(error);
    if (busy !== undefined) {
      const variable = config.value.startBackendStub && busy.port === config.value.backendPort ? 'BACKEND_PORT' : 'PORT';
      process.stderr.write(`启动失败：端口 ${busy.port}（${busy.address}）已被占用，可能已有一个共济助手在运行；请先停止它，或用环境变量 ${variable} 换一个端口。\n`);
      process.exit(1);
    }
    throw error;
  }
  const shutdown = (signal: string): void => {
    running.logger.info('shutting down', { signal });
    running.close().then(
      () => process.exit(0),
      (error: unknown) => {
        running.logger.error('shutdown was not clean', { error });
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));
}

/** A listen error because the port is taken: the one start failure an operator meets often, told in one line. */
function busyPort(error: unknown): { port: number; address: string } | undefined {
  if (!(error instanceof Error) || !('code' in error) || error.code !== 'EADDRINUSE') return undefined;
  const { port, address } = error as Error & { port?: unknown; address?: unknown };
  return typeof port === 'number' ? { port, address: typeof address === 'string' ? address : '' } : undefined;
}

if (process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error: unknown) => {
    process.stderr.write(`启动失败：${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  });
}
