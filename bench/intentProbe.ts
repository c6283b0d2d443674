import { join } from 'node:path';
import { z } from 'zod';
import { intents } from '../src/content/nluSchema.js';
import { initialState, step } from '../src/engine/step.js';
import { read } from '../src/nlu/read.js';
import { loadDevQuestions, loadRepoEngine, repoRoot } from './evaluateRouting.js';

/**
 * `tsx bench/intentProbe.ts`: the dialog-act probe (bench/intentProbe.jsonl, written before measuring; a line's one accepted label is
 * its intent): each message
 * read out of context, counted right when its strongest intent is the one written; a start_binding line also counts
 * whether the message, first in a new conversation, starts the form through the real engine.
 */
export const intentProbePath = join(repoRoot, 'bench/intentProbe.jsonl');
const IntentSchema = z.enum(intents);
const probe = (await loadDevQuestions(intentProbePath)).map(({ q, accept }) => ({ text: q, intent: IntentSchema.parse(accept[0]) }));

const context = await loadRepoEngine();
const now = new Date('2026-11-22T02:00:00Z');
let right = 0;
let bindings = 0;
let started = 0;
const misses: string[] = [];
for (const { text, intent } of probe) {
  const [best] = read(text, context.reader, { pending: null }).intentScores;
  const formStarted = intent === 'start_binding' ? step(context, initialState(context, 'probe', null), { type: 'text', text }, now).state.form !== null : true;
  if (intent === 'start_binding') {
    bindings += 1;
    if (formStarted) started += 1;
  }
  if (best?.intent === intent) right += 1;
  else misses.push(`  miss: ${text}  [${intent}]  → ${best?.intent ?? '-'} (${best?.score.toFixed(2) ?? '-'})${formStarted ? '' : ', form not started'}`);
  if (best?.intent === intent && !formStarted) misses.push(`  form not started: ${text}`);
}
const share = (part: number, whole: number) => `${part}/${whole} (${((100 * part) / whole).toFixed(1)} %)`;
console.log(`intent probe: strongest intent right ${share(right, probe.length)}; start_binding lines that start the form ${share(started, bindings)}`);
for (const miss of misses) console.log(miss);
