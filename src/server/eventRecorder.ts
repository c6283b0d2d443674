import { createHash } from 'node:crypto';
import { eventsOfRun, type InboxDraft } from '../insights/stepEvents.js';
import type { Events, RecordedEvent } from '../ports/events.js';
import type { NewInboxQuestion } from '../ports/inbox.js';
import type { ConversationServiceDependencies } from './conversationService.js';
import type { Logger } from './logger.js';

type RecordRun = NonNullable<ConversationServiceDependencies['recordRun']>;

export type EventRecorder = {
  /** For the conversation service: derives the run's events and queues them; never waits, never throws. */
  recordRun: RecordRun;
  /** Resolves once everything queued so far is stored (tests, shutdown). */
  flush(): Promise<void>;
};

/** Batches waiting beyond this are dropped (and logged): a slow store must never grow the server's memory without bound. */
const maximumWaiting = 1_000;

/** A conversation's id opens it; the events carry a one-way pseudonym, enough to tell conversations apart. */
export function conversationPseudonym(conversationId: string): string {
  return createHash('sha256').update(`gongji-events:${conversationId}`).digest('base64url').slice(0, 16);
}

/**
 * Records what each run of the engine did (docs/events.md), off the turn's path: the events are derived from the
 * steps' outputs here at the edge, then stored one batch after another while the person already has the answer.
 */
export function createEventRecorder(options: { events: Events; logger: Logger; onInbox?: (question: NewInboxQuestion) => Promise<void> }): EventRecorder {
  const { events, logger } = options;
  let queue: Promise<void> = Promise.resolve();
  let waiting = 0;
  return {
    recordRun(run) {
      let batch: RecordedEvent[];
      let inbox: InboxDraft | undefined;
      let region: string | null;
      try {
        const derived = eventsOfRun(run.steps, run.understanding, run.handoffs);
        const state = run.steps.at(-1)?.result.state;
        region = state?.form?.region ?? state?.region ?? null;
        const conversation = conversationPseudonym(run.conversationId);
        const at = run.at.toISOString();
        batch = derived.events.map((event) => ({ ...event, at, conversation, region, ...(event.once === undefined ? {} : { once: conversationPseudonym(`${run.conversationId}:${event.once}`) }) }));
        inbox = derived.inbox;
      } catch (error) {
        logger.error('events of a turn could not be derived; the turn went on without them', { error });
        return;
      }
      if (batch.length === 0 && inbox === undefined) return;
      if (waiting >= maximumWaiting) {
        logger.warn('event store too slow; a turn\'s events were dropped', { events: batch.length });
        return;
      }
      waiting += 1;
      queue = queue
        .then(async () => {
          if (batch.length > 0) await events.record(batch);
          if (inbox !== undefined && options.onInbox) await options.onInbox({ ...inbox, at: run.at, region });
        })
        .catch((error: unknown) => logger.error('events of a turn could not be stored', { error }))
        .finally(() => {
          waiting -= 1;
        });
    },
    flush: () => queue,
  };
}
