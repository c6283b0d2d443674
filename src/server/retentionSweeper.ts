import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Clock } from '../ports/clock.js';
import type { Outbox } from '../ports/outbox.js';
import type { SessionStore } from '../ports/sessionStore.js';
import type { Logger } from './logger.js';

const minuteMs = 60_000;
const dayMs = 24 * 60 * minuteMs;

/** Names under which files are kept aside for an operator (see appendLog's asideName, sealedCopies, the content store). */
const asideFilePattern = /\.(damaged|unreadable|invalid|corrupt)-\d/;

export type RetentionOptions = {
  store: SessionStore;
  outbox: Outbox;
  clock: Clock;
  /** Sessions expire after this much inactivity (a half-filled form keeps its session until its retainUntil). */
  ttlMinutes: number;
  /** Filed or refused applications stay in the outbox this long after they settled (OUTBOX_RETENTION_DAYS). */
  outboxRetentionDays: number;
  /** Where files kept aside are looked for and reported. */
  dataDir: string;
  /** How often to sweep (default once a minute). */
  everyMs?: number;
  logger: Logger;
};

/**
 * Personal data is kept only as long as it serves the person: every sweep drops sessions idle longer than the TTL
 * (a half-filled form stays until its retention ends) and outbox entries settled longer ago than their retention,
 * each store deleting what they held (the embedded log is compacted so it leaves the file too). Files kept aside
 * as damaged are reported at start and once a day, and never deleted: only an operator knows what they still hold.
 * The timer is unref'd, and stop() ends it at shutdown.
 */
export function startRetentionSweeper(options: RetentionOptions): { stop(): void } {
  const { store, outbox, clock, logger } = options;
  const sweep = (): void => {
    const now = clock.now();
    store.expire(new Date(now.getTime() - options.ttlMinutes * minuteMs), now).then(
      (removed) => {
        if (removed > 0) logger.info('sessions expired', { removed });
      },
      (error: unknown) => logger.error('session sweep failed', { error }),
    );
    outbox.prune(new Date(now.getTime() - options.outboxRetentionDays * dayMs)).then(
      (removed) => {
        if (removed > 0) logger.info('settled applications past their retention deleted from the outbox', { removed });
      },
      (error: unknown) => logger.error('outbox retention sweep failed', { error }),
    );
  };
  const report = (): void => {
    filesKeptAside(options.dataDir).then(
      (files) => {
        if (files.length > 0) logger.warn('files kept aside for an operator (damaged or not importable; never deleted automatically)', { files });
      },
      (error: unknown) => logger.error('could not look for files kept aside', { error }),
    );
  };
  sweep();
  report();
  const sweeping = setInterval(sweep, options.everyMs ?? minuteMs);
  const reporting = setInterval(report, dayMs);
  sweeping.unref();
  reporting.unref();
  return {
    stop: () => {
      clearInterval(sweeping);
      clearInterval(reporting);
    },
  };
}

/** Files kept aside in the data directory, with their size and when they were set aside. */
export async function filesKeptAside(dataDir: string): Promise<{ file: string; bytes: number; keptAt: string }[]> {
  const names = (await readdir(dataDir).catch(() => [] as string[])).filter((name) => asideFilePattern.test(name));
  return Promise.all(
    names.map(async (name) => {
      const info = await stat(path.join(dataDir, name));
      return { file: path.join(dataDir, name), bytes: info.size, keptAt: info.mtime.toISOString() };
    }),
  );
}
