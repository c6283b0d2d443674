import type { Clock } from '../ports/clock.js';
import type { SessionStore } from '../ports/sessionStore.js';
import type { Logger } from './logger.js';

/**
 * Drops sessions idle longer than the TTL, periodically; a session with a half-filled form stays until its
 * retention ends (FORM_RETENTION_HOURS), and then goes with every personal detail in it. The timer is unref'd: it never keeps a process alive
 * on its own, and stop() ends it at shutdown.
 */
export function startSessionSweeper(options: { store: SessionStore; clock: Clock; ttlMinutes: number; everyMs?: number; logger: Logger }): { stop(): void } {
  const { store, clock, ttlMinutes, logger } = options;
  const sweep = (): void => {
    const now = clock.now();
    const cutoff = new Date(now.getTime() - ttlMinutes * 60_000);
    store.expire(cutoff, now).then(
      (removed) => {
        if (removed > 0) logger.info('sessions expired', { removed });
      },
      (error: unknown) => logger.error('session sweep failed', { error }),
    );
  };
  const timer = setInterval(sweep, options.everyMs ?? 60_000);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
