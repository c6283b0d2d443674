import { parentPort, workerData } from 'node:worker_threads';
import { createJiebaSegmenter } from '../adapters/jiebaSegmenter.js';
import type { Content } from '../content/schema.js';
import { nluModelData, trainNluModel } from '../nlu/nluModel.js';

/**
 * The worker thread that trains the classifiers for one version of the content, so that a publish never holds up the
 * turns the running version is serving. It gets the checked content, answers with the model's data (or the error),
 * and ends.
 */
const { content } = workerData as { content: Content };
try {
  const model = trainNluModel(content, createJiebaSegmenter(content.synonyms.flat()));
  parentPort!.postMessage({ ok: true, data: nluModelData(model), trainingMs: model.trainingMs });
} catch (error) {
  parentPort!.postMessage({ ok: false, message: error instanceof Error ? error.message : String(error) });
}
