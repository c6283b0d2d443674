import type { Router } from 'express';
import { openFileAuditLog } from '../adapters/fileAuditLog.js';
import { openLowdbStaffStore } from '../adapters/lowdbStaffStore.js';
import { createAgentRoutes } from '../channels/agent/createAgentRoutes.js';
import { createHandoffRoutes } from '../channels/agent/createHandoffRoutes.js';
import type { Handoffs } from '../ports/handoffs.js';
import type { HandoffEvents } from '../ports/handoffEvents.js';
import { createAgentLive } from '../channels/agent/createAgentLive.js';
import { createQueueViews } from '../channels/agent/queueViews.js';
import { readStaffCookie } from '../channels/staff/staffCookie.js';
import type { WebMessages } from '../channels/http/webMessages.js';
import { createStaffRoutes } from '../channels/staff/createStaffRoutes.js';
import { createStaffGate, type StaffGate } from '../channels/staff/staffGate.js';
import { createStaffMessages } from '../channels/staff/staffMessages.js';
import type { AuditLog } from '../ports/auditLog.js';
import type { Clock } from '../ports/clock.js';
import type { Ids } from '../ports/ids.js';
import { createStaffAccounts, type StaffAccounts } from '../staff/staffAccounts.js';
import { createMemoryStaffSessions } from '../adapters/memoryStaffSessions.js';
import type { StaffSessions } from '../ports/staffSessions.js';
import type { StaffStore } from '../ports/staffStore.js';
import type { EngineContext } from '../engine/engineContext.js';
import type { SessionStore } from '../ports/sessionStore.js';
import type { ConversationService } from './conversationService.js';
import { callRegions } from '../channels/agent/callRegions.js';
import { createConsoleRoutes } from './consoleAssets.js';
import type { Logger } from './logger.js';

const dayMs = 24 * 60 * 60 * 1000;

export type StaffSide = {
  accounts: StaffAccounts;
  audit: AuditLog;
  /** requireStaff(role) for every staff API (the agent's, the editor's). */
  gate: StaffGate;
  /** Mounted before the public API's per-address rate limit (staff are limited per account instead). */
  routes: { path: string; router: Router }[];
  /** Stops the timers and ends the agents' live streams. */
  stop(): Promise<void>;
};

/** Staff accounts, sessions, the audit log and their routes, wired from the configuration. */
export async function createStaffSide(options: {
  dataDir: string;
  clock: Clock;
  ids: Ids;
  logger: Logger;
  messages: Readonly<Record<string, string>>;
  webMessages: WebMessages;
  idleMinutes: number;
  perMinute: number;
  auditRetentionDays: number;
  /** The conversations hotline agents work on, through the same runner as every channel. */
  service: ConversationService;
  store: SessionStore;
  context: () => EngineContext;
  /** Conversations people handed to agents (转人工), shared with the service that queues them. */
  handoffs: Handoffs;
  /** Changes to that queue, pushed to the agents' live streams. */
  handoffEvents: HandoffEvents;
  /** Origins besides our own allowed to open the agents' live stream (CORS_ORIGINS). */
  allowedOrigins?: readonly string[];
  /** Shared by several instances (PostgreSQL); otherwise the files in DATA_DIR and this process's memory. */
  stores?: { accounts: StaffStore; sessions: StaffSessions; audit: AuditLog };
}): Promise<StaffSide> {
  const { clock, logger } = options;
  const [store, audit] = options.stores ? [options.stores.accounts, options.stores.audit] : await Promise.all([openLowdbStaffStore(options.dataDir), openFileAuditLog(options.dataDir)]);
  const accounts = createStaffAccounts({ store, audit, clock, ids: options.ids });
  const sessions = options.stores?.sessions ?? createMemoryStaffSessions({ clock, idleMinutes: options.idleMinutes });
  const messages = createStaffMessages(options.messages);
  const gate = createStaffGate({ accounts, sessions, messages, perMinute: options.perMinute });

  const prune = (): void => {
    audit.prune(new Date(clock.now().getTime() - options.auditRetentionDays * dayMs)).then(
      (dropped) => {
        if (dropped > 0) logger.info('audit entries past retention dropped', { dropped });
      },
      (error: unknown) => logger.error('audit retention prune failed; retrying tomorrow', { error }),
    );
  };
  prune();
  const pruning = setInterval(prune, dayMs).unref();

  const live = createAgentLive({
    gate,
    handoffs: options.handoffs,
    events: options.handoffEvents,
    views: createQueueViews({ handoffs: options.handoffs, store: options.store, context: options.context, clock }),
    clock,
    logger,
    context: options.context,
    allowedOrigins: options.allowedOrigins ?? [],
    async stillSignedIn(request) {
      const token = readStaffCookie(request);
      const session = token === undefined ? undefined : await sessions.find(token);
      if (session === undefined) return false;
      const account = await accounts.getById(session.staffId);
      return account !== undefined && !account.disabled;
    },
  });

  return {
    accounts,
    audit,
    gate,
    routes: [
      { path: '/api/v1/staff', router: createStaffRoutes({ accounts, sessions, gate, messages, webMessages: options.webMessages }) },
      {
        path: '/',
        router: createConsoleRoutes({
          name: 'agent',
          path: '/agent',
          messages: () => options.context().content.messages,
          data: () => ({ 'console-regions': callRegions(options.context().content) }),
        }),
      },
      { path: '/api/v1/agent/live', router: live.router },
      {
        path: '/api/v1/agent/handoffs',
        router: createHandoffRoutes({
          gate,
          handoffs: options.handoffs,
          service: options.service,
          store: options.store,
          context: options.context,
          audit,
          clock,
          webMessages: options.webMessages,
          events: options.handoffEvents,
        }),
      },
      {
        path: '/api/v1/agent',
        router: createAgentRoutes({ gate, service: options.service, store: options.store, context: options.context, audit, clock, messages, webMessages: options.webMessages }),
      },
    ],
    stop: async () => {
      clearInterval(pruning);
      await live.close();
    },
  };
}
