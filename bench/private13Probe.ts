import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { dialogView } from '../src/engine/accountRequests.js';
import { say } from '../src/engine/render.js';
import { initialState, step } from '../src/engine/step.js';
import type { EngineContext } from '../src/engine/engineContext.js';
import type { StepResult } from '../src/engine/state.js';
import { loadDevQuestions, loadRepoEngine, repoRoot } from './evaluateRouting.js';

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

async function main(): Promise<void> {
  const context = await loadRepoEngine();
  const questions = await loadDevQuestions(join(repoRoot, FILE));
  const causes = new Map<string, number>();
  for (const line of (await readFile(join(repoRoot, FILE), 'utf8')).split('\n').filter((text) => text.trim() !== '')) {
    const parsed = JSON.parse(line) as { q?: string; cause?: number };
    if (parsed.q !== undefined) causes.set(parsed.q, parsed.cause ?? 0);
  }
  const now = new Date('2026-11-22T02:00:00Z');
  const byCause = new Map<number, { right: number; total: number }>();
  const misses: string[] = [];
  let right = 0;
  for (const { q, accept } of questions) {
    const result = step(context, initialState(context, 'evaluation', null), { type: 'text', text: q }, now);
    const got = outcome(context, result);
    const refusalKinds = ['private_data', 'fraud', 'injection', 'out_of_scope'];
    const ok = got !== null && (accept.includes(got) || (accept.includes('out_of_scope') && refusalKinds.includes(got)));
    const cause = causes.get(q) ?? 0;
    const count = byCause.get(cause) ?? { right: 0, total: 0 };
    count.total += 1;
    if (ok) {
      count.right += 1;
      right += 1;
    } else misses.push(`  miss (cause ${cause}): ${q}  [accept ${accept.join(', ')}]  → ${got ?? `${result.understanding.route} (${result.understanding.confidence.toFixed(2)})`}`);
    byCause.set(cause, count);
  }
  console.log(`private13 probe (${FILE}): ${right}/${questions.length}`);
  console.log([...byCause].sort(([a], [b]) => a - b).map(([cause, { right: r, total }]) => `cause ${cause}: ${r}/${total}`).join('  '));
  for (const miss of misses) console.log(miss);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) await main();
