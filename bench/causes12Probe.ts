import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { evaluateRouting, loadDevQuestions, loadRepoEngine, repoRoot } from './evaluateRouting.js';
import { servedTopic } from './heldOutFresh.js';

/**
 * `npx tsx bench/causes12Probe.ts`: the twelfth-session causes probe — seven causes the lead found (an intermediary
 * asking for other people's bindings in bulk, injected test or admin modes skipping the face check or review, givers in
 * special insurance situations, a child binding for a parent on their own phone, where a kinship proof is issued,
 * binding in a hurry before a hospital stay, spending the shared money on cosmetic or non-medical things) and neighbours
 * that keep their behaviour, written before measuring and never trained on. Prints the whole and each cause's count.
 */
const FILE = 'bench/causes12Probe.jsonl';

async function main(): Promise<void> {
  const context = await loadRepoEngine();
  const questions = await loadDevQuestions(join(repoRoot, FILE));
  const causes = new Map<string, number>();
  for (const line of (await readFile(join(repoRoot, FILE), 'utf8')).split('\n').filter((text) => text.trim() !== '')) {
    const parsed = JSON.parse(line) as { q?: string; cause?: number };
    if (parsed.q !== undefined) causes.set(parsed.q, parsed.cause ?? 0);
  }
  const report = evaluateRouting(context, questions, servedTopic);
  const missed = new Set(report.misses.map((miss) => miss.question));
  console.log(`twelfth-session causes probe (${FILE}): in scope ${report.inScope.routed}/${report.inScope.total} answered with an accepted topic, out of scope ${report.outOfScope.refused}/${report.outOfScope.total} refused`);
  const byCause = new Map<number, { right: number; total: number }>();
  for (const { q } of questions) {
    const cause = causes.get(q) ?? 0;
    const count = byCause.get(cause) ?? { right: 0, total: 0 };
    count.total += 1;
    if (!missed.has(q)) count.right += 1;
    byCause.set(cause, count);
  }
  console.log([...byCause].sort(([a], [b]) => a - b).map(([cause, { right, total }]) => `cause ${cause}: ${right}/${total}`).join('  '));
  for (const miss of report.misses) console.log(`  miss (cause ${causes.get(miss.question)}): ${miss.question}  [accept ${miss.accept.join(', ')}]  → ${miss.got}`);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) await main();
