import type { ContentFile, ContentProblem } from '../content/checkContent.js';
import type { ContentCheck } from '../content/contentLifecycle.js';
import type { Logger } from './logger.js';
import { createWorkerJobs } from './workerJobs.js';

type Checked = ReturnType<ContentCheck>;
export type ContentCheckReply = { id: number; checked: Checked } | { id: number; failed: string };

/** A check of the whole content takes well under this; a worker that does not answer in time is replaced. */
const timeoutMs = 30_000;

/**
 * The problems of a set of content files, checked in a worker thread (contentCheckWorker.ts) with the rules
 * publishing uses. Should the worker fail, the check runs here: an editor always gets an answer.
 */
export function createContentChecks(options: { check: ContentCheck; logger: Logger }) {
  const jobs = createWorkerJobs<{ files: ContentFile[] }, ContentCheckReply>({ worker: 'contentCheckWorker', timeoutMs, logger: options.logger });
  async function check(files: ContentFile[]): Promise<Checked> {
    const reply = await jobs.run({ files });
    if (reply !== null && 'checked' in reply) return reply.checked;
    if (reply !== null) options.logger.error('content check in the worker failed; checked on the main thread', { message: reply.failed });
    return options.check(files);
  }
  return {
    /** The checker's result, content included when the files pass. */
    check,
    async problems(files: ContentFile[]): Promise<ContentProblem[]> {
      const checked = await check(files);
      return checked.ok ? [] : checked.problems;
    },
    stop: jobs.stop,
  };
}

export type ContentChecks = ReturnType<typeof createContentChecks>;
