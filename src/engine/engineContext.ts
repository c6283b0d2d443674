import type { Content } from '../content/schema.js';
import { buildFaqIndex, type FaqIndex } from '../nlu/faqIndex.js';
import type { Segmenter } from '../nlu/segmenter.js';

/** What step needs besides state and input: the loaded content and the FAQ index built from it. */
export type EngineContext = {
  content: Content;
  faqIndex: FaqIndex;
  /** Whether a language model may be asked when embedded understanding is unsure (it only ever picks an FAQ id). */
  modelAvailable: boolean;
};

export function createEngineContext(content: Content, segmenter: Segmenter, options: { modelAvailable?: boolean } = {}): EngineContext {
  return { content, faqIndex: buildFaqIndex(content, segmenter), modelAvailable: options.modelAvailable ?? false };
}
