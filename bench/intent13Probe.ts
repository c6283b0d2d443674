import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { initialState, step } from '../src/engine/step.js';
import { loadRepoEngine, repoRoot } from './evaluateRouting.js';

/**
 * `npx tsx bench/intent13Probe.ts`: the thirteenth-session intent probe (bench/intent13Probe.jsonl, written before
 * measuring, never trained on). Each line is the first message of a new conversation; what the engine did with it is
 * named binding (the form started), status or unbind (that dialog started), handoff, faq (answered from the FAQ) or chat
 * (a social turn), and counted right when it is one of the line's accepted outcomes. Prints the whole and each cause.
 */
const FILE = 'bench/intent13Probe.jsonl';
type Line = { q: string; accept: string[]; cause: number };

async function main(): Promise<void> {
  const context = await loadRepoEngine();
  const lines = (await readFile(join(repoRoot, FILE), 'utf8')).split('\n').filter((text) => text.trim() !== '').map((text) => JSON.parse(text) as Partial<Line>).filter((line): line is Line => line.q !== undefined);
  const now = new Date('2026-11-22T02:00:00Z');
  const byCause = new Map<number, { right: number; total: number }>();
  const misses: string[] = [];
  for (const { q, accept, cause } of lines) {
    const { state, understanding } = step(context, initialState(context, 'probe', null), { type: 'text', text: q }, now);
    const outcome = state.form !== null ? 'binding' : state.unbind !== null ? 'unbind' : state.awaitingStatusId ? 'status' : understanding.route === 'handoff' ? 'handoff' : understanding.route === 'faq' ? 'faq' : understanding.route === 'refusal' && understanding.topic === null ? 'chat' : understanding.route;
    const count = byCause.get(cause) ?? { right: 0, total: 0 };
    count.total += 1;
    if (accept.includes(outcome)) count.right += 1;
    else misses.push(`  miss (cause ${cause}): ${q}  [accept ${accept.join(', ')}]  → ${outcome}${understanding.faqId ? ` ${understanding.faqId}` : ''}`);
    byCause.set(cause, count);
  }
  const right = [...byCause.values()].reduce((sum, count) => sum + count.right, 0);
  console.log(`intent13 probe (${FILE}): ${right}/${lines.length} right`);
  console.log([...byCause].sort(([a], [b]) => a - b).map(([cause, { right: r, total }]) => `cause ${cause}: ${r}/${total}`).join('  '));
  for (const miss of misses) console.log(miss);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) await main();
