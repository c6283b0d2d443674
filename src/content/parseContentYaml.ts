import { LineCounter, parseDocument, visit, type Document } from 'yaml';
import type { ContentProblem } from './checkContent.js';
import { contentCheckMessages } from './contentCheckMessages.js';

type FileProblem = Omit<ContentProblem, 'file'>;
type Position = { line: number; column: number; text: string };

/**
 * YAML text → plain data, or its syntax problems with line:column and the line itself. Only a file's first syntax
 * error is spelled out (with a count of the rest): after one misplaced indent the parser's later complaints are
 * mostly echoes of it.
 */
export function parseContentYaml(text: string): { ok: true; data: unknown } | { ok: false; problems: FileProblem[] } {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter });
  const lines = text.split(/\r?\n/);
  const positionOf = (offset: number): Position => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col, text: lines[line - 1] ?? '' };
  };

  const [first, ...later] = [...document.errors, ...document.warnings];
  if (first !== undefined) {
    return { ok: false, problems: [{ path: '', message: contentCheckMessages.yamlSyntax(positionOf(first.pos[0]), first.code, later.length) }] };
  }
  const aliasProblems: FileProblem[] = [];
  visit(document, {
    Alias(_key, alias) {
      if (alias.resolve(document) !== undefined) return;
      aliasProblems.push({ path: '', message: contentCheckMessages.yamlUnknownAlias(positionOf(alias.range?.[0] ?? 0), alias.source) });
    },
  });
  if (aliasProblems.length > 0) return { ok: false, problems: aliasProblems };
  if (document.contents === null) return { ok: false, problems: [{ path: '', message: contentCheckMessages.emptyFile }] };
  try {
    return { ok: true, data: document.toJS() };
  } catch (error) {
    // The only failure left once every alias resolves: yaml refuses to expand an alias bomb.
    if (error instanceof ReferenceError) return { ok: false, problems: [{ path: '', message: contentCheckMessages.yamlTooManyAliases }] };
    throw error;
  }
}
