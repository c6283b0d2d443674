import type { ContentFile, ContentProblem } from '../content/checkContent.js';
import type { ContentCheck } from '../content/contentLifecycle.js';
import type { Logger } from './logger.js';
import { createWorkerJobs } from './workerJobs.js';

export type ContentCheckReply = { id: number; problems: ContentProblem[] } | { id: number; failed: string };

/** A check of the whole content takes well under this; a worker that does not answer in time is replaced. */
const timeoutMs = 30_000;

/**
 * The problems of a set of content files, checked in a worker thread (contentCheckWorker.ts) with the rules
 * publishing uses. Should the worker fail, the check runs here: an editor always gets an answer.
 */
export function createContentChecks(options: { check: ContentCheck; logger: Logger }) {
  const jobs = createWorkerJobs<{ files: ContentFile[] }, ContentCheckReply>({ worker: 'contentCheckWorker', timeoutMs, logger: options.logger });
  return {
    async problems(files: ContentFile[]): Promise<ContentProblem[]> {
      const reply = await jobs.run({ files });
      if (reply !== null && 'problems' in reply) return reply.problems;
      if (reply !== null) options.logger.error('content check in the worker failed; checked on the main thread', { message: reply.failed });
      const checked = options.check(files);
      return checked.ok ? [] : checked.problems;
    },
    stop: jobs.stop,
  };
}

export type ContentChecks = ReturnType<typeof createContentChecks>;
