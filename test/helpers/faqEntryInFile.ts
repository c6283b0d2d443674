import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

const repository = fileURLToPath(new URL('../../', import.meta.url));

export type FaqEntryInFile = {
  /** The repository-relative file, as the editor lists it. */
  file: string;
  /** Where problems with the entry are reported: `entries[3]`. */
  path: string;
  question: string;
  /** The answer's first line, exactly as it stands in the file (an editor clicks it, a test edits it). */
  firstAnswerLine: string;
  /** That line with words put in before its last character: an edit whose result does not contain the old line. */
  rewordedLine: string;
};

/**
 * An FAQ entry as its file holds it today, found by its id: tests that edit an answer take its words and place from
 * here, so rewording the answer or adding entries above it does not break them.
 */
export function faqEntryInFile(file: string, id: string): FaqEntryInFile {
  const text = readFileSync(`${repository}${file}`, 'utf8');
  const entries = (parse(text) as { entries: { id: string; question: string; answer: string }[] }).entries;
  const index = entries.findIndex((entry) => entry.id === id);
  if (index === -1) throw new Error(`${file} has no entry ${id}`);
  const entry = entries[index]!;
  const firstAnswerLine = entry.answer.split('\n')[0]!;
  if (!text.includes(firstAnswerLine)) throw new Error(`${file} → ${id}: the answer's first line is not written out as it reads`);
  return { file, path: `entries[${index}]`, question: entry.question, firstAnswerLine, rewordedLine: `${firstAnswerLine.slice(0, -1)}（编辑改过）${firstAnswerLine.slice(-1)}` };
}
