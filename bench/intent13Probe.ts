import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { initialState, step } from '../src/engine/step.js';
import { loadRepoEngine } from './evaluateRouting.js';
import { printTally, probeLines, type ProbeResult } from './probeTally.js';

/**
 * `npx tsx bench/intent13Probe.ts`: the thirteenth-session intent probe (bench/intent13Probe.jsonl, written before
 * measuring, never trained on). Each line is the first message of a new conversation; what the engine did with it is
 * named binding (the form started), status or unbind (that dialog started), handoff, faq (answered from the FAQ) or chat
 * (a social turn), and counted right when it is one of the line's accepted outcomes. Prints the whole and each cause.
 */
const FILE = 'bench/intent13Probe.jsonl';
async function main(): Promise<void> {
  const context = await loadRepoEngine();
  const now = new Date('2026-11-22T02:00:00Z');
  const results = (await probeLines(FILE)).map((line): ProbeResult => {
    const { state, understanding } = step(context, initialState(context, 'probe', null), { type: 'text', text: line.q }, now);
    const outcome = state.form !== null ? 'binding' : state.unbind !== null ? 'unbind' : state.awaitingStatusId ? 'status' : understanding.route === 'handoff' ? 'handoff' : understanding.route === 'faq' ? 'faq' : understanding.route === 'refusal' && understanding.topic === null ? 'chat' : understanding.route;
    return { line, right: line.accept.includes(outcome), got: `${outcome}${understanding.faqId ? ` ${understanding.faqId}` : ''}` };
  });
  console.log(`intent13 probe (${FILE}): ${results.filter((result) => result.right).length}/${results.length} right`);
  printTally(results);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) await main();
