import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { loadContent } from '../content/loadContent.js';
import { repoContentRules } from '../content/repoContentRules.js';
import { defaultModelCache, loadEngineContext } from './loadEngineContext.js';
import { nluModelFile } from './nluModelCache.js';

/**
 * `npm run build` runs this (bundled as main.bundle.trainContentModel.mjs): the understanding's model of the
 * repository's content is trained now, into the cache the server reads, so that the first start of a fresh install
 * reads it instead of training (a start stays within its 1.5 s). On unchanged content it only checks the cache.
 * Invalid content is left to the start, which reports it whole.
 */
const rootDir = process.argv[2] ?? process.cwd();
const loaded = await loadContent(rootDir, repoContentRules);
if (loaded.ok) {
  const cacheDir = join(rootDir, defaultModelCache);
  if (existsSync(nluModelFile(loaded.content, cacheDir))) {
    process.stdout.write('understanding model: unchanged content, cached\n');
  } else {
    const context = await loadEngineContext(rootDir, { modelCacheDir: cacheDir });
    process.stdout.write(`understanding model: trained in ${context.reader.model.trainingMs} ms\n`);
  }
}
