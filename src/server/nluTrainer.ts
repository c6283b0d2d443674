import type { Content } from '../content/schema.js';
import { nluModelData, trainNluModel, type NluModelData } from '../nlu/nluModel.js';
import type { Segmenter } from '../nlu/segmenter.js';
import { startWorker } from './startWorker.js';

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
 * it.
 */
export const workerNluTrainer: NluTrainer = (content) =>
  new Promise((resolve, reject) => {
    const worker = startWorker('nluTrainingWorker', { workerData: { content } });
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
