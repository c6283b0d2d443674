import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { dialogView } from '../src/engine/accountRequests.js';
import { say } from '../src/engine/render.js';
import { initialState, step } from '../src/engine/step.js';
import type { EngineContext } from '../src/engine/engineContext.js';
import type { StepResult } from '../src/engine/state.js';
import { loadRepoEngine } from './evaluateRouting.js';
import { printTally, probeLines, type ProbeResult } from './probeTally.js';

/**
 * `npx tsx bench/private13Probe.ts`: the thirteenth-session probe for someone else's data (bench/private13Probe.jsonl,
 * written before measuring, never trained on). Each line is the first message of a new conversation through the real
 * engine, counted by what it did: the form started (`start_binding`), the status or unbinding dialog opened
 * (`status_dialog`, `unbind_dialog`), a person asked for (`handoff`), a refusal of its kind (`private_data`, `fraud`,
 * `injection`, else `out_of_scope`) or the FAQ topic answered. `out_of_scope` in a line's accept list takes any refusal;
 * `private_data` only that refusal, since a stranger asked about must be told why nothing is shown.
 */
const FILE = 'bench/private13Probe.jsonl';

function outcome(context: EngineContext, result: StepResult): string | null {
  const { understanding, state } = result;
  if (understanding.route === 'handoff') return 'handoff';
  if (state.form !== null) return 'start_binding';
  const dialog = dialogView(state)?.name;
  if (dialog === 'status') return 'status_dialog';
  if (dialog === 'unbind') return 'unbind_dialog';
  if (understanding.route === 'refusal') {
    const texts = result.effects.flatMap((effect) => (effect.type === 'reply' ? [effect.reply.text] : []));
    const opens = (key: string) => texts.some((text) => text.startsWith(say(context.content, key, { hotline: '' }).slice(0, 12)));
    if (opens('engine.refusal.privateData')) return 'private_data';
    if (opens('engine.refusal.injection')) return 'injection';
    if (opens('engine.refusal.fraud')) return 'fraud';
    return 'out_of_scope';
  }
  return understanding.route === 'faq' ? understanding.topic : null;
}

const refusalKinds = ['private_data', 'fraud', 'injection', 'out_of_scope'];

async function main(): Promise<void> {
  const context = await loadRepoEngine();
  const now = new Date('2026-11-22T02:00:00Z');
  const results = (await probeLines(FILE)).map((line): ProbeResult => {
    const { accept } = line;
    const result = step(context, initialState(context, 'evaluation', null), { type: 'text', text: line.q }, now);
    const got = outcome(context, result);
    const right = got !== null && (accept.includes(got) || (accept.includes('out_of_scope') && refusalKinds.includes(got)));
    return { line, right, got: got ?? `${result.understanding.route} (${result.understanding.confidence.toFixed(2)})` };
  });
  console.log(`private13 probe (${FILE}): ${results.filter((result) => result.right).length}/${results.length}`);
  printTally(results);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) await main();
