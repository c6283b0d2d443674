import { parse } from 'yaml';
import type { LabelledExample } from '../src/content/checkExamples.js';
import { labelledExamples } from '../src/content/checkExamples.js';
import type { Content } from '../src/content/schema.js';
import { readContentFiles } from '../src/content/loadContent.js';
import { crossFitted } from '../src/nlu/calibration.js';
import { labelGiven, outOfFold } from '../src/nlu/crossValidate.js';
import type { FamilyFolds } from './crossValidation.js';

/** Below this, a held-out prediction naming another label is the model's doubt; from it on, worth an editor's look. */
export const DISAGREEMENT_AT = 0.7;

/** A written example whose out-of-fold prediction names another label: a mislabel, two entries that overlap, or a miss. */
export type Disagreement = { example: LabelledExample; label: string; predicted: string; probability: number };

/**
 * The examples of a family whose prediction by the fold that never saw their group names another label with
 * probability ≥ `at`, the most confident first. Probabilities are calibrated as `npm run eval` reports them (each
 * fold scaled by the temperature fitted on the other folds), so 0.7 means what it says. `written` keeps the examples
 * an editor wrote (not the copies training makes of them, e.g. inside a region mention).
 */
export function findDisagreements(folds: FamilyFolds, written: (example: LabelledExample) => boolean, at = DISAGREEMENT_AT): Disagreement[] {
  const held = outOfFold(folds.examples, folds.fit, folds.options);
  const found: Disagreement[] = [];
  for (const prediction of crossFitted(held.predictions).predictions) {
    const { example, expected, probabilities } = prediction;
    if (!written(example)) continue;
    // The label a user is given (the FAQ's best entry of the best topic), else the likeliest.
    const best = labelGiven(prediction);
    if (best === expected || probabilities[best]! < at) continue;
    found.push({ example, label: held.labels[expected]!, predicted: held.labels[best]!, probability: probabilities[best]! });
  }
  return found.sort((a, b) => b.probability - a.probability);
}

/** Where an editor finds an example: its file and path; an FAQ phrasing by its entry's file and id. */
export async function exampleLocator(rootDir: string, content: Content): Promise<(example: LabelledExample) => string> {
  const fileOfEntry = new Map<string, string>();
  for (const file of await readContentFiles(rootDir)) {
    if (!file.path.startsWith('flows/faq/')) continue;
    const entries = (parse(file.text) as { entries?: { id?: unknown }[] } | null)?.entries ?? [];
    for (const entry of entries) if (typeof entry.id === 'string') fileOfEntry.set(entry.id, file.path);
  }
  return (example) => {
    const phrasing = /^entries\[(\d+)\]\.(.*)$/.exec(example.path);
    const entry = phrasing && example.file === 'flows/faq' ? content.faq[Number(phrasing[1])] : undefined;
    if (entry === undefined) return `${example.file} → ${example.path}`;
    return `${fileOfEntry.get(entry.id) ?? example.file} → ${entry.id} → ${phrasing![2]}`;
  };
}

/** The examples training was given as written (FAQ phrasings and every file under flows/nlu), by file and path. */
export function writtenExamples(content: Content): (example: LabelledExample) => boolean {
  const keys = new Set(labelledExamples(content.nlu, [{ file: 'flows/faq', entries: content.faq }]).map((example) => `${example.file}\u0000${example.path}`));
  return (example) => keys.has(`${example.file}\u0000${example.path}`);
}

/** One line per disagreement, grouped by file so an editor can work through a file at a time. */
export function formatDisagreements(family: string, found: readonly Disagreement[], where: (example: LabelledExample) => string, at = DISAGREEMENT_AT): string {
  const entryOf = (example: LabelledExample) => (family === 'faq topic' ? ` (${example.label})` : '');
  const lines = [`${family}: ${found.length} examples whose held-out prediction names another label with p ≥ ${at}`];
  const byFile = new Map<string, Disagreement[]>();
  for (const disagreement of found) {
    const file = where(disagreement.example).split(' → ')[0]!;
    byFile.set(file, [...(byFile.get(file) ?? []), disagreement]);
  }
  for (const file of [...byFile.keys()].sort()) {
    lines.push(`  ${file}`);
    for (const { example, label, predicted, probability } of byFile.get(file)!) {
      lines.push(`    ${probability.toFixed(2)}  ${label}${entryOf(example)} → ${predicted}  「${example.text}」  ${where(example).split(' → ').slice(1).join(' → ')}`);
    }
  }
  return lines.join('\n');
}
