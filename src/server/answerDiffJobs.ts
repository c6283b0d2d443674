import type { ContentFile, ContentProblem } from '../content/checkContent.js';
import type { AnswerDiff } from '../engine/answerDiff.js';
import type { Logger } from './logger.js';
import { createWorkerJobs } from './workerJobs.js';

/** A question people asked (masked before it was stored), how often, and the regions it was asked in. */
export type AskedQuestion = { text: string; count: number; regions: string[] };
export type AnswerDiffRequest = { id: number; before: ContentFile[]; after: ContentFile[]; asked: AskedQuestion[]; budgetMs: number };
/** The diff with its times: building both versions, comparing, and the whole job against its budget. */
export type AnswerDiffReport = AnswerDiff & { budgetMs: number; buildMs: number; diffMs: number; elapsedMs: number };
export type AnswerDiffReply =
  | { id: number; ok: true; report: AnswerDiffReport }
  | { id: number; ok: false; code: 'invalid'; side: 'before' | 'after'; problems: ContentProblem[] }
  | { id: number; ok: false; code: 'failed'; message: string };
export type AnswerDiffOutcome = { ok: true; report: AnswerDiffReport } | { ok: false; code: 'invalid'; side: 'before' | 'after'; problems: ContentProblem[] } | { ok: false; code: 'failed' };

/** Beyond its budget a job may still be building (training takes tens of seconds on a busy machine); then it is stopped. */
const graceMs = 120_000;

/**
 * The answer diff, off the event loop: one worker thread, started at the first diff and kept for the next ones (it
 * keeps the published version built), one job at a time.
 */
export function createAnswerDiffJobs(options: { budgetMs: number; logger: Logger }) {
  const jobs = createWorkerJobs<Omit<AnswerDiffRequest, 'id'>, AnswerDiffReply>({ worker: 'answerDiffWorker', timeoutMs: options.budgetMs + graceMs, logger: options.logger });
  return {
    /** Which known questions `after` answers differently from `before` (asked: questions people asked, masked). */
    async run(before: ContentFile[], after: ContentFile[], asked: AskedQuestion[] = []): Promise<AnswerDiffOutcome> {
      const reply = await jobs.run({ before, after, asked, budgetMs: options.budgetMs });
      if (reply === null) return { ok: false, code: 'failed' };
      if (reply.ok) return { ok: true, report: reply.report };
      if (reply.code === 'invalid') return { ok: false, code: 'invalid', side: reply.side, problems: reply.problems };
      options.logger.error('answer diff job failed', { message: reply.message });
      return { ok: false, code: 'failed' };
    },
    stop: jobs.stop,
  };
}

export type AnswerDiffJobs = ReturnType<typeof createAnswerDiffJobs>;
