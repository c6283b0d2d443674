import { normalise } from './normalise.js';

/**
 * A name as the person typed it: the stretch of `text` whose normal form is `found` (a name read in the normalised
 * text). A name is the person's own spelling — someone from Hong Kong, Macao or Taiwan who types 陳淑華 should not see
 * 陈淑华 — while everything that reads the message reads it simplified. Open: a mainland ID card prints the simplified
 * form, and whether the back end matches 陳淑華 against it is its rule, not ours; the form files what was typed. `found` itself when the text holds it as it is, or when no
 * stretch of the text folds to it (the normalisation changed more than characters' forms there).
 */
export function asTyped(text: string, found: string): string {
  if (text.includes(found)) return found;
  const characters = [...text];
  const length = [...found].length;
  for (let start = 0; start + length <= characters.length; start += 1) {
    const stretch = characters.slice(start, start + length).join('');
    if (normalise(stretch) === found) return stretch;
  }
  return found;
}
