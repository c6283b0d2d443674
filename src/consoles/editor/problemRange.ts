import { isNode, LineCounter, parseDocument, type Node } from 'yaml';

/** `entries[3].answer` → ['entries', 3, 'answer'] (the checker's paths, see formatContentPath). */
export function pathParts(path: string): (string | number)[] {
  return [...path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)].map((match) => (match[2] !== undefined ? Number(match[2]) : match[1]!));
}

/**
 * Where in the YAML text a checker problem belongs: the value at its path, or the nearest parent that exists (a
 * missing field is reported at the mapping that lacks it), or the first line for a problem about the whole file.
 */
export function problemRange(text: string, path: string, message = ''): { from: number; to: number } {
  const firstLine = { from: 0, to: Math.max(0, text.indexOf('\n') === -1 ? text.length : text.indexOf('\n')) };
  if (path === '') {
    // A syntax error names its line and column: 「YAML 语法错误（5:9，第 5 行…」.
    const position = /（(\d+):(\d+)/.exec(message);
    if (position === null) return firstLine;
    const lines = text.split('\n');
    const line = Math.min(Number(position[1]), lines.length) - 1;
    const start = lines.slice(0, line).reduce((sum, current) => sum + current.length + 1, 0);
    return { from: start, to: start + (lines[line]?.length ?? 0) };
  }
  const document = parseDocument(text, { lineCounter: new LineCounter() });
  if (document.errors.length > 0) return firstLine;
  const parts = pathParts(path);
  for (let length = parts.length; length > 0; length -= 1) {
    const node = document.getIn(parts.slice(0, length), true) as Node | undefined;
    if (isNode(node) && node.range) {
      const [from, , to] = node.range;
      // A long block (a whole mapping) is marked on its first line only.
      const lineEnd = text.indexOf('\n', from);
      return { from, to: length < parts.length && lineEnd !== -1 ? Math.min(to, lineEnd) : Math.max(from + 1, to) };
    }
  }
  return firstLine;
}
