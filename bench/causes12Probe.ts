import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { evaluateRouting, loadRepoEngine, OUT_OF_SCOPE } from './evaluateRouting.js';
import { servedTopic } from './heldOutFresh.js';
import { printTally, probeLines, type ProbeResult } from './probeTally.js';

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
  // Each line judged alone by the routing evaluation: right when it is no miss, and the miss says what it got.
  const results = (await probeLines(FILE)).map((line): ProbeResult => {
    const [miss] = evaluateRouting(context, [{ q: line.q, accept: line.accept }], servedTopic).misses;
    return { line, right: miss === undefined, got: miss?.got ?? '' };
  });
  const outOfScope = results.filter(({ line }) => line.accept.includes(OUT_OF_SCOPE));
  const inScope = results.filter(({ line }) => !line.accept.includes(OUT_OF_SCOPE));
  const rightOf = (part: readonly ProbeResult[]) => part.filter((result) => result.right).length;
  console.log(`twelfth-session causes probe (${FILE}): in scope ${rightOf(inScope)}/${inScope.length} answered with an accepted topic, out of scope ${rightOf(outOfScope)}/${outOfScope.length} refused`);
  printTally(results);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) await main();
