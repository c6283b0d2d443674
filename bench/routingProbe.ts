import { join } from 'node:path';
import { evaluateRouting, loadDevQuestions, loadRepoEngine, repoRoot } from './evaluateRouting.js';
import { servedTopic } from './heldOutFresh.js';

/**
 * Runs one probe of questions (a `bench/*.jsonl` of `{q, accept}` lines written before measuring, never trained on)
 * through the engine and prints how many are answered with an accepted topic, and each miss: the probes are ours to
 * read, the fresh sets are not.
 */
export async function printRoutingProbe(label: string, file: string): Promise<void> {
  const context = await loadRepoEngine();
  const report = evaluateRouting(context, await loadDevQuestions(join(repoRoot, file)), servedTopic);
  const total = report.inScope.total + report.outOfScope.total;
  const right = report.inScope.routed + report.outOfScope.refused;
  console.log(`${label} (${file}): ${right}/${total} answered with an accepted topic (${((100 * right) / total).toFixed(1)} %)`);
  for (const miss of report.misses) console.log(`  miss: ${miss.question}  [accept ${miss.accept.join(', ')}]  → ${miss.got}`);
}
