import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { evaluateRouting, loadDevQuestions, loadRepoEngine, repoRoot } from './evaluateRouting.js';
import { servedTopic } from './heldOutFresh.js';

/**
 * `npx tsx bench/questionsProbe.ts`: the questions probe — in-scope questions for the causes the third fresh set showed
 * (regional kinship words and dialect question particles, the giver's own situation, long stories whose last clause
 * asks, city 惠民保 product names, how a bound relative pays), written before measuring and never trained on. Prints how
 * many are answered with an accepted topic, and each miss (the probe is ours to read; the fresh sets are not).
 */
export const questionsProbePath = join(repoRoot, 'bench/questionsProbe.jsonl');

async function main(): Promise<void> {
  const context = await loadRepoEngine();
  const report = evaluateRouting(context, await loadDevQuestions(questionsProbePath), servedTopic);
  const total = report.inScope.total + report.outOfScope.total;
  const right = report.inScope.routed + report.outOfScope.refused;
  console.log(`questions probe (bench/questionsProbe.jsonl): ${right}/${total} answered with an accepted topic (${((100 * right) / total).toFixed(1)} %)`);
  for (const miss of report.misses) console.log(`  miss: ${miss.question}  [accept ${miss.accept.join(', ')}]  → ${miss.got}`);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  await main();
}
