import type { Worker } from 'node:worker_threads';
import type { ContentFile, ContentProblem } from '../content/checkContent.js';
import type { AnswerDiff } from '../engine/answerDiff.js';
import type { Logger } from './logger.js';
import { startWorker } from './startWorker.js';

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
 * keeps the published version built), one job at a time. A job that outlives its budget by far, or a worker that
 * dies, ends as `failed` and the next job starts a fresh worker.
 */
export function createAnswerDiffJobs(options: { budgetMs: number; logger: Logger }) {
  let worker: Worker | null = null;
  let nextId = 1;
  let queue: Promise<unknown> = Promise.resolve();
  const waiting = new Map<number, (reply: AnswerDiffReply | null) => void>();

  const stopWorker = async () => {
    const running = worker;
    worker = null;
    for (const resolve of waiting.values()) resolve(null);
    waiting.clear();
    await running?.terminate();
  };

  const start = (): Worker => {
    const started = startWorker('answerDiffWorker');
    // A worker waiting for the next diff never keeps the process alive.
    started.unref();
    started.on('message', (reply: AnswerDiffReply) => {
      waiting.get(reply.id)?.(reply);
      waiting.delete(reply.id);
    });
    started.on('error', (error) => {
      options.logger.error('answer diff worker failed', { error });
      if (worker === started) void stopWorker();
    });
    started.on('exit', () => {
      if (worker === started) void stopWorker();
    });
    return started;
  };

  async function runOne(before: ContentFile[], after: ContentFile[], asked: AskedQuestion[]): Promise<AnswerDiffOutcome> {
    worker ??= start();
    const current = worker;
    const id = nextId++;
    const reply = await new Promise<AnswerDiffReply | null>((resolve) => {
      const timer = setTimeout(() => {
        options.logger.error('answer diff job ran far beyond its budget; worker stopped', { budgetMs: options.budgetMs });
        void stopWorker();
      }, options.budgetMs + graceMs);
      waiting.set(id, (value) => {
        clearTimeout(timer);
        resolve(value);
      });
      current.postMessage({ id, before, after, asked, budgetMs: options.budgetMs } satisfies AnswerDiffRequest);
    });
    if (reply === null) return { ok: false, code: 'failed' };
    if (reply.ok) return { ok: true, report: reply.report };
    if (reply.code === 'invalid') return { ok: false, code: 'invalid', side: reply.side, problems: reply.problems };
    options.logger.error('answer diff job failed', { message: reply.message });
    return { ok: false, code: 'failed' };
  }

  return {
    /** Which known questions `after` answers differently from `before` (asked: questions people asked, masked). */
    run(before: ContentFile[], after: ContentFile[], asked: AskedQuestion[] = []): Promise<AnswerDiffOutcome> {
      const next = queue.then(() => runOne(before, after, asked));
      queue = next.catch(() => undefined);
      return next;
    },
    stop: stopWorker,
  };
}

export type AnswerDiffJobs = ReturnType<typeof createAnswerDiffJobs>;
