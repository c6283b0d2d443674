import type { Content } from '../content/schema.js';
import { buildFaqIndex, type FaqIndex } from '../nlu/faqIndex.js';
import type { Segmenter } from '../nlu/segmenter.js';

/** What step needs besides state and input: the loaded content and the FAQ index built from it. */
export type EngineContext = {
  content: Content;
  faqIndex: FaqIndex;
};

export function createEngineContext(content: Content, segmenter: Segmenter): EngineContext {
  return { content, faqIndex: buildFaqIndex(content, segmenter) };
}
