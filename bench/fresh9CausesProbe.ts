import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { evaluateRouting, loadRepoEngine } from './evaluateRouting.js';
import { servedTopic } from './heldOutFresh.js';
import { printTally, probeLines, type ProbeResult } from './probeTally.js';

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
  // Each line judged alone by the routing evaluation: right when it is no miss, and the miss says what it got.
  const results = (await probeLines(FILE)).map((line): ProbeResult => {
    const [miss] = evaluateRouting(context, [{ q: line.q, accept: line.accept }], servedTopic).misses;
    return { line, right: miss === undefined, got: miss?.got ?? '' };
  });
  console.log(`ninth-set causes probe (${FILE}): ${results.filter((result) => result.right).length}/${results.length} answered with an accepted topic`);
  printTally(results);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) await main();
