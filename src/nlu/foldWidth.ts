/**
 * Full-width ASCII forms and the ideographic space → their half-width forms, upper case → lower case.
 * Every character maps to exactly one, so positions found in the folded text are positions in what was typed.
 */
export function foldWidth(text: string): string {
  return text
    .replace(/[\uFF01-\uFF5E]/g, (character) => String.fromCharCode(character.charCodeAt(0) - 0xfee0))
    .replace(/\u3000/g, ' ')
    .replace(/[A-Z]/g, (character) => character.toLowerCase());
}
