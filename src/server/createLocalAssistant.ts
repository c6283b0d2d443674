import { createInProcessBindingBackend } from '../adapters/inProcessBindingBackend.js';
import { createMemoryOutbox } from '../adapters/memoryOutbox.js';
import { createMemorySessionStore } from '../adapters/memorySessionStore.js';
import { createBackendService, type BackendService } from '../backend-stub/backendService.js';
import { demoRegistry, demoSeedApplications } from '../backend-stub/demoRegistry.js';
import { createMemoryBackendStore } from '../backend-stub/memoryBackendStore.js';
import { createSmsOutbox, type SmsMessage, type SmsOutbox } from '../backend-stub/smsOutbox.js';
import type { EngineContext } from '../engine/engineContext.js';
import type { BindingBackend } from '../ports/bindingBackend.js';
import type { Clock } from '../ports/clock.js';
import type { Ids } from '../ports/ids.js';
import { createConversationService, type ConversationService } from './conversationService.js';
import { createFilingWorker, type FilingWorker } from './filingWorker.js';
import { createLogger } from './logger.js';

/** `backendService` answers operator calls (listForOperator); `sms` holds the one-time codes the back end texted. */
export type LocalAssistant = { service: ConversationService; backend: BindingBackend; backendService: BackendService; worker: FilingWorker; sms: SmsOutbox };

/**
 * The whole assistant in one process and in memory — the real engine, runner, outbox, filing worker and back-end
 * rules, without HTTP. For the terminal chat and the transcript tests.
 */
export async function createLocalAssistant(options: {
  context: EngineContext;
  clock: Clock;
  ids: Ids;
  reviewDelayMs: number;
  /** Told of each text the back end sends (the terminal shows them, standing in for the person's phone). */
  onSms?: (message: SmsMessage) => void;
  /** The demo's pre-existing bindings (吴国华 → 吴秀英), as `npm start` has them. */
  seedDemo?: boolean;
}): Promise<LocalAssistant> {
  const { context, clock, ids } = options;
  const quiet = createLogger({ level: 'error', write: () => undefined });
  const sms = createSmsOutbox({ clock, logger: quiet, ...(options.onSms ? { onSend: options.onSms } : {}) });
  const service = await createBackendService({
    store: createMemoryBackendStore(),
    clock,
    ids,
    policies: context.content.regions,
    messages: context.content.messages,
    registry: demoRegistry,
    reviewDelayMs: options.reviewDelayMs,
    sendSms: sms.send,
    ...(options.seedDemo ? { seedApplications: demoSeedApplications } : {}),
  });
  const backend = createInProcessBindingBackend(service);
  let deliver: ConversationService['deliver'] = async () => undefined;
  const outbox = createMemoryOutbox();
  const worker = createFilingWorker({
    outbox,
    backend,
    clock,
    onResult: (sessionId, result) => deliver(sessionId, result),
    retryDelayMs: 1_000,
    logger: quiet,
  });
  const conversations = createConversationService({ context: () => context, store: createMemorySessionStore({ outbox }), backend, filing: worker, clock, ids });
  deliver = (sessionId, input) => conversations.deliver(sessionId, input);
  return { service: conversations, backend, backendService: service, worker, sms };
}

/** Counting ids: deterministic, for tests and the terminal (never for sessions reachable over a network). */
export function countingIds(): Ids {
  let count = 0;
  return { next: (prefix = 'id') => `${prefix}-${(count += 1)}` };
}
