/**
 * The console's wording: the `editor.*` messages of the live content, put into the page by the server (a JSON data
 * block, never executed), so no word of the UI lives in code.
 */
let words: Record<string, string> = {};

export function loadWords(): void {
  const block = document.getElementById('editor-wording');
  words = block?.textContent ? (JSON.parse(block.textContent) as Record<string, string>) : {};
}

export function t(id: string, values: Record<string, string | number> = {}): string {
  const template = words[id] ?? id;
  return template.replace(/\{([\w.]+)\}/g, (whole, name: string) => (values[name] === undefined ? whole : String(values[name])));
}
