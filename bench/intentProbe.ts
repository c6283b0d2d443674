import { join } from 'node:path';
import { z } from 'zod';
import { intents } from '../src/content/nluSchema.js';
import { initialState, step } from '../src/engine/step.js';
import { read } from '../src/nlu/read.js';
import { loadDevQuestions, loadRepoEngine, repoRoot } from './evaluateRouting.js';

/**
 * `tsx bench/intentProbe.ts`: the dialog-act probe (bench/intentProbe.jsonl, written before measuring; a line's one accepted label is
 * its intent): each message
 * read out of context, counted right when its strongest intent is one of those written; a start_binding line also counts
 * whether the message, first in a new conversation, starts the form through the real engine, and a question line
 * whether it leaves the form unstarted.
 */
export const intentProbePath = join(repoRoot, 'bench/intentProbe.jsonl');
const IntentSchema = z.enum(intents);
// A line's first accepted intent is what it is; a question about a binding already filed may also read as status.
const probe = (await loadDevQuestions(intentProbePath)).map(({ q, accept }) => ({ text: q, intent: IntentSchema.parse(accept[0]), accepted: accept.map((label) => IntentSchema.parse(label)) }));

const context = await loadRepoEngine();
const now = new Date('2026-11-22T02:00:00Z');
let right = 0;
let bindings = 0;
let started = 0;
let questions = 0;
let answered = 0;
const misses: string[] = [];
for (const { text, intent, accepted } of probe) {
  const [best] = read(text, context.reader, { pending: null }).intentScores;
  // A request must start the form; a question that mentions binding ("…绑了三天了正常吗") must not.
  const formStarted = step(context, initialState(context, 'probe', null), { type: 'text', text }, now).state.form !== null;
  const routedRight = intent === 'start_binding' ? formStarted : intent === 'question' ? !formStarted : true;
  if (intent === 'start_binding') {
    bindings += 1;
    if (formStarted) started += 1;
  }
  if (intent === 'question') {
    questions += 1;
    if (!formStarted) answered += 1;
  }
  const wrongForm = routedRight ? '' : formStarted ? ', form started' : ', form not started';
  if (best !== undefined && accepted.includes(best.intent)) right += 1;
  else misses.push(`  miss: ${text}  [${accepted.join('|')}]  → ${best?.intent ?? '-'} (${best?.score.toFixed(2) ?? '-'})${wrongForm}`);
  if (best !== undefined && accepted.includes(best.intent) && !routedRight) misses.push(`  ${formStarted ? 'form started' : 'form not started'}: ${text}`);
}
const share = (part: number, whole: number) => `${part}/${whole} (${((100 * part) / whole).toFixed(1)} %)`;
console.log(`intent probe: strongest intent right ${share(right, probe.length)}; start_binding lines that start the form ${share(started, bindings)}; question lines that leave it unstarted ${share(answered, questions)}`);
for (const miss of misses) console.log(miss);
