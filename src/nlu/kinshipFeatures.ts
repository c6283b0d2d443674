import type { Entity } from './reading.js';

/**
 * What kind of relative each one named is ("k:spouse", "k:child", "k:inLaw", "k:nonRelative", "k:spouseParent"):
 * the text shows every relative as one mark (Ⓕ, textFeatures.ts), so "女婿能用我的医保吗", "室友能用我的医保吗" and
 * "老婆能用我的医保吗" read alike but for a word each that few examples share. The FAQ reads them (the `role` kind);
 * the person themself (Ⓢ) has a mark of their own.
 *
 * Grouped 5-fold CV, mean of three deals (`npm run eval -- --cv`, content of d8211e5): FAQ entry 86.90 → 87.57 %,
 * topic 91.72 → 91.96 % (friends-not-eligible recall 58.2 → 64.1 %, in-laws-and-others-not-eligible 85.7 → 93.0 %,
 * spouse-parents-not-eligible 79.9 → 86.2 %, family-can-use-my-balance 83.7 → 89.3 %). Only the kinds that cannot be
 * bound (not which eligible relative): entry 87.56 %, topic 91.68 %.
 */
export function kinshipFeatures(entities: readonly Entity[]): string[] {
  const features: string[] = [];
  for (const entity of entities) {
    if (entity.kind !== 'relationship') continue;
    const match = entity.match;
    if (match.kind === 'eligible') features.push(`k:${match.relationship}`);
    else if (match.kind === 'ineligible' && match.reason !== 'self') features.push(`k:${match.reason}`);
  }
  return features;
}
