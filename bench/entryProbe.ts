import { join } from 'node:path';
import { dialogView } from '../src/engine/accountRequests.js';
import type { ConversationState, Understanding } from '../src/engine/state.js';
import { evaluateRouting, loadDevQuestions, loadRepoEngine, repoRoot } from './evaluateRouting.js';

/**
 * `tsx bench/entryProbe.ts`: the entry probe (bench/entryProbe.jsonl, written before measuring), each line the first
 * message of a new conversation through the real engine, counted by what it started: the binding form
 * (`start_binding`), the status dialog (`status_dialog`), the unbinding dialog (`unbind_dialog`), else the topic
 * answered — a refusal counts for `out_of_scope`, a handoff to a person for `handoff`. A line accepting an FAQ topic is
 * right only when nothing started.
 */
const entryProbePath = join(repoRoot, 'bench/entryProbe.jsonl');

function served(understanding: Understanding, state: ConversationState): string | null {
  // A person asked for: a line accepting `handoff` checks that real requests for a person still reach one.
  if (understanding.route === 'handoff') return 'handoff';
  if (state.form !== null) return 'start_binding';
  const dialog = dialogView(state)?.name;
  if (dialog === 'status') return 'status_dialog';
  if (dialog === 'unbind') return 'unbind_dialog';
  return understanding.route === 'faq' ? understanding.topic : null;
}

const context = await loadRepoEngine();
const report = evaluateRouting(context, await loadDevQuestions(entryProbePath), served);
const share = (part: number, whole: number) => `${part}/${whole} (${((100 * part) / whole).toFixed(1)} %)`;
console.log(`entry probe: in scope started or answered right ${share(report.inScope.routed, report.inScope.total)}, out of scope refused ${share(report.outOfScope.refused, report.outOfScope.total)}`);
for (const miss of report.misses) console.log(`  miss: ${miss.question}  [accept ${miss.accept.join(' ')}]  → ${miss.got}`);
