import { openFileEvents } from '../adapters/fileEvents.js';
import { createMemoryEvents } from '../adapters/memoryEvents.js';
import type { Clock } from '../ports/clock.js';
import type { Events } from '../ports/events.js';
import { createEventRecorder, type EventRecorder } from './eventRecorder.js';
import type { Logger } from './logger.js';

const dayMs = 24 * 60 * 60 * 1000;

export type InsightStores = {
  events: Events;
  recorder: EventRecorder;
  /** Stops the daily retention prune and waits for events still being stored. */
  close(): Promise<void>;
};

/** The events store beside the conversations (a file when they are on disk), its recorder and its retention. */
export async function openInsightStores(options: { dataDir: string; persistent: boolean; clock: Clock; logger: Logger; eventsRetentionDays: number }): Promise<InsightStores> {
  const { clock, logger } = options;
  const events = options.persistent ? await openFileEvents(options.dataDir) : createMemoryEvents();
  const recorder = createEventRecorder({ events, logger });
  const prune = (): void => {
    events.prune(new Date(clock.now().getTime() - options.eventsRetentionDays * dayMs)).then(
      (dropped) => {
        if (dropped > 0) logger.info('events past retention dropped', { dropped });
      },
      (error: unknown) => logger.error('events retention prune failed; retrying tomorrow', { error }),
    );
  };
  prune();
  const pruning = setInterval(prune, dayMs).unref();
  return {
    events,
    recorder,
    close: async () => {
      clearInterval(pruning);
      await recorder.flush();
    },
  };
}
