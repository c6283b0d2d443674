import { findEntities } from './findEntities.js';
import { normalise } from './normalise.js';
import type { Entity, ReadContext } from './reading.js';
import type { Segmenter } from './segmenter.js';
import { maskedText, textFeatures, type SynonymHeads } from './textFeatures.js';

/** A word of the normalised text and where it starts. */
export type Token = { word: string; start: number };
export type PreparedText = { normalised: string; entities: Entity[]; tokens: Token[]; features: string[] };

/** Normalisation, entities, segmentation and the classifiers' features: once per message, and once per example. */
export function prepareText(text: string, segmenter: Segmenter, synonyms: SynonymHeads, context: ReadContext): PreparedText {
  const normalised = normalise(text);
  const entities = findEntities(normalised, context);
  const tokens: Token[] = [];
  let position = 0;
  for (const word of segmenter.cut(normalised)) {
    if (word.trim() !== '') tokens.push({ word, start: position });
    position += word.length;
  }
  return { normalised, entities, tokens, features: textFeatures(maskedText(normalised, entities), tokens.map((token) => token.word), synonyms) };
}
