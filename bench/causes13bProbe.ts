import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { initialState, step } from '../src/engine/step.js';
import { loadRepoEngine } from './evaluateRouting.js';
import { servedTopic } from './heldOutFresh.js';
import { printTally, probeLines, type ProbeResult } from './probeTally.js';

/**
 * `npx tsx bench/causes13bProbe.ts`: the thirteenth-session causes probe, part b — six causes the lead found (a giver
 * describing themself while asking which relative may be added, a usage question after a story that the binding is done,
 * where the unbind button is in a provincial app, a relative already bound by a sibling, household registration
 * elsewhere, bound only after admission) and neighbours that keep their behaviour, written before measuring and never
 * trained on. A line is right when the served topic or the entry answered is accepted (some causes are decided at the
 * entry: bind-before-admission, guangdong-qinqing-account); out of scope is right when refused. Prints the whole and
 * each cause's count.
 */
const FILE = 'bench/causes13bProbe.jsonl';
const OUT_OF_SCOPE = 'out_of_scope';

async function main(): Promise<void> {
  const context = await loadRepoEngine();
  const now = new Date('2026-11-22T02:00:00Z');
  const results = (await probeLines(FILE)).map((line): ProbeResult => {
    const { q, accept } = line;
    const { understanding, state } = step(context, initialState(context, 'probe', null), { type: 'text', text: q }, now);
    const topic = accept.includes('start_binding') && state.form !== null ? 'start_binding' : servedTopic(understanding, state);
    const answered = (topic !== null && accept.includes(topic)) || (understanding.faqId !== null && accept.includes(understanding.faqId));
    const right = accept.includes(OUT_OF_SCOPE) ? understanding.route === 'refusal' || answered : answered;
    return { line, right, got: `${understanding.route} ${topic ?? '-'}/${understanding.faqId ?? '-'} (${understanding.confidence.toFixed(2)})` };
  });
  const outOfScope = results.filter(({ line }) => line.accept.includes(OUT_OF_SCOPE));
  const inScope = results.filter(({ line }) => !line.accept.includes(OUT_OF_SCOPE));
  const rightOf = (part: readonly ProbeResult[]) => part.filter((result) => result.right).length;
  console.log(`thirteenth-session causes probe b (${FILE}): in scope ${rightOf(inScope)}/${inScope.length} answered with an accepted topic or entry, out of scope ${rightOf(outOfScope)}/${outOfScope.length} refused`);
  printTally(results);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) await main();
