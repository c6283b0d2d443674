import { openLowdbContentStore } from '../adapters/lowdbContentStore.js';
import { createMemoryContentStore } from '../adapters/memoryContentStore.js';
import { checkContent, type ContentFile } from '../content/checkContent.js';
import { createContentLifecycle, NoServableContentError, type ApprovalMode, type StartNotice } from '../content/contentLifecycle.js';
import { formatProblems, InvalidContentError, readContentFiles } from '../content/loadContent.js';
import { repoContentRules } from '../content/repoContentRules.js';
import type { Clock } from '../ports/clock.js';
import type { ContentStore } from '../ports/contentStore.js';
import { createLiveContent, type LiveContent } from './liveContent.js';
import { buildEngineContext } from './loadEngineContext.js';
import { runningBundleFingerprint } from './codeFingerprint.js';
import { cachedContentCheck, defaultContentCheckCache } from './contentCheckCache.js';
import { workerNluTrainer } from './nluTrainer.js';
import type { Logger } from './logger.js';

export type ContentSide = {
  live: LiveContent;
  lifecycle: ReturnType<typeof createContentLifecycle>;
  /** What the start found (a draft from the repository, broken files): logged, and shown in the editor console. */
  notices: StartNotice[];
  /** Ends the periodic sync and waits for one in flight: it may be writing to the store in DATA_DIR. */
  stop(): Promise<void>;
};

/**
 * Content at start: the store (lowdb in DATA_DIR, or memory) is the source of truth once seeded from the
 * repository's flows/ and prompts/. Broken repository files never take the service down while a published version
 * exists: it is served and the problem is logged at error level. Throws InvalidContentError only when there is
 * nothing valid to serve at all.
 */
export async function startContent(options: {
  contentDir: string;
  dataDir: string;
  /** A file in DATA_DIR, memory, or a store shared by several instances (PostgreSQL). */
  store: 'lowdb' | 'memory' | ContentStore;
  approval: ApprovalMode;
  syncSeconds: number;
  modelAvailable: boolean;
  /** FORM_RETENTION_HOURS: the engine tells people how long a half-filled form is kept. */
  formRetentionHours?: number;
  clock: Clock;
  logger: Logger;
  /**
   * Where verdicts on content are kept and under which code (contentCheckCache.ts). By default the cache beside the
   * model's when running from the bundle, none from source; null: every start checks in full.
   */
  checkCache?: { cacheDir: string; codeFingerprint: string } | null;
}): Promise<ContentSide> {
  const { logger } = options;
  const store =
    typeof options.store === 'object'
      ? options.store
      : options.store === 'lowdb'
      ? await openLowdbContentStore({ dataDir: options.dataDir, onFileProblem: (problem) => logger.error('content versions file kept aside; seeding again from the repository', problem) })
      : createMemoryContentStore();
  const checkCache = options.checkCache === undefined ? defaultCheckCache() : options.checkCache;
  const check = (files: ContentFile[]) => checkContent(files, repoContentRules);
  const lifecycle = createContentLifecycle({ store, clock: options.clock, check: checkCache === null ? check : cachedContentCheck(check, checkCache), approval: options.approval });
  let started;
  try {
    started = await lifecycle.start(await readContentFiles(options.contentDir));
  } catch (error) {
    if (error instanceof NoServableContentError) throw new InvalidContentError(error.problems);
    throw error;
  }
  for (const notice of started.notices) {
    const problems = 'problems' in notice && notice.problems.length > 0 ? formatProblems(notice.problems) : undefined;
    if (notice.kind === 'repository-broken') logger.error('content files in the repository are invalid; serving the published version', { served: notice.served, problems });
    else if (notice.kind === 'published-invalid-repository-published') logger.warn('the published content version fails this code’s checks; published the repository files instead', { version: notice.version, problems });
    else if (notice.kind === 'repository-draft') logger.warn('content files in the repository changed; they wait as a draft for approval in /editor', { version: notice.version, problems });
    else logger.info('content versions seeded from the repository', { version: notice.version });
  }
  const build = (content: Parameters<typeof buildEngineContext>[0]) => buildEngineContext(content, { modelAvailable: options.modelAvailable, trainer: workerNluTrainer, ...(options.formRetentionHours === undefined ? {} : { formRetentionHours: options.formRetentionHours }) });
  const live = createLiveContent({
    lifecycle,
    build,
    initial: { context: await build(started.published.content), version: started.published.version },
    logger,
  });
  const timer = setInterval(() => {
    live.sync().catch((error: unknown) => logger.error('content sync failed; retrying', { error }));
  }, options.syncSeconds * 1000).unref();
  const stop = async (): Promise<void> => {
    clearInterval(timer);
    await live.idle();
  };
  return { live, lifecycle, notices: started.notices, stop };
}

function defaultCheckCache(): { cacheDir: string; codeFingerprint: string } | null {
  const codeFingerprint = runningBundleFingerprint();
  return codeFingerprint === undefined ? null : { cacheDir: defaultContentCheckCache, codeFingerprint };
}
