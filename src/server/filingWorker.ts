import type { Application, BackendOutcome, BindingBackend } from '../ports/bindingBackend.js';
import type { Clock } from '../ports/clock.js';
import type { FilingResult, NewOutboxEntry, Outbox, OutboxEntry } from '../ports/outbox.js';
import type { Logger } from './logger.js';

export type FilingOutcome = FilingResult | { type: 'application-queued' };

export type FilingWorkerOptions = {
  outbox: Outbox;
  backend: BindingBackend;
  clock: Clock;
  /**
   * Hands a result to the conversation when it arrives after file() has returned (a retry, or an entry resumed
   * after a restart). At least once: the entry is settled only after this resolves, so a crash in between
   * delivers it again and the receiver must accept a result it already has.
   */
  onResult: (sessionId: string, result: FilingResult) => Promise<void>;
  /** First wait after the back end could not be reached; doubles up to maxRetryDelayMs. */
  retryDelayMs: number;
  maxRetryDelayMs?: number;
  /**
   * Also look at the pending entries this often (default: only at start and on retries). Several instances need it:
   * an entry leased to an instance that died becomes this one's once its lease ends, and nothing else would bring it up.
   */
  sweepEveryMs?: number;
  logger: Logger;
};

export interface FilingWorker {
  /**
   * Makes the application durable in the outbox, then tries the back end once. Returns the result when the back
   * end answered, or application-queued when it could not be reached (the result then comes through onResult).
   * Filing a key again returns the settled result without calling the back end.
   */
  file(entry: Omit<NewOutboxEntry, 'createdAt'>): Promise<FilingOutcome>;
  /** An entry already in the outbox: its settled result, or one more attempt now (shared with one in flight). */
  resume(key: string): Promise<FilingOutcome | undefined>;
  /** Resumes the pending entries (left by a crash or an outage). Settled ones are forgotten by the retention sweeper. */
  start(): Promise<void>;
  /** Stops retrying and waits for deliveries in flight; pending entries stay for the next start. */
  stop(): Promise<void>;
  /** Tries every pending entry now and resolves when that pass (and every delivery in flight) is over. */
  drain(): Promise<void>;
}

/**
 * Delivers confirmed applications exactly once: each outbox entry carries the idempotency key the back end files
 * by, so a retry after a lost answer finds the application filed the first time instead of filing another.
 */
export function createFilingWorker(options: FilingWorkerOptions): FilingWorker {
  const { outbox, backend, clock, onResult, logger } = options;
  const maxRetryDelayMs = options.maxRetryDelayMs ?? 60_000;
  const inFlight = new Map<string, Promise<FilingOutcome>>();
  let timer: NodeJS.Timeout | undefined;
  let failures = 0;
  let stopped = false;
  let sweeping: Promise<void> | undefined;
  let sweepAgain = false;
  let sweeper: NodeJS.Timeout | undefined;

  /** One delivery of an entry; concurrent calls for the same key share it. */
  const attempt = (entry: OutboxEntry): Promise<FilingOutcome> => {
    const running = inFlight.get(entry.key);
    if (running !== undefined) return running;
    const delivery = (async (): Promise<FilingOutcome> => {
      await outbox.recordAttempt(entry.key);
      let outcome: BackendOutcome<Application>;
      try {
        outcome = await backend.submit(entry.request, entry.key);
      } catch (error) {
        // A bug in a back-end adapter must not lose the application: report it and keep the entry pending.
        logger.error('filing an application failed unexpectedly', { key: entry.key, error });
        return { type: 'application-queued' };
      }
      if (outcome.ok) return { type: 'application-filed', application: outcome.value };
      if (outcome.kind === 'refused') return { type: 'application-refused', code: outcome.code, message: outcome.message };
      logger.warn('back end unavailable; application stays queued', { key: entry.key, attempts: entry.attempts + 1, problem: outcome.message });
      return { type: 'application-queued' };
    })();
    inFlight.set(entry.key, delivery);
    const forget = (): void => {
      inFlight.delete(entry.key);
    };
    delivery.then(forget, forget);
    return delivery;
  };

  const scheduleRetry = (): void => {
    if (stopped || timer !== undefined) return;
    const delay = Math.min(maxRetryDelayMs, options.retryDelayMs * 2 ** failures);
    failures += 1;
    timer = setTimeout(() => {
      timer = undefined;
      void sweep();
    }, delay);
    // A pending retry must never keep a process alive that is otherwise done.
    timer.unref();
  };

  /** One pass over the pending entries, oldest first; stops at the first that finds the back end unreachable. */
  const pass = async (): Promise<void> => {
    for (const entry of await outbox.pending()) {
      if (stopped) return;
      // file() is delivering it right now and will hand the result to its caller.
      if (inFlight.has(entry.key)) continue;
      const outcome = await attempt(entry);
      if (outcome.type === 'application-queued') {
        scheduleRetry();
        return;
      }
      await onResult(entry.sessionId, outcome);
      await outbox.settle(entry.key, outcome, clock.now());
    }
    failures = 0;
  };

  /** Runs passes one at a time; a request during a pass runs one more pass after it. Unexpected failures are reported here. */
  const sweep = (): Promise<void> => {
    if (sweeping !== undefined) {
      sweepAgain = true;
      return sweeping;
    }
    sweeping = (async () => {
      do {
        sweepAgain = false;
        try {
          await pass();
        } catch (error) {
          logger.error('filing worker pass failed; will retry', { error });
          scheduleRetry();
        }
      } while (sweepAgain && !stopped);
    })().finally(() => {
      sweeping = undefined;
    });
    return sweeping;
  };

  /** Settled: its result. Pending: one attempt, settled when the back end answered, retried later when not. */
  const deliverNow = async (stored: OutboxEntry): Promise<FilingOutcome> => {
    if (stored.result !== undefined) return stored.result;
    const outcome = await attempt(stored);
    if (outcome.type === 'application-queued') {
      scheduleRetry();
      return outcome;
    }
    await outbox.settle(stored.key, outcome, clock.now());
    return outcome;
  };

  return {
    async file(entry) {
      return deliverNow(await outbox.add({ ...entry, createdAt: clock.now().toISOString() }));
    },

    async resume(key) {
      const stored = await outbox.get(key);
      return stored === undefined ? undefined : deliverNow(stored);
    },

    async start() {
      stopped = false;
      const pending = (await outbox.pending()).length;
      if (pending > 0) logger.info('filing worker started', { pending });
      void sweep();
      if (options.sweepEveryMs !== undefined && sweeper === undefined) {
        sweeper = setInterval(() => void sweep(), options.sweepEveryMs);
        sweeper.unref();
      }
    },

    async stop() {
      stopped = true;
      clearInterval(sweeper);
      sweeper = undefined;
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
      await Promise.allSettled([sweeping, ...inFlight.values()]);
    },

    async drain() {
      await sweep();
      await Promise.allSettled([...inFlight.values()]);
    },
  };
}
