import type { ContentFile } from './checkContent.js';

/**
 * A short, stable fingerprint of all content (FNV-1a, 32 bits, over paths and texts in path order).
 * Conversations store it to notice that content changed under them; it is not a security measure.
 */
export function contentVersion(files: readonly ContentFile[]): string {
  const sorted = [...files].sort((left, right) => (left.path < right.path ? -1 : left.path > right.path ? 1 : 0));
  let hash = 0x811c9dc5;
  for (const file of sorted) {
    // The separators keep ("ab", "c") and ("a", "bc") apart.
    for (const part of [file.path, '\u0000', file.text, '\u0000']) {
      for (let index = 0; index < part.length; index += 1) {
        hash ^= part.charCodeAt(index);
        hash = Math.imul(hash, 0x01000193);
      }
    }
  }
  return (hash >>> 0).toString(16).padStart(8, '0');
}
