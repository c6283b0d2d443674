/**
 * The console's wording: every `console.*` message of the published content, put into the page by the server
 * (a JSON data block, never executed), so no word of the UI lives in code.
 */
let words: Record<string, string> = {};

export function loadWords(): void {
  const block = document.getElementById('console-words');
  words = block?.textContent ? (JSON.parse(block.textContent) as Record<string, string>) : {};
}

export function t(id: string, values: Record<string, string | number> = {}): string {
  const template = words[id] ?? id;
  return template.replace(/\{([\w.]+)\}/g, (whole, name: string) => (values[name] === undefined ? whole : String(values[name])));
}

/** Data the page carries besides the words (e.g. the regions a call can be for). */
export function pageData<T>(id: string, fallback: T): T {
  const block = document.getElementById(id);
  return block?.textContent ? (JSON.parse(block.textContent) as T) : fallback;
}
