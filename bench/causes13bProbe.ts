import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { initialState, step } from '../src/engine/step.js';
import { loadDevQuestions, loadRepoEngine, repoRoot } from './evaluateRouting.js';
import { servedTopic } from './heldOutFresh.js';

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
  const questions = await loadDevQuestions(join(repoRoot, FILE));
  const causes = new Map<string, number>();
  for (const line of (await readFile(join(repoRoot, FILE), 'utf8')).split('\n').filter((text) => text.trim() !== '')) {
    const parsed = JSON.parse(line) as { q?: string; cause?: number };
    if (parsed.q !== undefined) causes.set(parsed.q, parsed.cause ?? 0);
  }
  const now = new Date('2026-11-22T02:00:00Z');
  const byCause = new Map<number, { right: number; total: number }>();
  const misses: string[] = [];
  let inScope = 0;
  let inScopeRight = 0;
  let outOfScope = 0;
  let refused = 0;
  for (const { q, accept } of questions) {
    const { understanding, state } = step(context, initialState(context, 'probe', null), { type: 'text', text: q }, now);
    const topic = accept.includes('start_binding') && state.form !== null ? 'start_binding' : servedTopic(understanding, state);
    const answered = (topic !== null && accept.includes(topic)) || (understanding.faqId !== null && accept.includes(understanding.faqId));
    const right = accept.includes(OUT_OF_SCOPE) ? understanding.route === 'refusal' || answered : answered;
    if (accept.includes(OUT_OF_SCOPE)) {
      outOfScope += 1;
      if (right) refused += 1;
    } else {
      inScope += 1;
      if (right) inScopeRight += 1;
    }
    const cause = causes.get(q) ?? 0;
    const count = byCause.get(cause) ?? { right: 0, total: 0 };
    count.total += 1;
    if (right) count.right += 1;
    byCause.set(cause, count);
    if (!right) misses.push(`  miss (cause ${cause}): ${q}  [accept ${accept.join(', ')}]  → ${understanding.route} ${topic ?? '-'}/${understanding.faqId ?? '-'} (${understanding.confidence.toFixed(2)})`);
  }
  console.log(`thirteenth-session causes probe b (${FILE}): in scope ${inScopeRight}/${inScope} answered with an accepted topic or entry, out of scope ${refused}/${outOfScope} refused`);
  console.log([...byCause].sort(([a], [b]) => a - b).map(([cause, { right, total }]) => `cause ${cause}: ${right}/${total}`).join('  '));
  for (const miss of misses) console.log(miss);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) await main();
