import { openFileEvents } from '../adapters/fileEvents.js';
import { openLowdbInbox } from '../adapters/lowdbInbox.js';
import { createMemoryEvents } from '../adapters/memoryEvents.js';
import { createMemoryInbox } from '../adapters/memoryInbox.js';
import type { Clock } from '../ports/clock.js';
import type { Events } from '../ports/events.js';
import type { Inbox } from '../ports/inbox.js';
import { createEventRecorder, type EventRecorder } from './eventRecorder.js';
import type { Logger } from './logger.js';

const dayMs = 24 * 60 * 60 * 1000;

export type InsightStores = {
  events: Events;
  inbox: Inbox;
  recorder: EventRecorder;
  /** Stops the daily retention prune and waits for events still being stored. */
  close(): Promise<void>;
};

/**
 * The events and the editors' inbox (docs/events.md): on PostgreSQL when the conversations are (`shared`), in
 * DATA_DIR when they are on disk, in memory otherwise; their recorder, and their retention pruned daily.
 */
export async function openInsightStores(options: {
  dataDir: string;
  persistent: boolean;
  shared?: { events: Events; inbox: Inbox };
  clock: Clock;
  logger: Logger;
  eventsRetentionDays: number;
  inboxRetentionDays: number;
}): Promise<InsightStores> {
  const { clock, logger } = options;
  const onDamaged = (problem: string) => logger.error('the inbox file could not be read; it was kept aside and the inbox starts empty', { problem });
  const { events, inbox } =
    options.shared ??
    (options.persistent
      ? { events: await openFileEvents(options.dataDir), inbox: await openLowdbInbox(options.dataDir, onDamaged) }
      : { events: createMemoryEvents(), inbox: createMemoryInbox() });
  const recorder = createEventRecorder({ events, logger, onInbox: (question) => inbox.record(question) });
  const prune = (): void => {
    const now = clock.now().getTime();
    Promise.all([events.prune(new Date(now - options.eventsRetentionDays * dayMs)), inbox.prune(new Date(now - options.inboxRetentionDays * dayMs))]).then(
      ([events, questions]) => {
        if (events + questions > 0) logger.info('events and inbox questions past retention dropped', { events, questions });
      },
      (error: unknown) => logger.error('events or inbox retention prune failed; retrying tomorrow', { error }),
    );
  };
  prune();
  const pruning = setInterval(prune, dayMs).unref();
  return {
    events,
    inbox,
    recorder,
    close: async () => {
      clearInterval(pruning);
      await recorder.flush();
    },
  };
}
