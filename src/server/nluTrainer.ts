import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Content } from '../content/schema.js';
import { nluModelData, trainNluModel, type NluModelData } from '../nlu/nluModel.js';
import type { Segmenter } from '../nlu/segmenter.js';

/** Trains the classifiers for a version of the content; what the server gives the model cache. */
export type NluTrainer = (content: Content, segmenter: Segmenter) => Promise<{ data: NluModelData; trainingMs: number }>;

/** On the calling thread: for tools and tests that have nothing else to serve meanwhile. */
export const inProcessNluTrainer: NluTrainer = async (content, segmenter) => {
  const model = trainNluModel(content, segmenter);
  return { data: nluModelData(model), trainingMs: model.trainingMs };
};

/**
 * In a worker thread: the server keeps answering on the model it has while a new one trains (a publish, a draft
 * preview with new examples, a start on content no cache holds). The worker is started per training and ends with
 * it. From the bundle (`npm start`) the worker is the bundled `main.bundle.nluTrainingWorker.mjs` beside it; from the
 * sources (tsx, the tests) the TypeScript file, loaded through tsx.
 */
export const workerNluTrainer: NluTrainer = (content) =>
  new Promise((resolve, reject) => {
    const bundled = new URL('./main.bundle.nluTrainingWorker.mjs', import.meta.url);
    const fromBundle = import.meta.url.endsWith('.mjs') && existsSync(fileURLToPath(bundled));
    const worker = fromBundle ? new Worker(bundled, { workerData: { content } }) : new Worker(throughTsx(new URL('./nluTrainingWorker.ts', import.meta.url)), { eval: true, workerData: { content } });
    let settled = false;
    worker.once('message', (message: { ok: true; data: NluModelData; trainingMs: number } | { ok: false; message: string }) => {
      settled = true;
      if (message.ok) resolve({ data: message.data, trainingMs: message.trainingMs });
      else reject(new Error(`training the understanding failed: ${message.message}`));
      void worker.terminate();
    });
    worker.once('error', (error) => {
      settled = true;
      reject(error);
    });
    worker.once('exit', (code) => {
      if (!settled) reject(new Error(`the training worker stopped (exit code ${code}) before it answered`));
    });
  });

/** A worker that loads a TypeScript module: tsx registered inside the worker first (a worker takes no --import). */
function throughTsx(module: URL): string {
  // The package's ESM entry of './esm/api' (its CommonJS one cannot register hooks from a worker).
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm/api').replace(/\.cjs$/, '.mjs')).href;
  return `import(${JSON.stringify(tsx)}).then((api) => { api.register(); return import(${JSON.stringify(module.href)}); });`;
}
