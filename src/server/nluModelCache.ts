import { readFileSync } from 'node:fs';
import { mkdir, readdir, rename, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import type { Content } from '../content/schema.js';
import { nluModelFromData, nluModelKey, type NluModel, type NluModelData } from '../nlu/nluModel.js';
import type { Segmenter } from '../nlu/segmenter.js';
import { inProcessNluTrainer, type NluTrainer } from './nluTrainer.js';

/**
 * The classifiers for this content: read from `<cacheDir>/nlu-<training inputs' fingerprint>.bin` when it exists, else
 * trained (by `trainer`: the server's trains in a worker thread, so the model it serves keeps answering meanwhile) and
 * written there atomically, so processes starting together never read half a file. A start on unchanged content
 * therefore does not train, and `npm run build` writes the repository content's model before the first start.
 *
 * The file is the model's data in V8's structured serialisation (node:v8), which keeps the weights as the bytes of
 * their typed arrays: reading it back costs a copy, where JSON with base64 weights cost parsing 15 MB of text and
 * decoding them.
 */
export async function cachedNluModel(content: Content, segmenter: Segmenter, cacheDir: string, trainer: NluTrainer = inProcessNluTrainer): Promise<NluModel> {
  const key = nluModelKey(content);
  // Previews and publishes that leave the examples alone reuse the model in memory.
  if (lastModel?.key === key) return lastModel;
  // A draft preview and a publish of the same examples at once train once.
  let pending = inFlight.get(key);
  if (!pending) {
    pending = readOrTrain(content, segmenter, join(cacheDir, `nlu-${key}.bin`), trainer).finally(() => inFlight.delete(key));
    inFlight.set(key, pending);
  }
  lastModel = await pending;
  return lastModel;
}

let lastModel: NluModel | null = null;
const inFlight = new Map<string, Promise<NluModel>>();

/** Where the model of this content is kept, or would be: whether a start on it would train. */
export function nluModelFile(content: Content, cacheDir: string): string {
  return join(cacheDir, `nlu-${nluModelKey(content)}.bin`);
}

async function readOrTrain(content: Content, segmenter: Segmenter, file: string, trainer: NluTrainer): Promise<NluModel> {
  try {
    // In one read on this thread: read through the promise API, 10 MB came back in 512 KB chunks, each a round trip through the thread pool.
    const model = nluModelFromData(content, deserialize(readFileSync(file)) as NluModelData);
    if (model) {
      // Marks it in use, so forgetStaleModels keeps the model a server has served from for weeks.
      const now = new Date();
      utimes(file, now, now).catch(() => undefined);
      return model;
    }
  } catch {
    // Missing or unreadable: train below.
  }
  const trained = await trainer(content, segmenter);
  const model = nluModelFromData(content, trained.data);
  if (!model) throw new Error('the trained model does not match the content it was trained on');
  try {
    await mkdir(dirname(file), { recursive: true });
    const temporary = `${file}.${process.pid}.tmp`;
    await writeFile(temporary, serialize(trained.data));
    await rename(temporary, file);
    await forgetStaleModels(dirname(file), file, Date.now());
  } catch {
    // A cache that cannot be written only costs the next start a training.
  }
  return { ...model, trainingMs: trained.trainingMs };
}

/**
 * How long a model nothing has read or written stays in the cache. Every publish that changes the examples writes a
 * new model of about 10 MB, so without a limit the cache grows with the content's history. Age, not a count, decides:
 * processes running other content at the same time (a draft preview, tests) keep the models they have just used.
 */
export const STALE_MODEL_MS = 7 * 24 * 60 * 60 * 1000;

/** Removes the models (and abandoned partial writes) in `cacheDir` last used more than STALE_MODEL_MS before `now`, except `keep`. */
export async function forgetStaleModels(cacheDir: string, keep: string, now: number): Promise<void> {
  for (const name of await readdir(cacheDir)) {
    const file = join(cacheDir, name);
    if (file === keep || !name.startsWith('nlu-')) continue;
    try {
      if (now - (await stat(file)).mtimeMs > STALE_MODEL_MS) await rm(file, { force: true });
    } catch {
      // Removed by another process meanwhile.
    }
  }
}
