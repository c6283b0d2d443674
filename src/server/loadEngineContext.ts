import { createJiebaSegmenter } from '../adapters/jiebaSegmenter.js';
import { InvalidContentError, loadContent } from '../content/loadContent.js';
import { repoContentRules } from '../content/repoContentRules.js';
import { createEngineContext, type EngineContext } from '../engine/engineContext.js';

/** Loads and checks all content under rootDir and builds what the engine needs; throws on invalid content. */
export async function loadEngineContext(rootDir: string, options: { modelAvailable?: boolean } = {}): Promise<EngineContext> {
  const loaded = await loadContent(rootDir, repoContentRules);
  if (!loaded.ok) throw new InvalidContentError(loaded.problems);
  const synonymWords = loaded.content.synonyms.flat();
  return createEngineContext(loaded.content, createJiebaSegmenter(synonymWords), options);
}
