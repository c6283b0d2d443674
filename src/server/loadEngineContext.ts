import { join } from 'node:path';
import { createJiebaSegmenter } from '../adapters/jiebaSegmenter.js';
import { InvalidContentError, loadContent } from '../content/loadContent.js';
import { repoContentRules } from '../content/repoContentRules.js';
import type { Content } from '../content/schema.js';
import { createEngineContext, type EngineContext } from '../engine/engineContext.js';
import type { Segmenter } from '../nlu/segmenter.js';
import { cachedNluModel } from './nluModelCache.js';
import type { NluTrainer } from './nluTrainer.js';

/**
 * Loads and checks all content under rootDir and builds what the engine needs; throws on invalid content. The
 * classifiers come from `modelCacheDir` (default: node_modules/.cache/gongji-nlu under rootDir) when trained before.
 */
export async function loadEngineContext(rootDir: string, options: { modelAvailable?: boolean; modelCacheDir?: string; formRetentionHours?: number } = {}): Promise<EngineContext> {
  const loaded = await loadContent(rootDir, repoContentRules);
  if (!loaded.ok) throw new InvalidContentError(loaded.problems);
  return buildEngineContext(loaded.content, { ...options, modelCacheDir: options.modelCacheDir ?? join(rootDir, defaultModelCache) });
}

/** Where trained classifiers are kept by content version, under the content root (or the working directory). */
export const defaultModelCache = 'node_modules/.cache/gongji-nlu';

/**
 * Jieba loads its whole dictionary per instance (most of a second); drafts and publishes that leave the synonym
 * words alone reuse the segmenter of the last content that had the same words.
 */
let lastSegmenter: { words: string; segmenter: Segmenter } | null = null;

function segmenterFor(words: string[]): Segmenter {
  const key = words.join('\n');
  if (lastSegmenter?.words !== key) lastSegmenter = { words: key, segmenter: createJiebaSegmenter(words) };
  return lastSegmenter.segmenter;
}

/** What the engine needs from checked content (segmenter, indexes); also what a publish builds before it swaps. */
export async function buildEngineContext(
  content: Content,
  /** `trainer`: how a model no cache holds is trained (the server's: in a worker thread; by default on this thread). */
  options: { modelAvailable?: boolean; modelCacheDir?: string; formRetentionHours?: number; trainer?: NluTrainer } = {},
): Promise<EngineContext> {
  const segmenter = segmenterFor(content.synonyms.flat());
  const model = await cachedNluModel(content, segmenter, options.modelCacheDir ?? defaultModelCache, options.trainer);
  return createEngineContext(content, segmenter, { modelAvailable: options.modelAvailable, model, ...(options.formRetentionHours === undefined ? {} : { formRetentionHours: options.formRetentionHours }) });
}
