import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Content } from '../content/schema.js';
import { nluModelData, nluModelFromData, nluModelKey, trainNluModel, type NluModel, type NluModelData } from '../nlu/nluModel.js';
import type { Segmenter } from '../nlu/segmenter.js';

/**
 * The classifiers for this content: read from `<cacheDir>/nlu-<content version>.json` when that file exists, else
 * trained and written there (atomically, so processes starting together never read half a file). A start on
 * unchanged content therefore does not train.
 */
export async function cachedNluModel(content: Content, segmenter: Segmenter, cacheDir: string): Promise<NluModel> {
  const file = join(cacheDir, `nlu-${nluModelKey(content)}.json`);
  try {
    const model = nluModelFromData(content, JSON.parse(await readFile(file, 'utf8')) as NluModelData);
    if (model) return model;
  } catch {
    // Missing or unreadable: train below.
  }
  const model = trainNluModel(content, segmenter);
  try {
    await mkdir(cacheDir, { recursive: true });
    const temporary = `${file}.${process.pid}.tmp`;
    await writeFile(temporary, JSON.stringify(nluModelData(model)));
    await rename(temporary, file);
  } catch {
    // A cache that cannot be written only costs the next start a training.
  }
  return model;
}
