import type { Content } from '../content/schema.js';
import { trainNluModel, type NluModel } from '../nlu/nluModel.js';
import type { ReadTools } from '../nlu/read.js';
import type { Segmenter } from '../nlu/segmenter.js';

/** What step needs besides state and input: the loaded content and what reads messages with it. */
export type EngineContext = {
  content: Content;
  /** The classifiers trained on this content and the segmenter: `read` runs with them once per turn. */
  reader: ReadTools;
  /** Whether a language model may be asked when embedded understanding is unsure (it only ever picks an FAQ id). */
  modelAvailable: boolean;
  /** How long a half-filled form is kept after the person leaves (FORM_RETENTION_HOURS); the person is told so. */
  formRetentionHours: number;
};

export const defaultFormRetentionHours = 24;

/** Trains the classifiers unless a model of this very content is given (from a cache). */
export function createEngineContext(content: Content, segmenter: Segmenter, options: { modelAvailable?: boolean; model?: NluModel; formRetentionHours?: number } = {}): EngineContext {
  const model = options.model ?? trainNluModel(content, segmenter);
  return { content, reader: { model, segmenter }, modelAvailable: options.modelAvailable ?? false, formRetentionHours: options.formRetentionHours ?? defaultFormRetentionHours };
}
