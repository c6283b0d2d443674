import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { initialState, step } from '../src/engine/step.js';
import { loadRepoEngine } from './evaluateRouting.js';
import { printTally, probeLines, type ProbeResult } from './probeTally.js';

/**
 * `npx tsx bench/boundaries13Probe.ts`: the thirteenth-session boundaries probe (bench/boundaries13Probe.jsonl,
 * written before the session's examples, never trained on): the giver's insurance vs the relative's, and unbinding
 * steps vs binding steps. Each line is the first message of a new conversation; it is right when the FAQ entry
 * answered is one it accepts. Prints the whole, each side, and the misses.
 */
const FILE = 'bench/boundaries13Probe.jsonl';

async function main(): Promise<void> {
  const context = await loadRepoEngine();
  const now = new Date('2026-11-22T02:00:00Z');
  const results = (await probeLines(FILE)).map((line): ProbeResult => {
    const { understanding } = step(context, initialState(context, 'evaluation', null), { type: 'text', text: line.q }, now);
    const right = understanding.faqId !== null && line.accept.includes(understanding.faqId);
    return { line, right, got: `${understanding.route} ${understanding.topic ?? '-'}/${understanding.faqId ?? '-'} (${understanding.confidence.toFixed(2)})` };
  });
  console.log(`boundaries probe (${FILE}): ${results.filter((result) => result.right).length}/${results.length} answered with an accepted entry`);
  printTally(results);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) await main();
