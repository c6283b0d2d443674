import { findEntities } from './findEntities.js';
import { normalise } from './normalise.js';
import type { Entity, ReadContext } from './reading.js';
import type { Segmenter } from './segmenter.js';
import { maskedText, textFeatures, type Vocabulary } from './textFeatures.js';

/** A word of the normalised text and where it starts. */
export type Token = { word: string; start: number };
/** `features` are what most classifiers read, `actFeatures` what the intent classifier reads (see FeatureKind). */
export type PreparedText = { normalised: string; entities: Entity[]; tokens: Token[]; features: string[]; actFeatures: string[] };

/** Normalisation, entities, segmentation and the classifiers' features: once per message, and once per example. */
export function prepareText(text: string, segmenter: Segmenter, vocabulary: Vocabulary, context: ReadContext): PreparedText {
  const normalised = normalise(text);
  const entities = findEntities(normalised, context, vocabulary.filingFor);
  const tokens: Token[] = [];
  let position = 0;
  for (const word of segmenter.cut(normalised)) {
    if (word.trim() !== '') tokens.push({ word, start: position });
    position += word.length;
  }
  const masked = maskedText(normalised, entities);
  const words = tokens.map((token) => token.word);
  return { normalised, entities, tokens, features: textFeatures(masked, words, vocabulary), actFeatures: textFeatures(masked, words, vocabulary, 'act') };
}
