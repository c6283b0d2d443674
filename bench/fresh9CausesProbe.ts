import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { evaluateRouting, loadDevQuestions, loadRepoEngine, repoRoot } from './evaluateRouting.js';
import { servedTopic } from './heldOutFresh.js';

/**
 * `npx tsx bench/fresh9CausesProbe.ts`: the ninth-set causes probe — in-scope questions for the FAQ-routing causes the
 * lead found in the ninth fresh set (a separate account or how 共济 differs from one's insurance, maternal grandparents
 * or both of a pair, a same-sex couple in 泰安, two cities in one province, a parent without a phone, a giver on the
 * unemployment fund or a migrant worker, just through face verification, a photo rejected and uploaded again, binding
 * again after unbinding), written before measuring and never trained on. Prints the whole and each cause's count.
 */
const FILE = 'bench/fresh9CausesProbe.jsonl';

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
  console.log(`ninth-set causes probe (${FILE}): ${report.inScope.routed}/${report.inScope.total} answered with an accepted topic`);
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
