import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { repoRoot } from './evaluateRouting.js';

/** A probe line (bench/*Probe.jsonl): a first message, what it accepts, and the cause or side it was written for. */
export type ProbeLine = { q: string; accept: string[]; kind: string | number };
/** What a probe made of one line: whether it was right, and what it got, for the miss list. */
export type ProbeResult = { line: ProbeLine; right: boolean; got: string };

/** The question lines of a probe file (lines without `q` are notes), each with its cause (`cause`, else `side`, else 0). */
export async function probeLines(file: string): Promise<ProbeLine[]> {
  const parsed = (await readFile(join(repoRoot, file), 'utf8'))
    .split('\n')
    .filter((text) => text.trim() !== '')
    .map((text) => JSON.parse(text) as { q?: string; accept?: string[]; cause?: number; side?: string });
  return parsed.flatMap((line) => (line.q === undefined ? [] : [{ q: line.q, accept: line.accept ?? [], kind: line.cause ?? line.side ?? 0 }]));
}

/** Prints each cause's count (numbered causes in order, named sides as written) and every miss. */
export function printTally(results: readonly ProbeResult[]): void {
  const byKind = new Map<string | number, { right: number; total: number }>();
  for (const { line, right } of results) {
    const count = byKind.get(line.kind) ?? { right: 0, total: 0 };
    count.total += 1;
    if (right) count.right += 1;
    byKind.set(line.kind, count);
  }
  const name = (kind: string | number) => (typeof kind === 'number' ? `cause ${kind}` : kind);
  const kinds = [...byKind].sort(([a], [b]) => (typeof a === 'number' && typeof b === 'number' ? a - b : 0));
  console.log(kinds.map(([kind, { right, total }]) => `${name(kind)}: ${right}/${total}`).join('  '));
  for (const { line, right, got } of results) if (!right) console.log(`  miss (${name(line.kind)}): ${line.q}  [accept ${line.accept.join(', ')}]  → ${got}`);
}
