import { join } from 'node:path';
import { dialogView } from '../src/engine/accountRequests.js';
import type { ConversationState, Understanding } from '../src/engine/state.js';
import { evaluateRouting, loadDevQuestions, loadRepoEngine, repoRoot } from './evaluateRouting.js';
import { servedTopic } from './heldOutFresh.js';

/**
 * `tsx bench/refusalsProbe.ts`: the refusals probe (bench/refusalsProbe.jsonl, written before measuring), each
 * question the first message of a new conversation through the real engine: someone else named by a bare name asking
 * for their records, bindings or balance refused; the person's own name, or a relative named with a relationship
 * word, taken into the status dialog (`status_dialog`: it asks who applied or verifies, never an FAQ answer about
 * the review); proofs asked for legitimately answered, faked ones refused; a newborn's enrolment refused, its binding
 * answered. The eighth session's lines add other social-insurance procedures asked with the family account's process
 * words, the face check got round or done for an absent relative, someone else's insurance asked as a status request,
 * and the legitimate questions that share their words (the file's `about` line lists them).
 */
const refusalsProbePath = join(repoRoot, 'bench/refusalsProbe.jsonl');

/** The status dialog started, else the topic served as the fresh sets count it. */
function served(understanding: Understanding, state: ConversationState): string | null {
  const dialog = dialogView(state)?.name;
  if (dialog === 'status') return 'status_dialog';
  // The unbind dialog started (a request), told apart from an answer about unbinding only where a line asks for it.
  return dialog === 'unbind' ? 'unbind_dialog' : servedTopic(understanding, state);
}

const context = await loadRepoEngine();
const report = evaluateRouting(context, await loadDevQuestions(refusalsProbePath), served);
const share = (part: number, whole: number) => `${part}/${whole} (${((100 * part) / whole).toFixed(1)} %)`;
console.log(`refusals probe: in scope routed right ${share(report.inScope.routed, report.inScope.total)}, out of scope refused ${share(report.outOfScope.refused, report.outOfScope.total)}`);
for (const miss of report.misses) console.log(`  miss: ${miss.question}  [accept ${miss.accept.join(' ')}]  → ${miss.got}`);
