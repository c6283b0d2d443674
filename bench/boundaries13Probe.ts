import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { initialState, step } from '../src/engine/step.js';
import { loadRepoEngine, repoRoot } from './evaluateRouting.js';

/**
 * `npx tsx bench/boundaries13Probe.ts`: the thirteenth-session boundaries probe (bench/boundaries13Probe.jsonl,
 * written before the session's examples, never trained on): the giver's insurance vs the relative's, and unbinding
 * steps vs binding steps. Each line is the first message of a new conversation; it is right when the FAQ entry
 * answered is one it accepts. Prints the whole, each side, and the misses.
 */
const FILE = 'bench/boundaries13Probe.jsonl';

type Line = { q: string; accept: string[]; side: string };

async function main(): Promise<void> {
  const context = await loadRepoEngine();
  const lines = (await readFile(join(repoRoot, FILE), 'utf8'))
    .split('\n')
    .filter((text) => text.trim() !== '')
    .map((text) => JSON.parse(text) as Partial<Line>)
    .filter((line): line is Line => line.q !== undefined);
  const now = new Date('2026-11-22T02:00:00Z');
  const bySide = new Map<string, { right: number; total: number }>();
  const misses: string[] = [];
  for (const { q, accept, side } of lines) {
    const { understanding } = step(context, initialState(context, 'evaluation', null), { type: 'text', text: q }, now);
    const right = understanding.faqId !== null && accept.includes(understanding.faqId);
    const count = bySide.get(side) ?? { right: 0, total: 0 };
    count.total += 1;
    if (right) count.right += 1;
    else misses.push(`  miss (${side}): ${q}  [accept ${accept.join(', ')}]  → ${understanding.route} ${understanding.topic ?? '-'}/${understanding.faqId ?? '-'} (${understanding.confidence.toFixed(2)})`);
    bySide.set(side, count);
  }
  const right = [...bySide.values()].reduce((sum, { right: r }) => sum + r, 0);
  console.log(`boundaries probe (${FILE}): ${right}/${lines.length} answered with an accepted entry`);
  console.log([...bySide].map(([side, { right: r, total }]) => `${side}: ${r}/${total}`).join('  '));
  for (const miss of misses) console.log(miss);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) await main();
