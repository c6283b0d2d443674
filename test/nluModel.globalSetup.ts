import { fileURLToPath } from 'node:url';
import { loadEngineContext } from '../src/server/loadEngineContext.js';

/**
 * Trains the classifiers once, before any test file starts, and leaves them in the model cache. In a clean clone the
 * cache is empty: without this, the first files to load the engine each trained the same model at once in their
 * `beforeAll` (about 16 s alone on a quiet 2-core machine, several times that side by side), and under load those
 * hooks ran past their minute. A run on unchanged content reads the cache here in about a second.
 */
export default async function setup(): Promise<void> {
  await loadEngineContext(fileURLToPath(new URL('../', import.meta.url)));
}
