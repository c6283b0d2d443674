import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { checkContent, type ContentFile } from '../content/checkContent.js';
import { readContentFiles } from '../content/loadContent.js';
import { repoContentRules } from '../content/repoContentRules.js';
import { runningBundleFingerprint } from './codeFingerprint.js';
import { cachedContentCheck, defaultContentCheckCache } from './contentCheckCache.js';
import { buildEngineContext, defaultModelCache } from './loadEngineContext.js';
import { nluModelFile } from './nluModelCache.js';

/**
 * `npm run build` runs this (bundled as main.bundle.trainContentModel.mjs): the understanding's model of the
 * repository's content is trained now, into the cache the server reads, so that the first start of a fresh install
 * reads it instead of training (a start stays within its 1.5 s). The content's verdict is kept for the new bundle
 * the same way (contentCheckCache.ts), so the first start after a build does not check the files again. On
 * unchanged content it only checks the caches. Invalid content is left to the start, which reports it whole.
 */
const rootDir = process.argv[2] ?? process.cwd();
const codeFingerprint = runningBundleFingerprint();
const check = (files: ContentFile[]) => checkContent(files, repoContentRules);
const checked = (codeFingerprint === undefined ? check : cachedContentCheck(check, { cacheDir: join(rootDir, defaultContentCheckCache), codeFingerprint }))(await readContentFiles(rootDir));
if (checked.ok) {
  const cacheDir = join(rootDir, defaultModelCache);
  if (existsSync(nluModelFile(checked.content, cacheDir))) {
    process.stdout.write('understanding model: unchanged content, cached\n');
  } else {
    const context = await buildEngineContext(checked.content, { modelCacheDir: cacheDir });
    process.stdout.write(`understanding model: trained in ${context.reader.model.trainingMs} ms\n`);
  }
}
