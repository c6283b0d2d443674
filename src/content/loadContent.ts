import { readFileSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { checkContent, type ContentFile, type ContentProblem, type ContentRules } from './checkContent.js';
import { contentCheckMessages } from './contentCheckMessages.js';

/** The folders editors own; every YAML file in them is content (or an unknown-file problem). */
const contentFolders = ['flows', 'prompts'];

/** Reads every YAML file under <rootDir>/flows and <rootDir>/prompts and checks them all together. */
export async function loadContent(rootDir: string, rules: ContentRules): Promise<ReturnType<typeof checkContent>> {
  return checkContent(await readContentFiles(rootDir), rules);
}

/**
 * Every YAML file under <rootDir>/flows and <rootDir>/prompts, unchecked, in path order. Read one after another on
 * this thread: a start reads over 300 small files, and through the thread pool each cost four round trips (open, stat,
 * read, close) — on a loaded machine about a quarter of a second of a start went to them. Only a start and the
 * command-line tools read the repository's files; nothing is waiting on the event loop then.
 */
export async function readContentFiles(rootDir: string): Promise<ContentFile[]> {
  const paths = (await Promise.all(contentFolders.map((folder) => yamlFilesUnder(join(rootDir, folder))))).flat().sort();
  return paths.map((path) => ({ path: relative(rootDir, path).split(sep).join('/'), text: readFileSync(path, 'utf8') }));
}

async function yamlFilesUnder(folder: string): Promise<string[]> {
  let entries;
  try {
    entries = await readdir(folder, { recursive: true, withFileTypes: true });
  } catch (error) {
    // A missing folder is content with nothing in it; the checker then names what is missing.
    if (error instanceof Error && 'code' in error && error.code === 'ENOENT') return [];
    throw error;
  }
  return entries.filter((entry) => entry.isFile() && /\.ya?ml$/.test(entry.name)).map((entry) => join(entry.parentPath, entry.name));
}

/** Thrown where a process must not run on invalid content (start-up); its message lists every problem. */
export class InvalidContentError extends Error {
  constructor(readonly problems: ContentProblem[]) {
    super(`${contentCheckMessages.problemCount(problems.length)}\n${formatProblems(problems)}`);
    this.name = 'InvalidContentError';
  }
}

/** One line per problem: `file → path → message` (the path is left out when the problem is about the whole file). */
export function formatProblems(problems: readonly ContentProblem[]): string {
  return problems.map((problem) => [problem.file, problem.path, problem.message].filter((part) => part !== '').join(' → ')).join('\n');
}
