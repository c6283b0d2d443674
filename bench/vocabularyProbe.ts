import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { evaluateRouting, loadDevQuestions, loadRepoEngine, repoRoot } from './evaluateRouting.js';
import { servedTopic } from './heldOutFresh.js';

/**
 * `npx tsx bench/vocabularyProbe.ts`: the vocabulary probe — questions in words the examples rarely use (app and channel
 * names, the clinic, 卫生室 or pharmacy a relative pays at, 视频认证 and 活体 for face recognition, 亮码 and the
 * electronic credential, premium words, what people call 共济), written before measuring and never trained on. Prints
 * how many are answered with an accepted topic, and each miss (the probe is ours to read; the fresh sets are not).
 */
export const vocabularyProbePath = join(repoRoot, 'bench/vocabularyProbe.jsonl');

async function main(): Promise<void> {
  const context = await loadRepoEngine();
  const report = evaluateRouting(context, await loadDevQuestions(vocabularyProbePath), servedTopic);
  const total = report.inScope.total + report.outOfScope.total;
  const right = report.inScope.routed + report.outOfScope.refused;
  console.log(`vocabulary probe (bench/vocabularyProbe.jsonl): ${right}/${total} answered with an accepted topic (${((100 * right) / total).toFixed(1)} %)`);
  for (const miss of report.misses) console.log(`  miss: ${miss.question}  [accept ${miss.accept.join(', ')}]  → ${miss.got}`);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  await main();
}
