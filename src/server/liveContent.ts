import type { ContentLifecycle } from '../content/contentLifecycle.js';
import type { Content } from '../content/schema.js';
import type { EngineContext } from '../engine/engineContext.js';
import type { ContentVersion } from '../ports/contentStore.js';
import type { Logger } from './logger.js';

/**
 * The engine context this process serves, and the switch to a newly published version without a restart. The new
 * context (segmenter, indexes, anything trained on the content) is built first, off the request path, and then
 * swapped in at once: a turn runs wholly on the old context or wholly on the new one, and conversations carry on
 * through their versioned state. Versions published by another process, or scheduled and now due, are picked up by
 * `sync`, which the server runs every few seconds.
 */
export function createLiveContent(options: {
  lifecycle: ContentLifecycle;
  build: (content: Content) => Promise<EngineContext>;
  initial: { context: EngineContext; version: ContentVersion };
  logger: Logger;
}) {
  const { lifecycle, logger } = options;
  let current = options.initial;
  const listeners = new Set<(version: ContentVersion) => void>();
  let queue: Promise<unknown> = Promise.resolve();

  async function syncOnce(): Promise<boolean> {
    await lifecycle.publishDue();
    const published = await lifecycle.published();
    if (published === undefined || published.version.number === current.version.number) return false;
    const checked = lifecycle.check(published.files);
    if (!checked.ok) {
      // Checked before it was approved; failing now means this process runs older code than the one that approved it.
      logger.error('published content version fails this server’s checks; still serving the previous one', { version: published.version.number, problems: checked.problems.slice(0, 5) });
      return false;
    }
    const started = performance.now();
    const context = await options.build(checked.content);
    current = { context, version: published.version };
    logger.info('content version now live', { version: published.version.number, buildMs: Math.round(performance.now() - started) });
    for (const listener of listeners) listener(published.version);
    return true;
  }

  return {
    context: (): EngineContext => current.context,
    version: (): ContentVersion => current.version,
    /** Brings the store's live version into this process; resolves whether it changed. One sync at a time. */
    sync(): Promise<boolean> {
      const next = queue.then(syncOnce);
      queue = next.catch(() => undefined);
      return next;
    },
    /** Resolves when no sync is running, so a stopping server never writes after it said it stopped. */
    idle(): Promise<void> {
      return queue.then(() => undefined);
    },
    onChange(listener: (version: ContentVersion) => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

export type LiveContent = ReturnType<typeof createLiveContent>;
