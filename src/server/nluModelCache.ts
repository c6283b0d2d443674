import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Content } from '../content/schema.js';
import { nluModelData, nluModelFromData, nluModelKey, trainNluModel, type NluModel, type NluModelData } from '../nlu/nluModel.js';
import type { Segmenter } from '../nlu/segmenter.js';

/**
 * The classifiers for this content: read from `<cacheDir>/nlu-<training inputs' fingerprint>.json` when it exists, else
 * trained and written there (atomically, so processes starting together never read half a file). A start on
 * unchanged content therefore does not train.
 */
export async function cachedNluModel(content: Content, segmenter: Segmenter, cacheDir: string): Promise<NluModel> {
  const key = nluModelKey(content);
  // Previews and publishes that leave the examples alone reuse the model in memory.
  if (lastModel?.key === key) return lastModel;
  lastModel = await readOrTrain(content, segmenter, join(cacheDir, `nlu-${key}.json`));
  return lastModel;
}

let lastModel: NluModel | null = null;

async function readOrTrain(content: Content, segmenter: Segmenter, file: string): Promise<NluModel> {
  try {
    const model = nluModelFromData(content, JSON.parse(await readFile(file, 'utf8')) as NluModelData);
    if (model) return model;
  } catch {
    // Missing or unreadable: train below.
  }
  const model = trainNluModel(content, segmenter);
  try {
    await mkdir(dirname(file), { recursive: true });
    const temporary = `${file}.${process.pid}.tmp`;
    await writeFile(temporary, JSON.stringify(nluModelData(model)));
    await rename(temporary, file);
  } catch {
    // A cache that cannot be written only costs the next start a training.
  }
  return model;
}
