import { createJiebaSegmenter } from '../adapters/jiebaSegmenter.js';
import { InvalidContentError, loadContent } from '../content/loadContent.js';
import { repoContentRules } from '../content/repoContentRules.js';
import type { Content } from '../content/schema.js';
import { createEngineContext, type EngineContext } from '../engine/engineContext.js';

/** Loads and checks all content under rootDir and builds what the engine needs; throws on invalid content. */
export async function loadEngineContext(rootDir: string, options: { modelAvailable?: boolean } = {}): Promise<EngineContext> {
  const loaded = await loadContent(rootDir, repoContentRules);
  if (!loaded.ok) throw new InvalidContentError(loaded.problems);
  return buildEngineContext(loaded.content, options);
}

/** What the engine needs from checked content (segmenter, indexes); also what a publish builds before it swaps. */
export async function buildEngineContext(content: Content, options: { modelAvailable?: boolean } = {}): Promise<EngineContext> {
  return createEngineContext(content, createJiebaSegmenter(content.synonyms.flat()), options);
}
