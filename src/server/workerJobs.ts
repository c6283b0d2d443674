import type { Worker } from 'node:worker_threads';
import type { Logger } from './logger.js';
import { startWorker, type WorkerName } from './startWorker.js';

/**
 * Jobs for one long-lived worker thread, one at a time: started at the first job and kept (it keeps what it built
 * for the next one). A job that takes far longer than it may, or a worker that dies, ends as `null` and the next
 * job starts a fresh worker.
 */
export function createWorkerJobs<Request extends object, Reply extends { id: number }>(options: { worker: WorkerName; timeoutMs: number; logger: Logger }) {
  let worker: Worker | null = null;
  let nextId = 1;
  let queue: Promise<unknown> = Promise.resolve();
  const waiting = new Map<number, (reply: Reply | null) => void>();

  const stop = async () => {
    const running = worker;
    worker = null;
    for (const resolve of waiting.values()) resolve(null);
    waiting.clear();
    await running?.terminate();
  };

  const start = (): Worker => {
    const started = startWorker(options.worker);
    // A worker waiting for the next job never keeps the process alive.
    started.unref();
    started.on('message', (reply: Reply) => {
      waiting.get(reply.id)?.(reply);
      waiting.delete(reply.id);
    });
    started.on('error', (error) => {
      options.logger.error('worker thread failed', { worker: options.worker, error });
      if (worker === started) void stop();
    });
    started.on('exit', () => {
      if (worker === started) void stop();
    });
    return started;
  };

  function runOne(request: Request): Promise<Reply | null> {
    worker ??= start();
    const current = worker;
    const id = nextId++;
    return new Promise<Reply | null>((resolve) => {
      const timer = setTimeout(() => {
        options.logger.error('worker job ran far beyond its time; worker stopped', { worker: options.worker, timeoutMs: options.timeoutMs });
        void stop();
      }, options.timeoutMs);
      waiting.set(id, (value) => {
        clearTimeout(timer);
        resolve(value);
      });
      current.postMessage({ ...request, id });
    });
  }

  return {
    /** The worker's reply to `request`, or null when the worker failed or took far too long. */
    run(request: Request): Promise<Reply | null> {
      const next = queue.then(() => runOne(request));
      queue = next.catch(() => undefined);
      return next;
    },
    stop,
  };
}
